"""Organisers' notices: create (now or at a time), cancel, read with live counts."""
import logging
from datetime import timedelta

from sqlalchemy import func, select, update

from app import audit, paging
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import Notice, NoticeDelivery, User, utcnow
from app.notices import compose as composing
from app.notices.tasks import fan_out
from app.subscriptions import templates as subscribe_templates

log = logging.getLogger(__name__)

MAX_SCHEDULE_AHEAD = timedelta(days=30)
MAX_ID = 2**31 - 1
# A send_at this close counts as "now".
NOW_TOLERANCE = timedelta(seconds=5)


def create_notice(actor, body):
    composed = composing.compose(actor, body)
    composing.check_content(actor, composed.values)
    reach = composing.reach(composed)
    if reach["recipients"] == 0:
        raise APIError("audience_empty")
    now = utcnow()
    send_at = body.get("send_at")
    if send_at is not None and send_at > now + MAX_SCHEDULE_AHEAD:
        raise APIError("send_at_invalid")
    scheduled = send_at is not None and send_at > now + NOW_TOLERANCE
    notice = Notice(
        kind="manual",
        template_name=composed.template.name,
        template_id=composed.template.id,
        data=composed.values,
        page=composed.page,
        audience=composed.audience.spec,
        community_id=composed.audience.community_id,
        member_unit_id=composed.audience.member_unit_id,
        event_id=composed.audience.event_id,
        status="scheduled" if scheduled else "queued",
        send_at=send_at if scheduled else now,
        created_by_id=actor.id,
    )
    db.session.add(notice)
    db.session.flush()
    audit.record("notice.create", actor=actor, target=notice, detail={
        "template": composed.template.name, "audience": composed.audience.spec,
        "recipients": reach["recipients"], "with_quota": reach["with_quota"],
        "send_at": notice.send_at.isoformat(), "shortened": [s["key"] for s in composed.shortened],
    })
    db.session.commit()
    if not scheduled:
        enqueue_fan_out(notice.id)
    return notice


def enqueue_fan_out(notice_id):
    try:
        fan_out.send(notice_id)
    except Exception:  # the broker is down: the sweeper picks the notice up later
        log.exception("could not queue notice %s; the sweeper will", notice_id)


def cancel_notice(actor, notice):
    now = utcnow()
    # Conditional on the status in the database, not the one read with the
    # notice: the watcher may have finished it since, and a finished notice
    # must not be reported as cancelled.
    won = db.session.execute(
        update(Notice.__table__)
        .where(Notice.id == notice.id, Notice.status.notin_(("done", "cancelled")))
        .values(status="cancelled", cancelled_at=now, cancel_reason="by_organiser", updated_at=now)
    ).rowcount
    if not won:
        db.session.rollback()
        status = db.session.execute(db.select(Notice.status).where(Notice.id == notice.id)).scalar()
        if status == "cancelled":
            raise APIError("notice_not_cancellable", "通知已经取消过了")
        raise APIError("notice_not_cancellable")
    dropped = db.session.execute(
        update(NoticeDelivery.__table__)
        .where(NoticeDelivery.notice_id == notice.id, NoticeDelivery.state == "queued")
        .values(state="cancelled", updated_at=now)
    ).rowcount
    audit.record("notice.cancel", actor=actor, target=notice, detail={"deliveries_cancelled": dropped})
    db.session.commit()
    db.session.refresh(notice)
    return notice


def visible_notice(actor, notice_id):
    """The notice if ``actor`` may see it; 404 otherwise (others' notices are not revealed)."""
    if not 1 <= notice_id <= MAX_ID:
        raise APIError("not_found", "通知不存在")
    query = select(Notice).where(Notice.id == notice_id)
    query = query.where(policy.notices.visible_clause(actor))
    notice = db.session.execute(query).scalar_one_or_none()
    if notice is None:
        raise APIError("not_found", "通知不存在")
    return notice


