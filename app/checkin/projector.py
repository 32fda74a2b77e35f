"""The lecture hall's projector: a short-lived signed link that shows the
rotating QR code full screen in any browser, without WeChat or a login.

The link carries (event, purpose, organiser) signed with SECRET_KEY and a
timestamp; it works for PROJECTOR_LINK_TTL (6 hours). Every refresh checks
again that the organiser is active and still manages the event, so taking an
organiser's scope away also stops the projector links they handed out.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.auth import policy
from app.checkin import event_cache, qr, tokens
from app.checkin.attendance import live_counts
from app.checkin.service import DIRECTIONS
from app.errors import APIError
from app.extensions import db
from app.models import User, utcnow

SALT = "jusha/projector-link/v1"
_PURPOSE_CODES = {"checkin": "i", "checkout": "o"}
_PURPOSES = {code: purpose for purpose, code in _PURPOSE_CODES.items()}


@dataclass(frozen=True)
class ProjectorLink:
    signed: str
    expires_at: datetime


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue(event_id, purpose, organiser_id):
    signed = _serializer().dumps([event_id, _PURPOSE_CODES[purpose], organiser_id])
    expires = utcnow().timestamp() + current_app.config["PROJECTOR_LINK_TTL"]
    return ProjectorLink(signed, datetime.fromtimestamp(expires, timezone.utc))


def open_link(signed):
    """(event snapshot, purpose) for a link that is genuine, unexpired, and
    whose organiser still manages the event; else projector_link_invalid."""
    try:
        event_id, purpose_code, organiser_id = _serializer().loads(
            signed, max_age=current_app.config["PROJECTOR_LINK_TTL"])
    except (SignatureExpired, BadSignature, TypeError, ValueError):
        raise APIError("projector_link_invalid") from None
    event = event_cache.get(event_id) if isinstance(event_id, int) else None
    organiser = db.session.get(User, organiser_id) if isinstance(organiser_id, int) else None
    if (event is None or purpose_code not in _PURPOSES or organiser is None or not organiser.is_active
            or not policy.events.may_manage(organiser, event)):
        raise APIError("projector_link_invalid")
    return event, _PURPOSES[purpose_code]


def state(event, purpose):
    """What the projector page shows now: the code, when to redraw it, the
    live count, and whether the window is open."""
    issued = tokens.issue(event.id, purpose)
    counts = live_counts(event.id)
    opens, closes = event.window(DIRECTIONS[purpose])
    now = utcnow()
    if event.status == "cancelled":
        phase = "cancelled"
    elif now < opens:
        phase = "not_open"
    elif now > closes:
        phase = "closed"
    else:
        phase = "open"
    return {
        "event_id": event.id,
        "title": event.title,
        "purpose": purpose,
        "phase": phase,
        "opens_at": opens,
        "closes_at": closes,
        "token": issued.token,
        "svg": qr.inline_svg(tokens.scan_url(issued.token)),
        "expires_at": datetime.fromtimestamp(issued.expires_at, timezone.utc),
        "refresh_in": round(issued.refresh_in, 3),
        "checked_in": counts["checked_in"],
        "checked_out": counts["checked_out"],
    }
