"""The resident's own code (居民码), which an organiser's phone scans: the
reverse of the usual flow, for people who cannot scan themselves.

Two kinds, both signed with HMAC-SHA256 under a key derived from SECRET_KEY
for this purpose alone, and both 28 URL-safe characters:

    base64url( kind:1 | user_id:4 | n:4 | mac:12 )

* kind 1, **rotating**: shown in the resident's mini-program (我的 → 居民码);
  ``n`` is the time window (``unix time // RESIDENT_CODE_WINDOW``), so a
  screenshot sent to someone else stops working within a window and its grace.
* kind 2, **card**: printed on a resident card (居民卡) for someone without a
  smartphone; ``n`` is the card's id, and the card is valid while its row is
  not revoked (reissuing a card revokes the old one).

The QR codes carry a link, ``{PUBLIC_BASE_URL}/q/r?t=<code>``, under the
prefix registered with WeChat, so WeChat's own scanner opens the
mini-program (which then explains that the organiser scans this code);
``verify`` takes the link or the bare code.
"""
import base64
import hashlib
import hmac
import struct
from dataclasses import dataclass

from flask import current_app

from app.checkin import tokens
from app.errors import APIError
from app.extensions import db
from app.models import ResidentCard

ROTATING, CARD = 1, 2
_BODY = struct.Struct(">BII")
MAC_BYTES = 12
CODE_BYTES = _BODY.size + MAC_BYTES
CODE_LENGTH = (CODE_BYTES * 4 + 2) // 3
SCAN_PATH = "/q/r"

_keys = {}


@dataclass(frozen=True)
class ResidentCode:
    code: str
    url: str
    expires_at: float | None  # unix time (rotating codes only)
    refresh_in: float | None


@dataclass(frozen=True)
class VerifiedCode:
    user_id: int
    kind: int
    card_id: int | None


def _key():
    secret = current_app.config["SECRET_KEY"]
    key = _keys.get(secret)
    if key is None:
        key = hmac.new(secret.encode(), b"jusha/resident-code/v1", hashlib.sha256).digest()
        _keys[secret] = key
    return key


def _sign(kind, user_id, n):
    body = _BODY.pack(kind, user_id, n)
    mac = hmac.new(_key(), body, hashlib.sha256).digest()[:MAC_BYTES]
    return base64.urlsafe_b64encode(body + mac).rstrip(b"=").decode()


def scan_url(code):
    return f"{current_app.config['PUBLIC_BASE_URL']}{SCAN_PATH}?t={code}"


def rotating(user_id, now=None):
    """The code the resident's phone shows now, and when to redraw it."""
    window_seconds = current_app.config["RESIDENT_CODE_WINDOW"]
    now = tokens.clock() if now is None else now
    window = int(now // window_seconds)
    code = _sign(ROTATING, user_id, window)
    expires_at = (window + 1) * window_seconds
    return ResidentCode(code, scan_url(code), expires_at, max(0.0, expires_at - now))


def card_code(card):
    code = _sign(CARD, card.user_id, card.id)
    return ResidentCode(code, scan_url(code), None, None)


def verify(text, now=None):
    """Whose code this is. Raises resident_code_invalid for anything forged
    or malformed, resident_code_expired for an old rotating code (``now`` is
    when the scan was made: an offline scan is judged by its own time), and
    card_revoked for a card that was replaced or withdrawn."""
    raw = tokens.decode(tokens.from_scanned(text, SCAN_PATH), CODE_LENGTH, CODE_BYTES, invalid)
    body, mac = raw[:_BODY.size], raw[_BODY.size:]
    if not hmac.compare_digest(mac, hmac.new(_key(), body, hashlib.sha256).digest()[:MAC_BYTES]):
        raise invalid()
    kind, user_id, n = _BODY.unpack(body)
    if kind == ROTATING:
        now = tokens.clock() if now is None else now
        if not tokens.window_accepted(n, now, current_app.config["RESIDENT_CODE_WINDOW"],
                                       current_app.config["CHECKIN_TOKEN_GRACE"]):
            raise APIError("resident_code_expired")
        return VerifiedCode(user_id, ROTATING, None)
    if kind == CARD:
        card = db.session.get(ResidentCard, n)
        if card is None or card.user_id != user_id:
            raise invalid()
        if card.revoked_at is not None:
            raise APIError("card_revoked")
        return VerifiedCode(user_id, CARD, card.id)
    raise invalid()


def invalid():
    return APIError("resident_code_invalid")