def list_notices(actor, limit=50, before_id=None, offset=0):
    """(one page of the notices ``actor`` sees, newest first, how many they see)."""
    query = select(Notice).where(policy.notices.visible_clause(actor)).order_by(Notice.id.desc())
    if before_id is not None:
        query = query.where(Notice.id < before_id)
    notices, count = paging.page(query, limit, offset)
    counts = state_counts([n.id for n in notices])
    return [describe(n, counts.get(n.id, {})) for n in notices], count


def state_counts(notice_ids):
    """{notice_id: {state: n}} in one GROUP BY."""
    if not notice_ids:
        return {}
    rows = db.session.execute(
        select(NoticeDelivery.notice_id, NoticeDelivery.state, func.count())
        .where(NoticeDelivery.notice_id.in_(notice_ids))
        .group_by(NoticeDelivery.notice_id, NoticeDelivery.state)
    ).all()
    out = {}
    for notice_id, state, n in rows:
        out.setdefault(notice_id, {})[state] = n
    return out


def template_title(notice):
    """The template's Chinese title (活动开始提醒) for lists and reports; the
    stored name when the template is no longer configured."""
    template = subscribe_templates.find(notice.template_id) or subscribe_templates.find(notice.template_name)
    return template.title if template is not None and template.title else notice.template_name


def describe(notice, by_state=None):
    if by_state is None:
        by_state = state_counts([notice.id]).get(notice.id, {})
    counts = {state: by_state.get(state, 0) for state in
              ("queued", "sending", "sent", "skipped", "failed", "unconfirmed", "cancelled")}
    counts["total"] = sum(by_state.values())
    status = notice.status
    if status == "sending" and counts["queued"] == 0 and counts["sending"] == 0:
        status = "done"  # the watcher has not written it yet
    return {
        "id": notice.id,
        "kind": notice.kind,
        "template_id": notice.template_id,
        "template_name": notice.template_name,
        "template_title": template_title(notice),
        "values": notice.data,
        "page": notice.page,
        "audience": notice.audience,
        "status": status,
        "send_at": notice.send_at,
        "started_at": notice.started_at,
        "finished_at": notice.finished_at,
        "cancelled_at": notice.cancelled_at,
        "cancel_reason": notice.cancel_reason,
        "created_at": notice.created_at,
        "created_by_id": notice.created_by_id,
        "counts": counts,
    }


def report(notice, failures_limit=200):
    """Counts by state, skip reasons, error codes, and who was not reached and why.
    The counts come from one GROUP BY, so they agree with each other mid-run."""
    table = NoticeDelivery.__table__
    groups = db.session.execute(
        select(table.c.state, table.c.reason, table.c.errcode, func.count())
        .where(table.c.notice_id == notice.id)
        .group_by(table.c.state, table.c.reason, table.c.errcode)
    ).all()
    by_state, skipped, failed, confirmed_by_quota = {}, {}, {}, 0
    for state, reason, errcode, n in groups:
        by_state[state] = by_state.get(state, 0) + n
        if state == "skipped":
            skipped[reason or "unknown"] = skipped.get(reason or "unknown", 0) + n
        elif state in ("failed", "unconfirmed"):
            key = str(errcode) if errcode is not None else (reason or "network")
            failed[key] = failed.get(key, 0) + n
        elif state == "sent" and reason == "confirmed_by_quota":
            confirmed_by_quota += n
    rows = db.session.execute(
        select(table.c.user_id, User.name, table.c.state, table.c.reason, table.c.errcode, table.c.error,
               table.c.attempts)
        .join(User, User.id == table.c.user_id)
        .where(table.c.notice_id == notice.id, table.c.state.in_(("failed", "unconfirmed", "skipped")))
        .order_by(table.c.id).limit(failures_limit)
    ).all()
    return {
        **describe(notice, by_state),
        "skipped_reasons": skipped,
        "failed_codes": failed,
        "confirmed_by_quota": confirmed_by_quota,
        "not_reached": [
            {"user_id": r.user_id, "name": r.name, "state": r.state, "reason": r.reason, "errcode": r.errcode,
             "error": r.error, "attempts": r.attempts}
            for r in rows
        ],
    }
