"""履职清单: a duty's moves (接单, 拒单, 履职 progress, 办结, 评单, reopen,
the community's confirmation of a claim), each one conditional UPDATE on the
duty's status and one step, in one transaction with the need locked."""
from flask import current_app
from sqlalchemy import select, update

from app import signals
from app.errors import APIError
from app.extensions import db
from app.models import Duty, utcnow
from app.needs import rules
from app.needs.service import send_need_done
from app.needs.timeline import add_step, lock_need, settle_need

duties_table = Duty.__table__


def get_duty(duty_id):
    duty = db.session.get(Duty, duty_id)
    if duty is None:
        raise APIError("duty_not_found")
    return duty


def _changes(action, duty, now, note, photo_ids, rating):
    """The columns an action sets besides the status."""
    if action in ("accept", "confirm"):
        # A new phase: reminders start again from the unit.
        return {"accepted_at": now, "last_reminded_on": None, "escalation_level": 0}
    if action == "decline":
        return {"decline_reason": note}
    if action == "done":
        return {"done_at": now, "done_note": note, "evidence_photo_ids": list(photo_ids or ()),
                "last_reminded_on": None, "escalation_level": 0}
    if action == "rate":
        return {"rating": rating, "rating_comment": note, "rated_at": now, "closed_at": now}
    if action == "auto_close":
        return {"closed_at": now}
    if action == "reopen":
        return {"done_at": None, "rating": None, "rating_comment": None, "rated_at": None, "closed_at": None,
                "last_reminded_on": None, "escalation_level": 0}
    return {}


def _step_note(action, note, rating):
    if action == "rate":
        return f"{rating} 星" + (f"：{note}" if note else "")
    return note


def move(actor, duty_id, action, note=None, photo_ids=(), rating=None, now=None, only_done_before=None):
    """Move the duty by ``action`` (rules.DUTY_MOVES); 409 with the move's
    code when the duty is not where the move starts. Returns the duty."""
    rule = rules.DUTY_MOVES[action]
    now = now or utcnow()
    duty = get_duty(duty_id)
    need = lock_need(duty.need_id)
    duty = db.session.execute(select(Duty).where(Duty.id == duty_id)
                              .execution_options(populate_existing=True)).scalar_one()
    before = duty.status
    if action == "reopen" and before in rule.sources and not rules.in_reopen_window(duty.done_at, now):
        raise APIError("reopen_window_passed")
    condition = [duties_table.c.id == duty.id, duties_table.c.status.in_(rule.sources)]
    if only_done_before is not None:
        condition.append(duties_table.c.done_at <= only_done_before)
    changed = db.session.execute(
        update(duties_table).where(*condition)
        .values(status=rule.target, updated_at=now, **_changes(action, duty, now, note, photo_ids, rating))
    ).rowcount
    if not changed:
        db.session.rollback()
        raise APIError(rule.refusal)
    db.session.refresh(duty)
    add_step(need.id, action, duty_id=duty.id, from_status=before, to_status=rule.target, actor=actor,
             note=_step_note(action, note, rating), photo_ids=photo_ids, at=now)
    new_need_status = settle_need(need, actor, at=now)
    db.session.commit()
    app = current_app._get_current_object()
    if new_need_status == "done":
        send_need_done(need.id)
    if rule.target == "closed":
        signals.duty_closed.send(app, duty_id=duty.id, need_id=need.id, unit_id=duty.unit_id,
                                 rating=duty.rating, automatic=action == "auto_close")
    return duty


def unit_duties(unit_id, status=None, overdue=False, limit=20, offset=0, now=None):
    """A unit's duties, newest first: (page, total). ``overdue``: an answer
    or the work past its deadline."""
    now = now or utcnow()
    query = select(Duty).where(Duty.unit_id == unit_id)
    if status:
        query = query.where(Duty.status == status)
    if overdue:
        query = query.where(((Duty.status == "offered") & (Duty.accept_by < now))
                            | ((Duty.status == "accepted") & (Duty.due_by < now)))
    total = db.session.execute(select(db.func.count()).select_from(query.subquery())).scalar_one()
    page = db.session.execute(query.order_by(Duty.id.desc()).limit(limit).offset(offset)).scalars().all()
    return page, total


def is_overdue(duty, now):
    if duty.status == "offered":
        return duty.accept_by is not None and duty.accept_by < now
    if duty.status == "accepted":
        return duty.due_by is not None and duty.due_by < now
    return False
