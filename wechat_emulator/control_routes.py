"""Control API under /_emulator/: what the mini-program and the user would do, plus knobs.

JSON in, JSON out. Bad input answers HTTP 400 ``{"error": "..."}``; these paths
are never counted as WeChat calls and never hit by injected faults.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from . import qrlinks

bp = Blueprint("emulator_control", __name__, url_prefix="/_emulator")


class ControlError(Exception):
    pass


def _state():
    return current_app.extensions["wechat_emulator"]


def _json(payload, status=200) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status=status,
                    content_type="application/json; charset=utf-8")


@bp.errorhandler(ControlError)
@bp.errorhandler(ValueError)
@bp.errorhandler(TypeError)
def _bad_request(exc):
    return _json({"error": str(exc)}, 400)


def _body() -> dict:
    raw = request.get_data(cache=True)
    if not raw or not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ControlError(f"body is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ControlError("body must be a JSON object")
    return body


def _require(body: dict, key: str):
    if not body.get(key):
        raise ControlError(f"{key} is required")
    return body[key]


@bp.get("/")
def info():
    state = _state()
    return _json({
        "emulator": "wechat",
        "apps": sorted(state.apps),
        "default_appid": state.default_appid,
        "templates": [t.to_dict() for t in state.templates.values()],
        "config": state.config(),
    })


@bp.post("/login-codes")
def login_codes():
    body = _body()
    return _json(_state().mint_login_code(openid=body.get("openid"), unionid=body.get("unionid"),
                                          appid=body.get("appid")))


@bp.post("/phone-codes")
def phone_codes():
    body = _body()
    return _json(_state().mint_phone_code(_require(body, "phone"), openid=body.get("openid"),
                                          appid=body.get("appid"),
                                          country_code=body.get("country_code", "86")))


@bp.post("/subscriptions")
def grant_subscription():
    body = _body()
    state = _state()
    openid = _require(body, "openid")
    template = state.resolve_template(_require(body, "template_id"))
    if template is None:
        raise ControlError(f"unknown template {body['template_id']}")
    remaining = state.grant_subscription(openid, template.id, body.get("count", 1))
    return _json({"openid": openid, "template_id": template.id, "remaining": remaining})


@bp.get("/subscriptions")
def list_subscriptions():
    openid = request.args.get("openid")
    if not openid:
        raise ControlError("openid is required")
    return _json({"openid": openid, "quotas": _state().quota_of(openid)})


@bp.get("/messages")
def messages():
    args = request.args
    return _json({"messages": _state().message_list(args.get("openid"), args.get("template_id"))})


@bp.get("/users")
def users():
    from dataclasses import asdict

    state = _state()
    with state._lock:
        listed = [asdict(u) for u in state.users.values()]
    return _json({"users": listed})


@bp.get("/templates")
def templates():
    return _json({"templates": [t.to_dict() for t in _state().templates.values()]})


@bp.get("/stats")
def stats():
    return _json(_state().stats())


@bp.get("/tokens")
def tokens():
    return _json({"tokens": _state().token_list()})


@bp.post("/tokens/expire")
def expire_tokens():
    return _json({"expired": _state().expire_tokens(_body().get("appid"))})


@bp.post("/tokens/invalidate")
def invalidate_tokens():
    return _json({"invalidated": _state().invalidate_tokens(_body().get("appid"))})


@bp.post("/faults")
def add_fault():
    body = _body()
    fault = _state().add_fault(_require(body, "kind"), count=body.get("count", 1), path=body.get("path"),
                               delay=body.get("delay", 1.0))
    return _json(fault)


@bp.get("/faults")
def list_faults():
    return _json({"faults": _state().fault_list()})


@bp.delete("/faults")
def clear_faults():
    return _json({"cleared": _state().clear_faults()})


@bp.post("/scan")
def scan_link():
    """A person scans a plain QR code holding ``{url}`` with WeChat's 扫一扫:
    ``{opens: "miniprogram", path, query: {q, scancode_time}, scene}`` (the
    launch options the page's onLoad gets) when a published qrcode rule
    matches, else ``{opens: "browser", url}``."""
    url = str(_require(_body(), "url"))
    state = _state()
    options = qrlinks.launch(state.qrcode_rules, url, state.now())
    if options is None:
        return _json({"opens": "browser", "url": url})
    return _json({"opens": "miniprogram", **options})


@bp.get("/media-checks")
def media_checks():
    """Every mediaCheckAsync call: trace_id, media_url, openid, delivered, suggest, push_status."""
    return _json({"media_checks": _state().media_check_list()})


@bp.post("/media-checks/deliver")
def deliver_media_checks():
    """Judge and push the pending checks now ({trace_id?, suggest?: pass|risky|review})."""
    body = _body()
    suggest = body.get("suggest")
    if suggest not in (None, "pass", "risky", "review"):
        raise ControlError("suggest must be pass, risky or review")
    return _json({"delivered": _state().deliver_media_checks(body.get("trace_id"), suggest)})


@bp.get("/config")
def get_config():
    return _json(_state().config())


@bp.post("/config")
def set_config():
    return _json(_state().configure(**_body()))


@bp.post("/clock")
def clock():
    """Advance the emulator clock: {"advance": seconds}."""
    offset = _state().advance(float(_body().get("advance", 0)))
    return _json({"offset": offset})


@bp.post("/reset")
def reset():
    _state().reset()
    return _json({"reset": True})
