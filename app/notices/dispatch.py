"""Turning notices into deliveries, and the periodic pass that keeps work moving.

``tick()`` is the periodic job ``notices_tick``, every 15 seconds, run by
app/scheduler.py's locked runner (from the scheduler process, the worker's
fork, the embedded demo's thread or ``flask jusha notices-tick``). Every
step is also safe to run from several processes at once: each state change
is a conditional UPDATE and only the process whose UPDATE matched acts on it.
"""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, func, select, update

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.jobs import periodic
from app.models import Notice, NoticeDelivery, User, utcnow
from app.models.base import insert_unless_exists
from app.notices import audience as audiences
from app.notices.delivery import finish_notice_if_done
from app.notices.tasks import fan_out, send_deliveries, watch
from app.subscriptions import ledger

log = logging.getLogger(__name__)

deliveries = NoticeDelivery.__table__
notices = Notice.__table__
INSERT_CHUNK = 1000


def fan_out_notice(notice_id):
    """Create one delivery row per recipient and queue a job for each that has quota.

    Runs again safely after a crash: rows already made stay (unique per
    notice and user) and every still-queued row gets a job (a duplicate job
    finds its row claimed and does nothing)."""
    now = utcnow()
    started = db.session.execute(
        update(notices)
        .where(notices.c.id == notice_id, notices.c.status.in_(("queued", "fanning_out")))
        .values(status="fanning_out", started_at=func.coalesce(notices.c.started_at, now), updated_at=now)
    ).rowcount
    db.session.commit()
    if not started:
        return 0
    notice = db.session.get(Notice, notice_id)
    actor = db.session.get(User, notice.created_by_id) if notice.created_by_id else None
    try:
        # The organiser's scope may have changed since they composed it.
        if actor is not None and not policy.is_staff(actor):
            raise APIError("out_of_scope")
        audience = audiences.resolve(notice.audience, actor)
    except APIError as exc:
        log.warning("notice %s not sent: %s", notice_id, exc.code)
        notice.status, notice.cancelled_at, notice.cancel_reason = "cancelled", now, exc.code
        db.session.commit()
        return 0
    rows = ledger.remaining_for(audience.user_ids, notice.template_id)
    add_deliveries(notice, rows, only_with_quota=notice.kind != "manual")
    db.session.commit()
    # 'sending' only once every job is on the queue: a fan-out killed while
    # queueing runs again from 'fanning_out' and queues what is still queued.
    queued = enqueue_queued(notice_id)
    db.session.execute(
        update(notices).where(notices.c.id == notice_id, notices.c.status == "fanning_out")
        .values(status="sending", updated_at=utcnow())
    )
    db.session.commit()
    if not finish_notice_if_done(notice_id):
        watch.send(notice_id, delay=1000)
    return queued


def add_deliveries(notice, rows, only_with_quota=False):
    """Insert delivery rows for ``rows`` of (user_id, remaining); rows that
    exist stay as they are. Returns the ids of the new queued rows."""
    now = utcnow()
    values = [
        {"notice_id": notice.id, "user_id": user_id, "template_id": notice.template_id,
         "state": "queued" if left > 0 else "skipped", "reason": None if left > 0 else "no_subscription",
         "attempts": 0, "created_at": now, "updated_at": now}
        for user_id, left in rows if left > 0 or not only_with_quota
    ]
    new_ids = []
    for start in range(0, len(values), INSERT_CHUNK):
        result = db.session.execute(
            insert_unless_exists(deliveries, values[start:start + INSERT_CHUNK], ["notice_id", "user_id"],
                                 returning=[deliveries.c.id, deliveries.c.state])
        )
        new_ids.extend(delivery_id for delivery_id, state in result if state == "queued")
    return sorted(new_ids)


def enqueue_queued(notice_id):
    ids = db.session.execute(
        select(deliveries.c.id).where(deliveries.c.notice_id == notice_id, deliveries.c.state == "queued")
        .order_by(deliveries.c.id)
    ).scalars().all()
    db.session.commit()
    send_deliveries(ids, current_app.config["NOTICE_BATCH_SIZE"])
    return len(ids)


def dispatch_due_notices(now=None):
    """Queue every scheduled notice whose time has come; returns how many."""
    now = now or utcnow()
    due = db.session.execute(
        select(notices.c.id).where(notices.c.status == "scheduled", notices.c.send_at <= now)
    ).scalars().all()
    count = 0
    for notice_id in due:
        won = db.session.execute(
            update(notices).where(notices.c.id == notice_id, notices.c.status == "scheduled")
            .values(status="queued", updated_at=utcnow())
        ).rowcount
        db.session.commit()
        if won:
            fan_out.send(notice_id)
            count += 1
    return count


def sweep_stale(now=None):
    """Re-queue work whose job seems lost (a broker flushed, a dead-lettered
    message, a crash between commit and enqueue). Duplicates are harmless."""
    now = now or utcnow()
    stale = now - timedelta(seconds=current_app.config["NOTICE_STALE_AFTER"])
    notice_ids = db.session.execute(
        select(notices.c.id).where(notices.c.status.in_(("queued", "fanning_out")), notices.c.updated_at < stale)
    ).scalars().all()
    queued = db.session.execute(
        select(deliveries.c.id).where(
            deliveries.c.state == "queued",
            func.coalesce(deliveries.c.next_attempt_at, deliveries.c.updated_at) < stale)
    ).scalars().all()
    sending = db.session.execute(
        select(deliveries.c.id).where(
            deliveries.c.state == "sending", deliveries.c.lease_until < stale, deliveries.c.updated_at < stale)
    ).scalars().all()
    if notice_ids:
        db.session.execute(update(notices).where(notices.c.id.in_(notice_ids)).values(updated_at=now))
    if queued:
        db.session.execute(update(deliveries).where(deliveries.c.id.in_(queued))
                           .values(updated_at=now, next_attempt_at=None))
    if sending:
        db.session.execute(update(deliveries).where(deliveries.c.id.in_(sending)).values(updated_at=now))
    db.session.commit()
    for notice_id in notice_ids:
        fan_out.send(notice_id)
    send_deliveries(queued + sending, current_app.config["NOTICE_BATCH_SIZE"])
    return {"notices": len(notice_ids), "deliveries": len(queued) + len(sending)}


def finish_done_notices():
    """Notices still 'sending' with nothing open (a finish check that never ran)."""
    still_open = exists().where(deliveries.c.notice_id == notices.c.id, deliveries.c.state.in_(("queued", "sending")))
    now = utcnow()
    done = db.session.execute(
        update(notices).where(notices.c.status == "sending", ~still_open)
        .values(status="done", finished_at=now, updated_at=now)
    ).rowcount
    db.session.commit()
    return done


def tick(now=None):
    """One periodic pass: due notices, event reminders, lost work, finished notices."""
    from app.notices.automatic import queue_event_reminders

    return {
        "due_notices": dispatch_due_notices(now),
        "reminders": queue_event_reminders(now),
        "swept": sweep_stale(now),
        "finished": finish_done_notices(),
    }


@periodic("notices_tick", second="*/15", lock_seconds=60, embedded=True)
def notices_tick_job(app):
    """Scheduled notices that fell due, event reminders, deliveries the queue
    lost, notices that finished."""
    summary = tick()
    log.debug("notices tick: %s", summary)
    return summary
