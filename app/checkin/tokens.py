"""The rotating token inside the on-screen check-in QR code.

A token names an event, a purpose (check in or check out) and a time window
(``unix time // CHECKIN_TOKEN_WINDOW``), signed with HMAC-SHA256 under a key
derived from SECRET_KEY. It is 30 URL-safe characters, so the QR code stays
small enough to scan from the back of a lecture hall:

    base64url( version:1 | event_id:4 | purpose:1 | window:4 | mac:12 )

Validity: the token of the current window is taken. The previous window's
token is also taken during the first CHECKIN_TOKEN_GRACE seconds (5 by
default) of the current window, for a phone that scanned just before the code
on the screen rotated and whose request arrives just after. Past that grace a
token one window old is refused (token_expired), so a photo sent home stops
working within window + grace seconds (35 s by default). The next window's
token is taken in the last GRACE seconds of the current one, which covers a
few seconds of clock difference between app servers.

What the screen shows is not the bare token but a link,
``{PUBLIC_BASE_URL}/q/c?t=<token>`` (``scan_url``): WeChat's own scanner
opens the mini-program's scan page for links under the prefix registered in
the mini-program's admin console (扫普通链接二维码打开小程序), handing the
whole link over percent-encoded as ``options.q``; a plain browser gets a page
that says to scan in WeChat. ``verify`` takes the link or the bare token
(phones and printouts from before the link).
"""
import base64
import binascii
import hashlib
import hmac
import struct
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from flask import current_app

from app.errors import APIError

VERSION = 1
PURPOSES = {"checkin": 1, "checkout": 2}
_PURPOSE_NAMES = {code: name for name, code in PURPOSES.items()}
_BODY = struct.Struct(">BIBI")
MAC_BYTES = 12
TOKEN_BYTES = _BODY.size + MAC_BYTES
TOKEN_LENGTH = (TOKEN_BYTES * 4 + 2) // 3

# Tests move time with monkeypatch; production reads the system clock.
clock = time.time

_keys = {}

SCAN_PATH = "/q/c"  # the link's path under PUBLIC_BASE_URL; register PUBLIC_BASE_URL + "/q/" with WeChat


class TokenExpired(APIError):
    """A genuine token past its window; it still says whose event it was, so
    a retry from someone already checked in can be answered with their row."""

    def __init__(self, event_id, purpose):
        super().__init__("token_expired")
        self.event_id, self.purpose = event_id, purpose


@dataclass(frozen=True)
class IssuedToken:
    token: str
    event_id: int
    purpose: str
    window: int
    expires_at: float  # unix time the window ends (the code should be redrawn by then)
    refresh_in: float  # seconds from now until then


@dataclass(frozen=True)
class VerifiedToken:
    event_id: int
    purpose: str
    window: int


def _key(secret):
    key = _keys.get(secret)
    if key is None:
        key = hmac.new(secret.encode(), b"jusha/checkin-qr-token/v1", hashlib.sha256).digest()
        _keys[secret] = key
    return key


def _mac(key, body):
    return hmac.new(key, body, hashlib.sha256).digest()[:MAC_BYTES]


def _settings():
    config = current_app.config
    return config["SECRET_KEY"], config["CHECKIN_TOKEN_WINDOW"], config["CHECKIN_TOKEN_GRACE"]


def issue(event_id, purpose, now=None):
    """The token to show for ``event_id`` right now, and when to redraw it."""
    secret, window_seconds, _ = _settings()
    now = clock() if now is None else now
    window = int(now // window_seconds)
    body = _BODY.pack(VERSION, event_id, PURPOSES[purpose], window)
    token = base64.urlsafe_b64encode(body + _mac(_key(secret), body)).rstrip(b"=").decode()
    expires_at = (window + 1) * window_seconds
    return IssuedToken(token, event_id, purpose, window, expires_at, max(0.0, expires_at - now))


def scan_url(token):
    """The link the on-screen QR code encodes."""
    return f"{current_app.config['PUBLIC_BASE_URL']}{SCAN_PATH}?t={token}"


def from_scanned(text, path=SCAN_PATH):
    """The token in what a phone scanned: the link (any host: the signature
    decides, and the site may have moved) or the bare token. Anything else
    comes back as it is and fails the token check. ``path``: the link's path
    (the resident code's is /q/r)."""
    if not isinstance(text, str) or "://" not in text:
        return text
    parts = urlsplit(text.strip())
    tokens = parse_qs(parts.query).get("t") if parts.path.rstrip("/").endswith(path) else None
    return tokens[0] if tokens and len(tokens) == 1 else text


def verify(token, now=None, event_id=None):
    """The event and purpose a scanned token (or its link) names; raises
    token_invalid for anything forged, altered or malformed (or naming
    another event than ``event_id`` when given) and token_expired for a
    genuine old token."""
    secret, window_seconds, grace = _settings()
    raw = decode(from_scanned(token))
    body, mac = raw[:_BODY.size], raw[_BODY.size:]
    if not hmac.compare_digest(mac, _mac(_key(secret), body)):
        raise invalid()
    version, token_event_id, purpose_code, window = _BODY.unpack(body)
    if version != VERSION or purpose_code not in _PURPOSE_NAMES:
        raise invalid()
    if event_id is not None and token_event_id != event_id:
        raise invalid()
    now = clock() if now is None else now
    if not window_accepted(window, now, window_seconds, grace):
        raise TokenExpired(token_event_id, _PURPOSE_NAMES[purpose_code])
    return VerifiedToken(token_event_id, _PURPOSE_NAMES[purpose_code], window)


def window_accepted(window, now, window_seconds, grace):
    current = int(now // window_seconds)
    if window == current:
        return True
    into_current = now - current * window_seconds
    if window == current - 1:
        return into_current < grace
    if window == current + 1:
        return window_seconds - into_current < grace
    return False


def decode(token, length=TOKEN_LENGTH, size=TOKEN_BYTES, error=None):
    """The bytes of a base64url token of ``size`` bytes (``length`` characters),
    or ``error()`` (token_invalid by default)."""
    error = error or invalid
    if not isinstance(token, str) or len(token) != length:
        raise error()
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise error() from None
    # Non-canonical encodings (stray low bits in the last character) decode to
    # the same bytes; refuse them so one token has exactly one spelling.
    if len(raw) != size or base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != token:
        raise error()
    return raw


def invalid():
    # The login token's "token_invalid" is a 401 (log in again); this one is
    # about the QR code, so it is a 400 and the mini-program stays logged in.
    return APIError("token_invalid", "签到码无效，请扫描活动现场屏幕上的签到码", status=400)
