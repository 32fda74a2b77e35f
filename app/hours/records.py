"""Service records: created from check-ins, settled, approved or rejected.

``record_hours_from_checkins`` is the one way a record comes to exist. It is
idempotent and safe to race: the record is inserted with ON CONFLICT DO
NOTHING on (event, user), then refreshed with an UPDATE that only touches
records still waiting (pending / missing_checkout, never settled by hand),
so an approval made meanwhile is never overwritten.

It runs when a check-out is committed (``record_on_checkout``, connected to
``app.signals.checked_out``) and from the periodic catch-up
(``catch_up_service_records``), which makes the records of check-ins
without a check-out and repairs any a failed check-out left behind. Reading
records never writes them.
"""
import logging

from flask import current_app
from sqlalchemy import and_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from app import audit, signals
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.hours import rules
from app.hours.ledger import append_approval, refuse_own_record
from app.jobs import periodic
from app.models import CheckIn, Event, ServiceRecord, utcnow
from app.models.base import insert_unless_exists

log = logging.getLogger(__name__)

WAITING = ("pending", "missing_checkout")


def _insert_ignoring_duplicates(values):
    db.session.execute(insert_unless_exists(ServiceRecord.__table__, values, ["event_id", "user_id"]))


def computed_fields(event, checkin_at, checkout_at):
    started, ended = rules.clip(event, checkin_at, checkout_at)
    raw, credited = rules.served_minutes(started, ended)
    return {
        "checkin_at": checkin_at,
        "checkout_at": checkout_at,
        "started_at": started,
        "ended_at": ended,
        "raw_minutes": raw,
        "minutes": credited,
        "status": "pending" if checkout_at is not None else "missing_checkout",
    }


