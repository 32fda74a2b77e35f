"""Service records: created from check-ins, settled, approved or rejected.

``record_hours_from_checkins`` is the one way a record comes to exist. It is
idempotent and safe to race: the record is inserted with ON CONFLICT DO
NOTHING on (event, user), then refreshed with an UPDATE that only touches
records still waiting (pending / missing_checkout, never settled by hand),
so an approval made meanwhile is never overwritten.
"""
import logging

from sqlalchemy import update

from app import audit
from app.auth.permissions import scope_of
from app.errors import APIError
from app.extensions import db
from app.hours import rules
from app.hours.ledger import append_approval, refuse_own_record
from app.models import CheckIn, Event, ServiceRecord, utcnow
from app.volunteers.access import event_in_scope, require

log = logging.getLogger(__name__)

WAITING = ("pending", "missing_checkout")


def _insert_ignoring_duplicates(values):
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(
        insert(ServiceRecord).values(**values).on_conflict_do_nothing(index_elements=["event_id", "user_id"])
    )


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

    Called by the check-out handler after its own commit, and whenever an
    organiser opens the event's records. Events that do not credit hours, and
    people with a check-out but no check-in, produce nothing. Returns the
    event's records for those users.
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


def sync_user_records(user_id):
    """Bring one person's records up to date with their check-ins (events
    with a check-in but no record yet, or a record still waiting), so their
    own view never lags behind a check-out handler that has not run."""
    waiting = (
        db.select(CheckIn.event_id)
        .join(Event, Event.id == CheckIn.event_id)
        .outerjoin(ServiceRecord, (ServiceRecord.event_id == CheckIn.event_id) & (ServiceRecord.user_id == user_id))
        .where(CheckIn.user_id == user_id, CheckIn.direction == "in", Event.credits_hours.is_(True),
               ServiceRecord.id.is_(None) | (ServiceRecord.status.in_(WAITING) & ServiceRecord.settled_by_id.is_(None)))
    )
    for event_id in db.session.execute(waiting).scalars().all():
        record_hours_from_checkins(event_id, user_id)


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
    """The event's records for its organiser, fresh from the check-ins."""
    require(event_in_scope(scope_of(actor), event))
    records = record_hours_from_checkins(event.id)
    if status:
        records = [r for r in records if r.status == status]
    return records


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
    scope = scope_of(actor)
    for record in records:
        require(event_in_scope(scope, record.event))
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
    _announce_credited(approved)
    return approved, skipped


def _announce_credited(records):
    """"Hours credited" to each volunteer who allowed it (after the commit:
    the message must never announce hours that were not kept)."""
    from app.notices.automatic import notify_hours_credited

    for record in records:
        try:
            notify_hours_credited(record.user_id, record.event, record.minutes / 60)
        except Exception:  # a notice must never undo or fail an approval already made
            db.session.rollback()
            log.warning("hours-credited notice for record %s not queued", record.id, exc_info=True)


def approve_one(actor, record):
    approved, skipped = approve(actor, [record])
    if skipped:
        raise APIError(skipped[0][1])
    return approved[0]


def reject(actor, record, reason):
    require(event_in_scope(scope_of(actor), record.event))
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
    require(event_in_scope(scope_of(actor), record.event))
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
