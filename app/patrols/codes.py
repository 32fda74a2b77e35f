"""The code printed on a checkpoint's poster: ``jsxf1.<checkpoint id>.<mac>``.

The MAC is HMAC-SHA256 (truncated to 12 bytes) under a key derived from
SECRET_KEY for this purpose alone (``app.keys.derived_key``), so a patrol
code cannot be forged from, or mistaken for, a check-in token. It never
expires: a poster hangs on a wall for years. Scanned with wx.scanCode in the
live patrol page; the patrol decides whether the checkpoint is on its route.
"""
import base64
import hashlib
import hmac

from app.keys import derived_key

PREFIX = "jsxf1"
KEY_PURPOSE = "patrol-checkpoint-code"
MAC_BYTES = 12


def _mac(checkpoint_id):
    digest = hmac.new(derived_key(KEY_PURPOSE), f"{PREFIX}.{checkpoint_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:MAC_BYTES]).rstrip(b"=").decode()


def code_for(checkpoint_id):
    return f"{PREFIX}.{checkpoint_id}.{_mac(checkpoint_id)}"


def checkpoint_id_of(code):
    """The checkpoint id a genuine code names, else None."""
    if not isinstance(code, str) or len(code) > 64:
        return None
    parts = code.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isdigit() or len(parts[1]) > 10:
        return None
    checkpoint_id = int(parts[1])
    return checkpoint_id if hmac.compare_digest(parts[2], _mac(checkpoint_id)) else None