def record_hours_from_checkins(event_id, user_id=None):
    """Create or refresh the service records of ``event_id`` (one volunteer
    when ``user_id`` is given) from its check-in rows, and commit.

    Called when a check-out is committed and by the periodic catch-up.
    Events that do not credit hours, and people with a check-out but no
    check-in, produce nothing. Returns the event's records for those users.
    """
    event = db.session.get(Event, event_id)
    if event is None or not event.credits_hours:
        return []
    query = db.select(CheckIn.user_id, CheckIn.direction, CheckIn.scanned_at).where(CheckIn.event_id == event_id)
    if user_id is not None:
        query = query.where(CheckIn.user_id == user_id)
    scans = {}
    for uid, direction, scanned_at in db.session.execute(query):
        scans.setdefault(uid, {})[direction] = scanned_at
    now = utcnow()
    for uid, pair in sorted(scans.items()):
        if "in" not in pair:
            continue
        values = computed_fields(event, pair["in"], pair.get("out"))
        _insert_ignoring_duplicates(dict(values, event_id=event_id, user_id=uid, created_at=now, updated_at=now))
        db.session.execute(
            update(ServiceRecord)
            .where(
                ServiceRecord.event_id == event_id,
                ServiceRecord.user_id == uid,
                ServiceRecord.status.in_(WAITING),
                ServiceRecord.settled_by_id.is_(None),
                ServiceRecord.checkout_at.is_distinct_from(values["checkout_at"])
                | (ServiceRecord.checkin_at != values["checkin_at"]),
            )
            .values(**values, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    query = db.select(ServiceRecord).where(ServiceRecord.event_id == event_id).order_by(ServiceRecord.id)
    if user_id is not None:
        query = query.where(ServiceRecord.user_id == user_id)
    return db.session.execute(query).scalars().all()


def record_on_checkout(app, event_id, user_id, credits_hours, **_):
    """``checked_out`` receiver: the check-out is already committed and must
    stand; should the record fail now, the periodic catch-up makes it."""
    if not credits_hours:
        return
    try:
        record_hours_from_checkins(event_id, user_id)
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("service record for event %s user %s left for later", event_id, user_id, exc_info=True)


def lagging_records():
    """(event_id, user_id) of every check-in at an hours-crediting event whose
    record is missing, or still waiting and not yet showing its scans."""
    checkin, checkout = aliased(CheckIn), aliased(CheckIn)
    return db.session.execute(
        db.select(checkin.event_id, checkin.user_id)
        .join(Event, Event.id == checkin.event_id)
        .outerjoin(ServiceRecord, and_(ServiceRecord.event_id == checkin.event_id,
                                       ServiceRecord.user_id == checkin.user_id))
        .outerjoin(checkout, and_(checkout.event_id == checkin.event_id, checkout.user_id == checkin.user_id,
                                  checkout.direction == "out"))
        .where(checkin.direction == "in", Event.credits_hours.is_(True),
               ServiceRecord.id.is_(None)
               | (ServiceRecord.status.in_(WAITING) & ServiceRecord.settled_by_id.is_(None)
                  & ((ServiceRecord.checkin_at != checkin.scanned_at)
                     | ServiceRecord.checkout_at.is_distinct_from(checkout.scanned_at))))
        .order_by(checkin.event_id, checkin.user_id)
    ).all()


def catch_up_service_records():
    """The periodic pass: a record for everyone who checked in and has none
    yet (shown as 缺少签退 until they check out or an organiser settles it),
    and a refresh of any waiting record its scans have moved past. Returns
    how many (event, person) pairs it brought up to date."""
    pairs = lagging_records()
    db.session.commit()
    done = 0
    for event_id, user_id in pairs:
        try:
            record_hours_from_checkins(event_id, user_id)
            done += 1
        except SQLAlchemyError:  # one bad pair must not hold up the others; the next pass retries it
            db.session.rollback()
            log.warning("service record for event %s user %s left for the next pass", event_id, user_id,
                        exc_info=True)
    return done


@periodic("service_records", minute="*", lock_seconds=300, embedded=True)
def service_records_job(app):
    """Every minute, so a check-in without a check-out shows in 我的时长 and
    in the organiser's list soon after it was made."""
    caught_up = catch_up_service_records()
    if caught_up:
        log.info("service records brought up to date: %d", caught_up)
    return caught_up


def get_record(record_id):
    record = db.session.get(ServiceRecord, record_id)
    if record is None:
        raise APIError("record_not_found")
    return record


def get_event(event_id):
    event = db.session.get(Event, event_id)
    if event is None:
        raise APIError("not_found", "活动不存在")
    return event


def event_records(actor, event, status=None):
    """The event's records for its organiser."""
    policy.require(policy.events.may_manage(actor, event))
    query = db.select(ServiceRecord).where(ServiceRecord.event_id == event.id).order_by(ServiceRecord.id)
    if status:
        query = query.where(ServiceRecord.status == status)
    return db.session.execute(query).scalars().all()


def _conditional(record, from_statuses, **values):
    """Move ``record`` on only if it is still in ``from_statuses``; True when it did.
    The WHERE clause is the lock: of two racing organisers exactly one wins."""
    result = db.session.execute(
        update(ServiceRecord)
        .where(ServiceRecord.id == record.id, ServiceRecord.status.in_(from_statuses))
        .values(**values, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(record)
    return result.rowcount == 1


def _refusal_code(record):
    return "record_needs_checkout" if record.status == "missing_checkout" else "record_not_pending"


def approve(actor, records):
    """Approve pending records; each becomes one 'approval' ledger entry.
    Every record must be in the actor's scope or nothing happens (403).
    Returns (approved records, [(record, refusal code)])."""
    for record in records:
        policy.require(policy.records.may_manage(actor, record))
    # One lock order for everyone: two bulk approvals overlapping cannot deadlock.
    records = sorted(records, key=lambda r: r.id)
    approved, skipped = [], []
    now = utcnow()
    for record in records:
        if record.user_id == actor.id:
            skipped.append((record, "own_record"))
            continue
        if not _conditional(record, ("pending",), status="approved", reviewed_by_id=actor.id, reviewed_at=now):
            skipped.append((record, _refusal_code(record)))
            continue
        entry = append_approval(record, actor)
        audit.record("hours.approve", actor=actor, target=record,
                     detail={"user_id": record.user_id, "event_id": record.event_id, "minutes": entry.minutes})
        approved.append(record)
    db.session.commit()
    if approved:
        signals.hours_approved.send(current_app._get_current_object(), records=approved)
    return approved, skipped


def approve_one(actor, record):
    approved, skipped = approve(actor, [record])
    if skipped:
        raise APIError(skipped[0][1])
    return approved[0]


def reject(actor, record, reason):
    policy.require(policy.records.may_manage(actor, record))
    refuse_own_record(actor, record)
    reason = (reason or "").strip()
    if not reason:
        raise APIError("reason_required", "请填写不予认定的原因")
    if not _conditional(record, WAITING, status="rejected", reviewed_by_id=actor.id, reviewed_at=utcnow(),
                        review_reason=reason):
        raise APIError("record_not_pending")
    audit.record("hours.reject", actor=actor, target=record,
                 detail={"user_id": record.user_id, "event_id": record.event_id, "reason": reason})
    db.session.commit()
    return record


def settle(actor, record, reason, ended_at=None, refuse=False):
    """An organiser states when the volunteer left, for any record still
    waiting for approval: a missing check-out, or a wrong one (a check-out
    scanned by mistake a minute after check-in locks a 0-minute record, and
    the volunteer cannot scan out twice). The record then waits for approval
    like any other and later scans no longer change it. Or refuses it.
    Approved records are corrected in the ledger instead (ledger.correct)."""
    policy.require(policy.records.may_manage(actor, record))
    refuse_own_record(actor, record)
    reason = (reason or "").strip()
    if not reason:
        raise APIError("reason_required", "请填写处理说明")
    now = utcnow()
    if refuse:
        moved = _conditional(record, WAITING, status="rejected", settled_by_id=actor.id,
                             settled_at=now, settle_note=reason, reviewed_by_id=actor.id, reviewed_at=now,
                             review_reason=reason)
    else:
        if ended_at is None or ended_at <= record.checkin_at:
            raise APIError("settle_time_invalid")
        values = computed_fields(record.event, record.checkin_at, ended_at)
        scanned_out_at = record.checkout_at
        moved = _conditional(record, WAITING, **values, settled_by_id=actor.id, settled_at=now,
                             settle_note=reason)
    if not moved:
        raise APIError("record_not_waiting")
    audit.record("hours.settle_checkout", actor=actor, target=record, detail={
        "user_id": record.user_id, "event_id": record.event_id, "refused": refuse, "reason": reason,
        "scanned_out_at": None if refuse or scanned_out_at is None else scanned_out_at.isoformat(),
        "ended_at": ended_at.isoformat() if ended_at else None, "minutes": record.minutes,
    })
    db.session.commit()
    return record
