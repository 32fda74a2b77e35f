"""The one way the app talks to WeChat."""
from flask import current_app
from wechatpy.exceptions import WeChatClientException

from app.errors import APIError
from app.extensions import redis_store
from app.wechat.client import SharedTokenWeChatClient, WeChatUnavailable

__all__ = ["ask_wechat", "wechat", "wechat_failure", "WeChatClientException", "WeChatUnavailable"]


def wechat():
    """This process's client (one per app; it holds a connection pool)."""
    client = current_app.extensions.get("jusha_wechat")
    if client is None:
        config = current_app.config
        client = SharedTokenWeChatClient(
            config["WECHAT_APPID"],
            config["WECHAT_SECRET"],
            api_base=config["WECHAT_API_BASE"],
            redis_client=redis_store.client,
            timeout=config["WECHAT_TIMEOUT"],
        )
        current_app.extensions["jusha_wechat"] = client
    return client


def wechat_failure(exc):
    """An APIError (502) for a WeChat failure nobody handled more precisely."""
    if isinstance(exc, WeChatUnavailable):
        return APIError("wechat_unavailable")
    errcode = getattr(exc, "errcode", None)
    if errcode == 45009 or errcode == 45011:
        return APIError("rate_limited", "微信接口调用太频繁，请稍后再试", status=429)
    return APIError("wechat_error", details={"errcode": errcode, "errmsg": getattr(exc, "errmsg", None)})


def ask_wechat(call, *args, errors=None, **kwargs):
    """Run ``call(*args, **kwargs)`` against WeChat. An errcode listed in
    ``errors`` (errcode -> APIError code) becomes that client error; any other
    failure becomes a 502 (or 429 for WeChat's own rate limit)."""
    try:
        return call(*args, **kwargs)
    except WeChatClientException as exc:
        if errors and exc.errcode in errors:
            raise APIError(errors[exc.errcode], details={"errcode": exc.errcode}) from exc
        raise wechat_failure(exc) from exc
    except WeChatUnavailable as exc:
        raise wechat_failure(exc) from exc
