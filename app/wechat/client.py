"""wechatpy, pointed at ``WECHAT_API_BASE`` and sharing one access token
across every process through Redis.

wechatpy's own retry refreshes the token on 40001/42001 from every process
that sees the error, and retries without end if the new token fails too.
Here the refresh happens under a Redis lock, a process that waited for the
lock takes the token another process just fetched, and a call is retried
once at most.
"""
import logging
import time
from urllib.parse import urlsplit

import redis
import requests
from wechatpy.client import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session.redisstorage import RedisStorage

from app import metrics
from app.redis_breaker import always_try

log = logging.getLogger(__name__)

TOKEN_ERRORS = (40001, 40014, 42001)
# Refresh this long before WeChat's expiry, so a call never carries a token
# that dies on the way.
TOKEN_EARLY_REFRESH = 300


class WeChatUnavailable(Exception):
    """WeChat did not answer (timeout, dropped connection, HTTP error)."""


class FallbackRedisStorage(RedisStorage):
    """wechatpy's Redis storage that keeps a copy in the process, so a Redis
    outage costs each process one token fetch instead of failing every call."""

    def __init__(self, redis_client, prefix):
        super().__init__(redis_client, prefix=prefix)
        self._local = {}

    def get(self, key, default=None):
        try:
            return super().get(key, default)
        except redis.RedisError:
            log.warning("redis unavailable: using this process's copy of %s", key)
            value, expires = self._local.get(key, (None, 0))
            return value if value is not None and expires > time.time() else default

    def set(self, key, value, ttl=None):
        self._local[key] = (value, time.time() + (ttl or 7200))
        try:
            super().set(key, value, ttl)
        except redis.RedisError:
            log.warning("redis unavailable: %s kept in this process only", key)

    def delete(self, key):
        self._local.pop(key, None)
        try:
            super().delete(key)
        except redis.RedisError:
            log.warning("redis unavailable: %s not deleted there", key)


