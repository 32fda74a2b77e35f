"""Signing in to the desk console by scanning (docs/console.md).

The console asks for a nonce and shows a mini-program code whose scene is
``cl=<nonce>``; the staff member scans it, the mini-program marks it scanned
and, when they confirm, names them as its person; the console's next poll
takes the confirmation, exactly once, and gets a console token (the same
opaque, revocable token as the mini-program's, ``kind="console"``, shorter-lived).

A nonce lives in Redis for CONSOLE_LOGIN_NONCE_TTL seconds as a hash under
the SHA-256 of the nonce: ``status`` (pending → scanned → confirmed → taken,
or cancelled), ``user_id`` once confirmed, and the browser that asked. Every
change of status is one Lua script, so two phones confirming or two polls
taking at once cannot both win. Redis unavailable: the usual 503.
"""
import base64
import hashlib
import secrets
from datetime import timedelta

from flask import current_app

from app import audit
from app.auth import tokens
from app.auth.policy import holds_any_grant
from app.errors import APIError
from app.extensions import db, redis_store
from app.models import User, utcnow
from app.wechat import WeChatClientException, WeChatUnavailable, wechat, wechat_failure

LOGIN_PAGE = "pages/console-login/console-login"
SCENE_PREFIX = "cl="
KEY_PREFIX = "console:login:"
CODE_WIDTH = 430
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

PENDING, SCANNED, CONFIRMED, TAKEN, CANCELLED, EXPIRED = (
    "pending", "scanned", "confirmed", "taken", "cancelled", "expired")

# KEYS[1] the nonce's hash; ARGV: allowed current statuses (comma-separated),
# the new status, the user id to record ("" for none). Returns the status the
# nonce had (the change happened only when it was allowed), or false if gone.
_MOVE = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return false end
local allowed = ',' .. ARGV[1] .. ','
if string.find(allowed, ',' .. status .. ',', 1, true) then
  redis.call('HSET', KEYS[1], 'status', ARGV[2])
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'user_id', ARGV[3]) end
end
return status
"""


def _key(nonce):
    return KEY_PREFIX + hashlib.sha256(nonce.encode()).hexdigest()


def _move(nonce, allowed, new_status, user_id=""):
    """Atomically ``allowed`` → ``new_status``; returns the status before (None if expired)."""
    before = redis_store.eval(_MOVE, 1, _key(nonce), ",".join(allowed), new_status, str(user_id))
    return before.decode() if isinstance(before, bytes) else before


def _ttl():
    return current_app.config["CONSOLE_LOGIN_NONCE_TTL"]


def new_nonce(address, agent):
    """A fresh nonce and its mini-program code (PNG bytes)."""
    nonce = secrets.token_urlsafe(16)  # 22 characters: the scene is 25, under WeChat's 32
    try:
        response = wechat().wxa.get_wxa_code_unlimited(scene=SCENE_PREFIX + nonce, page=LOGIN_PAGE,
                                                       width=CODE_WIDTH)
    except (WeChatClientException, WeChatUnavailable) as exc:
        raise wechat_failure(exc) from exc
    image = getattr(response, "content", None)
    if not isinstance(image, bytes) or not image.startswith(PNG_SIGNATURE):
        raise APIError("wechat_error")
    ttl = _ttl()
    key = _key(nonce)
    pipe = redis_store.pipeline()
    pipe.hset(key, mapping={"status": PENDING, "address": address or "", "agent": (agent or "")[:200],
                            "created_at": utcnow().isoformat()})
    pipe.expire(key, ttl)
    pipe.execute()
    return {
        "nonce": nonce,
        "scene": SCENE_PREFIX + nonce,
        "page": LOGIN_PAGE,
        "expires_in": ttl,
        "expires_at": utcnow() + timedelta(seconds=ttl),
        "qrcode": "data:image/png;base64," + base64.b64encode(image).decode(),
    }


def _load(nonce):
    raw = redis_store.hgetall(_key(nonce))
    if not raw:
        raise APIError("console_login_expired")
    return {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
            for k, v in raw.items()}


def _require_console_person(user):
    if not holds_any_grant(user):
        raise APIError("console_not_staff")


def scan(user, nonce):
    """The phone opened the code: mark it scanned and say which browser asked."""
    _require_console_person(user)
    found = _load(nonce)
    before = _move(nonce, (PENDING, SCANNED), SCANNED)
    if before not in (PENDING, SCANNED):
        raise APIError("console_login_expired")
    return {"status": SCANNED, "address": found.get("address") or None, "agent": found.get("agent") or None,
            "expires_in": max(0, redis_store.ttl(_key(nonce)))}


def confirm(user, nonce):
    """The person confirms on the phone: the nonce now names them."""
    _require_console_person(user)
    before = _move(nonce, (PENDING, SCANNED), CONFIRMED, user.id)
    if before not in (PENDING, SCANNED):
        raise APIError("console_login_expired")
    return {"status": CONFIRMED}


def cancel(user, nonce):
    """The person refuses on the phone; the console stops waiting."""
    _require_console_person(user)
    before = _move(nonce, (PENDING, SCANNED), CANCELLED)
    if before not in (PENDING, SCANNED, CANCELLED):
        raise APIError("console_login_expired")
    return {"status": CANCELLED}


def poll(nonce, address):
    """What the console sees. A confirmed nonce is taken by exactly one poll,
    which gets the token; every later poll sees ``expired``."""
    before = _move(nonce, (CONFIRMED,), TAKEN)
    if before is None or before in (TAKEN, EXPIRED):
        return {"status": EXPIRED}
    if before != CONFIRMED:
        return {"status": before}
    found = _load(nonce)
    user = db.session.get(User, int(found["user_id"]))
    if user is None or not user.is_active or not holds_any_grant(user):
        # Their grant was taken away between confirming and this poll.
        return {"status": EXPIRED}
    ttl = current_app.config["CONSOLE_SESSION_TTL"]
    audit.record("console_signed_in", actor=user, target=user,
                 detail={"address": address, "agent": found.get("agent") or None})
    token = tokens.issue(user, ttl, kind="console")  # commits the audit row with the session
    return {"status": CONFIRMED, "token": token, "expires_in": ttl, "user": user}
