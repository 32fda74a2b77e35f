"""The printed poster: a mini-program code (wxacode.getUnlimited) whose
``scene`` names the event, so scanning it with WeChat opens the check-in page.

The scene is ``e<event id in base 36>-<6 random letters/digits>``: unique
because of the id, not guessable from a neighbouring event's poster, and far
under WeChat's 32 characters. A check-out poster appends ``.o``. The PNG is
cached in Redis (base64, POSTER_CACHE_SECONDS) so a reprint does not call
WeChat again; without Redis it is simply fetched again.
"""
import base64
import logging
import secrets
import string

import redis
from flask import current_app
from sqlalchemy import update

from app.checkin import event_cache
from app.checkin.service import CHECKOUT_SUFFIX
from app.errors import APIError
from app.extensions import db, redis_store
from app.models import Event
from app.wechat import WeChatClientException, WeChatUnavailable, wechat, wechat_failure

log = logging.getLogger(__name__)

SCAN_PAGE = "pages/scan/scan"
POSTER_WIDTH = 860
_RANDOM_ALPHABET = string.ascii_lowercase + string.digits
_DIGITS36 = string.digits + string.ascii_lowercase
CACHE_PREFIX = "checkin:poster:"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _base36(number):
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS36[rest] + digits
        if number == 0:
            return digits


def ensure_scene(event):
    """The event's scene, assigned once; two organisers asking at the same
    moment both end up with the one that was stored first."""
    if event.scene:
        return event.scene
    candidate = f"e{_base36(event.id)}-" + "".join(secrets.choice(_RANDOM_ALPHABET) for _ in range(6))
    db.session.execute(update(Event).where(Event.id == event.id, Event.scene.is_(None)).values(scene=candidate))
    db.session.commit()
    db.session.refresh(event)
    event_cache.forget(event.id)
    return event.scene


def poster_png(event, purpose):
    if event.latitude is None or event.longitude is None:
        # A poster can be photographed; without a place to compare the phone's
        # location with, anyone could check in from home.
        raise APIError("event_location_missing")
    scene = ensure_scene(event) + (CHECKOUT_SUFFIX if purpose == "checkout" else "")
    cached = _cached(scene)
    if cached is not None:
        return cached
    try:
        response = wechat().wxa.get_wxa_code_unlimited(scene=scene, page=SCAN_PAGE, width=POSTER_WIDTH)
    except (WeChatClientException, WeChatUnavailable) as exc:
        raise wechat_failure(exc) from exc
    image = getattr(response, "content", None)
    if not isinstance(image, bytes) or not image.startswith(PNG_SIGNATURE):
        log.warning("wxacode answer was not a PNG: %r", response if isinstance(response, dict) else type(response))
        raise APIError("wechat_error")
    _remember(scene, image)
    return image


def _cached(scene):
    try:
        encoded = redis_store.get(CACHE_PREFIX + scene)
    except redis.RedisError:
        return None
    return base64.b64decode(encoded) if encoded else None


def _remember(scene, image):
    try:
        redis_store.set(CACHE_PREFIX + scene, base64.b64encode(image).decode(),
                        ex=current_app.config["POSTER_CACHE_SECONDS"])
    except redis.RedisError:
        log.warning("redis unavailable: poster not cached")
