"""The desk console's review queue: waiting records across every event a
person manages, and bulk approve/reject with an answer per record.

Each record is decided on its own (its own policy check, its own commit), so
one refusal (out of scope, one's own hours, already decided) never holds up
the rest; the conditional UPDATE in ``records`` makes each decision happen
exactly once however many organisers or retries race.
"""
from sqlalchemy import func

from app.auth import policy
from app.errors import CATALOGUE, APIError
from app.extensions import db
from app.hours import records
from app.models import Event, ServiceRecord

MAX_BULK = 200


def waiting_query(actor, status=None, event_id=None, community_id=None):
    """Records of events ``actor`` manages, waiting ones unless ``status`` says otherwise."""
    query = (db.select(ServiceRecord).join(Event, Event.id == ServiceRecord.event_id)
             .where(policy.records.managed_clause(actor, Event)))
    query = query.where(ServiceRecord.status == status) if status else \
        query.where(ServiceRecord.status.in_(records.WAITING))
    if event_id is not None:
        query = query.where(ServiceRecord.event_id == event_id)
    if community_id is not None:
        query = query.where(Event.host_community_id == community_id)
    return query


def list_waiting(actor, limit, offset, **filters):
    query = waiting_query(actor, **filters)
    total = db.session.execute(db.select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(
        query.order_by(Event.starts_at.desc(), ServiceRecord.id).limit(limit).offset(offset)
    ).scalars().all()
    return rows, total


def _outcome(record_id, ok, status=None, code=None):
    answer = {"id": record_id, "ok": ok, "status": status}
    if code:
        answer.update(code=code, message=CATALOGUE[code][1])
    return answer


def bulk(actor, action, record_ids, reason=None):
    """Approve or reject each record; returns one result per id, in id order."""
    if action == "reject" and not (reason or "").strip():
        raise APIError("reason_required", "请填写不予认定的原因")
    results = []
    for record_id in sorted(set(record_ids)):  # one lock order: overlapping bulks cannot deadlock
        record = db.session.get(ServiceRecord, record_id)
        # Not theirs reads as not found: an id does not confirm another community's record.
        if record is None or not policy.records.may_manage(actor, record):
            results.append(_outcome(record_id, False, code="record_not_found"))
            continue
        try:
            if action == "approve":
                records.approve_one(actor, record)
            else:
                records.reject(actor, record, reason)
            results.append(_outcome(record_id, True, status=record.status))
        except APIError as exc:
            db.session.rollback()
            results.append(_outcome(record_id, False, status=record.status, code=exc.code))
    return results