class SharedTokenWeChatClient(WeChatClient):
    def __init__(self, appid, secret, api_base, redis_client, timeout=5.0, lock_timeout=10.0):
        super().__init__(
            appid,
            secret,
            session=FallbackRedisStorage(redis_client, prefix="wechat"),
            timeout=timeout,
            auto_retry=False,
        )
        self.api_base = api_base.rstrip("/")
        self.API_BASE_URL = self.api_base + "/cgi-bin/"
        self.wxa.API_BASE_URL = self.api_base + "/"
        self._redis = redis_client
        self._lock_timeout = lock_timeout

    # -- the access token -------------------------------------------------
    @property
    def access_token(self):
        token = self.session.get(self.access_token_key)
        if token:
            return token
        return self.refresh_access_token(stale_token=None)

    def fetch_access_token(self):
        """wechatpy's entry point; always goes through the shared lock."""
        self.refresh_access_token(stale_token=self.session.get(self.access_token_key))
        return {"access_token": self.session.get(self.access_token_key)}

    def refresh_access_token(self, stale_token):
        """Fetch a new token unless another process already replaced ``stale_token``.

        Rare (every two hours, or on 40001), and one fetch for all processes
        depends on Redis: tried even while the Redis breaker is open (a
        blip must not make every process fetch its own token)."""
        with always_try():
            return self._refresh_under_lock(stale_token)

    def _refresh_under_lock(self, stale_token):
        lock = self._redis.lock(
            f"wechat:{self.appid}:token-lock",
            timeout=self._lock_timeout,
            blocking_timeout=self._lock_timeout,
        )
        try:
            acquired = lock.acquire()
        except redis.RedisError:
            acquired = False
            lock = None
        try:
            current = self.session.get(self.access_token_key)
            if current and current != stale_token:
                return current
            return self._fetch_from_wechat()
        finally:
            if lock is not None and acquired:
                try:
                    lock.release()
                except redis.RedisError:
                    log.warning("could not release the WeChat token lock", exc_info=True)

    def _fetch_from_wechat(self):
        try:
            result = self._send(
                "get",
                self.api_base + "/cgi-bin/token",
                params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
            )
        except WeChatUnavailable:
            metrics.count_wechat_call("cgi-bin/token", "unavailable")
            raise
        metrics.count_wechat_call("cgi-bin/token", result.get("errcode") or 0)
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result.get("errmsg"), client=self)
        expires_in = int(result.get("expires_in", 7200))
        ttl = max(expires_in - TOKEN_EARLY_REFRESH, expires_in // 2, 1)
        self.session.set(self.access_token_key, result["access_token"], ttl)
        self.expires_at = int(time.time()) + ttl
        log.info("fetched a new WeChat access token")
        return result["access_token"]

    def _send(self, method, url, **kwargs):
        try:
            response = self._http.request(method, url, timeout=self.timeout, **kwargs)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as exc:
            raise WeChatUnavailable(str(exc)) from exc

    # -- every API call ---------------------------------------------------
    def _request(self, method, url_or_endpoint, **kwargs):
        params = kwargs.setdefault("params", {})
        if "access_token" not in params:
            params["access_token"] = self.access_token
        used_token = params["access_token"]
        try:
            return self._request_once(method, url_or_endpoint, **kwargs)
        except WeChatClientException as exc:
            if exc.errcode not in TOKEN_ERRORS:
                raise
            log.info("WeChat said %s for the access token; refreshing once", exc.errcode)
            try:
                params["access_token"] = self.refresh_access_token(stale_token=used_token)
            except (WeChatUnavailable, WeChatClientException) as refresh_failure:
                # WeChat refused the call itself: nothing was done or delivered.
                # Report that refusal, not the refresh's failure (a dropped
                # connection there says nothing about the call), so a caller
                # knows the call is safe to repeat.
                log.warning("refreshing the access token failed (%s); the call stays refused", refresh_failure)
                raise exc from refresh_failure
            return self._request_once(method, url_or_endpoint, **kwargs)

    def _request_once(self, method, url_or_endpoint, **kwargs):
        api = self._api_name(url_or_endpoint, kwargs.get("api_base_url", self.API_BASE_URL))
        try:
            result = super()._request(method, url_or_endpoint, **kwargs)
        except requests.RequestException as exc:
            metrics.count_wechat_call(api, "unavailable")
            raise WeChatUnavailable(str(exc)) from exc
        except WeChatClientException as exc:
            metrics.count_wechat_call(api, "unavailable" if exc.errcode is None else exc.errcode)
            if exc.errcode is None:
                raise WeChatUnavailable(str(exc)) from exc
            raise
        metrics.count_wechat_call(api, 0)
        return result

    def _api_name(self, url_or_endpoint, api_base_url):
        """The API's path below WECHAT_API_BASE (``cgi-bin/message/subscribe/send``):
        a metric label, so never the query (it carries the access token)."""
        url = url_or_endpoint if url_or_endpoint.startswith(("http://", "https://")) \
            else api_base_url + url_or_endpoint
        path, base = urlsplit(url).path, urlsplit(self.api_base).path.rstrip("/")
        return (path[len(base):] if base and path.startswith(base) else path).lstrip("/")

    # -- calls wechatpy 1.8.18 does not have ------------------------------
    def get_phone_number(self, code):
        return self.wxa._post("wxa/business/getuserphonenumber", data={"code": code})

    def msg_sec_check(self, content, openid, scene=3):
        """msgSecCheck v2 (wechatpy only has v1)."""
        return self.wxa._post(
            "wxa/msg_sec_check",
            data={"content": content, "version": 2, "scene": scene, "openid": openid},
        )

    def media_check_async(self, media_url, openid, scene, media_type=2):
        """mediaCheckAsync v2: WeChat fetches ``media_url`` and answers later
        by message push (event ``wxa_media_check``); returns ``trace_id``."""
        return self.wxa._post(
            "wxa/media_check_async",
            data={"media_url": media_url, "media_type": media_type, "version": 2, "scene": scene,
                  "openid": openid},
        )
