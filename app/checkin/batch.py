"""Offline scans uploaded in a batch (POST /api/v1/events/{id}/checkins/batch).

The organiser's phone keeps scanning residents' codes with no network: each
scan gets a nonce made on the phone, waits in the phone's storage as 待同步,
and is uploaded when the network returns, perhaps more than once (a lost
answer, a second tap, the page reopened). Each item is applied exactly once
by its nonce, in its own short transaction:

1. ``INSERT INTO offline_scans ... ON CONFLICT (nonce) DO NOTHING``: the first
   upload claims the nonce. A second upload racing it waits on the unique
   index until the first commits, then finds the row and answers with the
   outcome recorded there (``replayed``), adding nothing.
2. The scan is judged as if made at its own ``scanned_at`` (window,
   registration, capacity; a rotating code's window too) and inserted into
   checkins with the usual ON CONFLICT, so a batch overlapping live scans
   still leaves one row per (event, person, direction).
3. The outcome (checked_in, already_checked_in, or the refusal's code) is
   written on the nonce's row and committed with the check-in.

Every item gets its own answer: a malformed item, a forged or revoked code, a
nonce reused with other content, a time in the future or too long ago. The
batch as a whole is refused only when it is too large (nothing applied).
"""
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from app.checkin import event_cache
from app.checkin.resident_scan import check_in_by_code, person_label
from app.checkin.service import announce
from app.errors import APIError
from app.extensions import db
from app.models import OfflineScan, User, utcnow
from app.models.base import insert_unless_exists

CLOCK_SKEW = timedelta(minutes=2)  # a phone's clock a little ahead of ours is not a lie


@dataclass
class ItemAnswer:
    nonce: str | None
    status: str  # recorded, already, refused, invalid
    code: str
    message: str
    replayed: bool = False
    user_id: int | None = None
    person_name: str | None = None
    checked_in_at: object = None
    checked_out_at: object = None


def apply(organiser, event, items, now=None):
    """The answers to ``items`` (dicts already shaped by the schema, or
    {"_invalid": messages, "nonce": ...} for one that was not), in order."""
    if len(items) > current_app.config["CHECKIN_BATCH_MAX"]:
        raise APIError("batch_too_large", details={"max_items": current_app.config["CHECKIN_BATCH_MAX"],
                                                   "items": len(items)})
    db.session.commit()  # the caller's reads end here: each item is its own transaction
    now = now or utcnow()
    answers, seen = [], {}
    for item in items:
        answers.append(_apply_one(organiser, event, item, now, seen))
    return answers


def _apply_one(organiser, event, item, now, seen):
    nonce = item.get("nonce")
    if "_invalid" in item:
        return ItemAnswer(nonce if isinstance(nonce, str) else None, "invalid", "validation_failed",
                          _first_message(item["_invalid"]))
    digest = _digest(event.id, item)
    if seen.setdefault(nonce, digest) != digest:
        return _conflict(nonce)
    scanned_at = item["scanned_at"]
    if scanned_at > now + CLOCK_SKEW or \
            scanned_at < now - timedelta(hours=current_app.config["OFFLINE_SCAN_MAX_AGE_HOURS"]):
        return _refused(nonce, APIError("scanned_at_invalid"))

    claimed = db.session.execute(insert_unless_exists(OfflineScan, {
        "nonce": nonce, "event_id": event.id, "recorded_by_id": organiser.id, "content_digest": digest,
        "scanned_at": scanned_at, "uploaded_at": now,
    }, ["nonce"], returning=[OfflineScan.id])).first()
    if claimed is None:
        db.session.rollback()
        return _replay(nonce, digest, event.id)
    try:
        result, person = check_in_by_code(organiser, event.id, item["code"], item["direction"], at=scanned_at,
                                          commit=False)
    except APIError as error:
        db.session.execute(update(OfflineScan).where(OfflineScan.id == claimed.id)
                           .values(outcome=error.code, message=error.message[:200]))
        db.session.commit()
        return _refused(nonce, error)
    answer = ItemAnswer(nonce, "recorded" if result.created else "already", result.code, result.message,
                        user_id=person.id, person_name=person_label(person),
                        checked_in_at=result.checked_in_at, checked_out_at=result.checked_out_at)
    db.session.execute(update(OfflineScan).where(OfflineScan.id == claimed.id).values(
        outcome=result.code, message=result.message[:200], user_id=person.id, checkin_id=result.checkin_id))
    db.session.commit()
    announce(result, event_cache.get(event.id))
    return answer


def _replay(nonce, digest, event_id):
    """The nonce was claimed before (an earlier upload, or one racing this):
    the same content gets the answer recorded then; other content is refused."""
    row = db.session.execute(select(OfflineScan).where(OfflineScan.nonce == nonce)).scalar_one()
    if row.content_digest != digest or row.event_id != event_id:
        return _conflict(nonce)
    person = db.session.get(User, row.user_id) if row.user_id is not None else None
    recorded = row.outcome in ("checked_in", "checked_out", "already_checked_in", "already_checked_out")
    answer = ItemAnswer(nonce, "already" if recorded else "refused", row.outcome or "conflict",
                        row.message or "", replayed=True, user_id=row.user_id,
                        person_name=person_label(person) if person is not None else None)
    db.session.commit()
    return answer


def _refused(nonce, error):
    return ItemAnswer(nonce, "refused", error.code, error.message)


def _conflict(nonce):
    return _refused(nonce, APIError("nonce_conflict"))


def _digest(event_id, item):
    text = "|".join((str(event_id), item["code"], item["direction"], item["scanned_at"].isoformat()))
    return hashlib.sha256(text.encode()).hexdigest()


def _first_message(messages):
    """One Chinese line from a marshmallow error dict (field: [messages])."""
    if isinstance(messages, dict):
        for field, value in messages.items():
            return f"{field}：{_first_message(value)}"
    if isinstance(messages, list) and messages:
        return _first_message(messages[0])
    return str(messages)
