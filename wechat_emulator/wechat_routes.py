"""The emulated api.weixin.qq.com paths.

Like WeChat: HTTP 200 always, JSON ``{"errcode", "errmsg"}`` on failure, request
bodies parsed as JSON whatever their Content-Type (wechatpy sends none), and
``access_token`` taken from the query string only.
"""

from __future__ import annotations

import json
from functools import wraps

from flask import Blueprint, Response, current_app, request

from . import errors as E
from . import fields, mediacheck, seccheck, wxacode
from .errors import WxError

bp = Blueprint("wechat", __name__)
JSON_TYPE = "application/json; encoding=utf-8"


def _state():
    return current_app.extensions["wechat_emulator"]


def reply(payload: dict) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status=200, content_type=JSON_TYPE)


@bp.errorhandler(WxError)
def _wx_error(exc: WxError):
    state = _state()
    state.count_error(exc.errcode)
    return reply(exc.payload(state.rid_suffix))


def api(*methods):
    """Route guard: answer 43001/43002 for a wrong method, as WeChat does."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method not in methods:
                raise WxError(E.REQUIRE_POST if "POST" in methods else E.REQUIRE_GET)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def json_body(bad_json: int = E.DATA_FORMAT_ERROR) -> dict:
    raw = request.get_data(cache=True)
    if not raw or not raw.strip():
        raise WxError(E.EMPTY_POST_DATA)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WxError(bad_json) from None
    if not isinstance(body, dict):
        raise WxError(bad_json)
    return body


def token_appid() -> str:
    return _state().check_token(request.args.get("access_token"))


# -- access tokens ------------------------------------------------------------
@bp.route("/cgi-bin/token", methods=["GET", "POST"])
@api("GET", "POST")
def get_access_token():
    args = request.args
    if args.get("grant_type") != "client_credential":
        raise WxError(E.INVALID_GRANT_TYPE)
    state = _state()
    state.check_app(args.get("appid"), args.get("secret"))
    token, expires_in = state.issue_token(args["appid"])
    return reply({"access_token": token, "expires_in": expires_in})


@bp.route("/cgi-bin/stable_token", methods=["GET", "POST"])
@api("POST")
def get_stable_access_token():
    body = json_body()
    if body.get("grant_type") != "client_credential":
        raise WxError(E.INVALID_GRANT_TYPE)
    force = body.get("force_refresh", False)
    if not isinstance(force, bool):
        raise WxError(E.DATA_FORMAT_ERROR)
    state = _state()
    state.check_app(body.get("appid"), body.get("secret"))
    token, expires_in = state.stable_token(body["appid"], force_refresh=force)
    return reply({"access_token": token, "expires_in": expires_in})


# -- login and phone ------------------------------------------------------------
@bp.route("/sns/jscode2session", methods=["GET", "POST"])
@api("GET", "POST")
def code2session():
    args = request.args
    state = _state()
    state.check_app(args.get("appid"), args.get("secret"))
    if args.get("grant_type") != "authorization_code":
        raise WxError(E.INVALID_GRANT_TYPE)
    code = args.get("js_code")
    if not code:
        raise WxError(E.CODE_MISSING)
    return reply(state.exchange_login_code(args["appid"], code))


@bp.route("/wxa/business/getuserphonenumber", methods=["GET", "POST"])
@api("POST")
def get_phone_number():
    appid = token_appid()
    body = json_body()
    code = body.get("code")
    if not code:
        raise WxError(E.CODE_MISSING)
    info = _state().exchange_phone_code(appid, code, body.get("openid"))
    return reply({"errcode": 0, "errmsg": "ok", "phone_info": info})


# -- mini-program code ------------------------------------------------------------
@bp.route("/wxa/getwxacodeunlimit", methods=["GET", "POST"])
@api("POST")
def get_unlimited_qrcode():
    appid = token_appid()
    state = _state()
    body = json_body(bad_json=E.INVALID_SCENE_LENGTH)  # "...or the data is not json string"
    args = wxacode.check_request(body, state.pages)
    text = wxacode.wxacode_text(appid, args["page"], args["scene"])
    png = wxacode.render_png(text, args["width"], args["line_color"], args["is_hyaline"])
    state.record_wxacode({"appid": appid, "text": text, "time": state.now(), **args})
    return Response(png, status=200, content_type="image/png")


# -- subscribe messages ---------------------------------------------------------------
@bp.route("/cgi-bin/message/subscribe/send", methods=["GET", "POST"])
@api("POST")
def subscribe_send():
    appid = token_appid()
    state = _state()
    body = json_body()
    openid = body.get("touser")
    if not isinstance(openid, str) or not openid:
        raise WxError(E.INVALID_OPENID)
    state.check_openid(appid, openid)
    tid = body.get("template_id")
    template = state.templates.get(tid) if isinstance(tid, str) else None
    if template is None:
        raise WxError(E.INVALID_TEMPLATE_ID)
    values = fields.validate_data(template, body.get("data"))
    mp_state = body.get("miniprogram_state", "formal")
    lang = body.get("lang", "zh_CN")
    if mp_state not in ("developer", "trial", "formal") or lang not in ("zh_CN", "en_US", "zh_HK", "zh_TW"):
        raise WxError(E.DATA_FORMAT_ERROR)
    page = body.get("page")
    if page is not None and not isinstance(page, str):
        raise WxError(E.DATA_FORMAT_ERROR)
    if page and mp_state == "formal":
        path = page.split("?", 1)[0].lstrip("/")
        if path not in state.pages:
            raise WxError(E.INVALID_PAGE)
    msgid = state.deliver(appid, openid, template, page or None, body.get("data"), values, mp_state, lang)
    return reply({"errcode": 0, "errmsg": "ok", "msgid": msgid})


# -- content security ------------------------------------------------------------------
@bp.route("/wxa/msg_sec_check", methods=["GET", "POST"])
@api("POST")
def msg_sec_check():
    appid = token_appid()
    state = _state()
    body = json_body()
    risky = state.risky_words
    if body.get("version") in (None, 1, "1"):
        return reply(seccheck.check_v1(body, risky))
    scene, openid = seccheck.parse_v2(body)
    user = state.check_openid(appid, openid, mismatch_code=E.APPID_OPENID_MISMATCH)
    if user.last_visit is None or state.now() - user.last_visit > state.visit_window:
        raise WxError(E.USER_VISIT_EXPIRED)
    return reply(seccheck.check_v2(body, scene, risky))


@bp.route("/wxa/media_check_async", methods=["GET", "POST"])
@api("POST")
def media_check_async():
    """mediaCheckAsync v2: a trace id now, the verdict later by message push."""
    appid = token_appid()
    state = _state()
    args = mediacheck.parse_request(json_body())
    user = state.check_openid(appid, args["openid"], mismatch_code=E.APPID_OPENID_MISMATCH)
    if user.last_visit is None or state.now() - user.last_visit > state.visit_window:
        raise WxError(E.USER_VISIT_EXPIRED)
    return reply({"errcode": 0, "errmsg": "ok", "trace_id": state.start_media_check(appid, args)})
