"""A work order's moves: 受理, 处理进展, 办结, 上报, 不予受理, 吹哨, 转需求,
评价, 重新办理 — each one conditional UPDATE on the order's status and level
as read, and one timeline step, in one transaction.

The conditional UPDATE is what makes racing requests safe: of two grid
workers accepting one order, exactly one UPDATE matches ``status =
'submitted'``; the other gets 409 ``work_order_taken``. The deadline job
escalates with the same kind of UPDATE (``due_at`` as read), so overlapping
runs escalate an order once.
"""
import logging

from sqlalchemy import update

from app.errors import APIError
from app.extensions import db
from app.models import WorkOrder, utcnow
from app.reports import deadlines, rules
from app.reports.service import add_step, get_order

log = logging.getLogger(__name__)
orders = WorkOrder.__table__


def refusal_of(order, rule, now):
    """Why ``rule`` cannot move ``order`` (as read), or None."""
    if rule.action == "reopen" and order.status in rule.sources and not rules.in_reopen_window(order.closed_at, now):
        return "work_order_reopen_window_passed"
    if rule.action == "rate" and order.status == "closed" and order.rating is not None:
        return "work_order_already_rated"
    if order.status not in rule.sources:
        return rule.refusal
    if order.level not in rule.levels:
        return "work_order_top_level" if rule.action == "escalate" else "work_order_wrong_level"
    if rule.action in ("whistle", "need") and (order.whistle_id or order.need_id):
        return "work_order_linked"
    return None


def _changes(action, order, actor, now, note, photo_ids, rating, reject_reason, duplicate_of_id):
    """The columns ``action`` sets besides the status."""
    if action == "accept":
        return {"assignee_id": actor.id}
    if action in ("progress", "whistle", "need"):
        return {} if order.assignee_id else {"assignee_id": actor.id}
    if action == "close":
        late = {"lapsed_due_at": order.due_at} if now > order.due_at else {}
        return {"closed_at": now, "closed_level": order.level, "close_note": note,
                "evidence_photo_ids": list(photo_ids or ()), **late}
    if action == "escalate":
        up = rules.NEXT_LEVEL[order.level]
        return {"level": up, "assignee_id": None, "level_started_at": now,
                "due_at": deadlines.due_at(order.category, up, now)}
    if action == "reject":
        return {"closed_at": now, "closed_level": order.level, "reject_reason": reject_reason,
                "close_note": note, "duplicate_of_id": duplicate_of_id}
    if action == "rate":
        return {"rating": rating, "rating_comment": note, "rated_at": now}
    if action == "reopen":
        return {"closed_at": None, "closed_level": None, "close_note": None, "evidence_photo_ids": [],
                "reject_reason": None, "duplicate_of_id": None, "rating": None, "rating_comment": None,
                "rated_at": None, "assignee_id": None, "level_started_at": now,
                "due_at": deadlines.due_at(order.category, order.level, now)}
    return {}


def _step_note(action, order, note, rating, reject_reason):
    if action == "rate":
        return f"{rating} 星" + (f"：{note}" if note else "")
    if action == "reject":
        return rules.REJECT_LABELS[reject_reason] + (f"：{note}" if note else "")
    return note


def move(actor, order_id, action, *, note=None, photo_ids=(), rating=None, reject_reason=None,
         duplicate_of_id=None, link=None, now=None, notify=True):
    """Move the order by ``action`` (rules.MOVES); 409 with a code when it is
    not where the move starts. ``link``: a function called after the move
    matched, in its transaction, returning more columns to set (the need
    raised from it). ``notify=False``: no closing notice (the demo's past
    closes). Commits; returns the order, fresh."""
    rule = rules.MOVES[action]
    now = now or utcnow()
    order = get_order(order_id)
    refusal = refusal_of(order, rule, now)
    if refusal:
        raise APIError(refusal)
    before_status, before_level = order.status, order.level
    values = _changes(action, order, actor, now, note, photo_ids, rating, reject_reason, duplicate_of_id)
    condition = [orders.c.id == order.id, orders.c.status == before_status, orders.c.level == before_level]
    if action == "rate":
        condition.append(orders.c.rating.is_(None))
    matched = db.session.execute(
        update(orders).where(*condition).values(status=rule.target, updated_at=now, **values)).rowcount
    if not matched:
        db.session.rollback()
        raise APIError(refusal_of(get_order(order_id), rule, now) or rule.refusal)
    if link is not None:
        more = link(order)
        db.session.execute(update(orders).where(orders.c.id == order.id).values(**more))
    add_step(order.id, action, from_status=before_status, to_status=rule.target, from_level=before_level,
             to_level=values.get("level", before_level), actor=actor,
             note=_step_note(action, order, note, rating, reject_reason), photo_ids=photo_ids, at=now)
    db.session.commit()
    db.session.refresh(order)
    if action == "close" and notify:
        _tell_reporter(order)
    return order


def _tell_reporter(order):
    # Imported here: the notify module reaches the notices area, a sibling.
    from app.reports.notify import notify_closed

    try:
        notify_closed(order)
    except Exception:  # the close is committed; a failed notice must not undo or fail it
        db.session.rollback()
        log.warning("closing notice of work order %s not queued", order.id, exc_info=True)


def escalate_by_deadline(order, now):
    """The deadline job's move: an open order past its level's deadline climbs
    one level (grid → community → office); at the office it is marked
    overdue. Only the run whose UPDATE matches the deadline as read does it.
    True when this call moved it."""
    condition = [orders.c.id == order.id, orders.c.status.in_(rules.OPEN), orders.c.level == order.level,
                 orders.c.due_at == order.due_at, orders.c.due_at < now,
                 (orders.c.lapsed_due_at.is_(None)) | (orders.c.lapsed_due_at < orders.c.due_at)]
    up = rules.NEXT_LEVEL.get(order.level)
    values = {"lapsed_due_at": order.due_at, "updated_at": now}
    if up is not None:
        values.update(level=up, status="submitted", assignee_id=None, level_started_at=now,
                      due_at=deadlines.due_at(order.category, up, now))
    if not db.session.execute(update(orders).where(*condition).values(**values)).rowcount:
        db.session.rollback()
        return False
    label = rules.LEVEL_LABELS[order.level]
    if up is not None:
        add_step(order.id, "deadline_escalate", from_status=order.status, to_status="submitted",
                 from_level=order.level, to_level=up, note=f"{label}超过办理时限，自动上报{rules.LEVEL_LABELS[up]}",
                 at=now)
    else:
        add_step(order.id, "overdue", from_status=order.status, to_status=order.status, from_level=order.level,
                 to_level=order.level, note="街道层级超过办理时限，请尽快办结", at=now)
    db.session.commit()
    return True
