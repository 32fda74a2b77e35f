"""The append-only timeline (need_steps) and the lock every change takes.

Every change of a need or of one of its duties first locks the need's row
(``lock_need``), so two changes of one need (two units finishing at once, a
claim and a dispatch) happen one after the other and the need's status is
worked out from what the other committed. Each transition then writes its
one step in the same transaction.
"""
from sqlalchemy import select

from app.errors import APIError
from app.extensions import db
from app.models.base import lock_row
from app.models import Duty, Need, NeedStep, utcnow
from app.needs import rules
from app.schemas import MAX_ID


def lock_need(need_id):
    """The need, fresh from the database and locked until the commit (lock_row)."""
    if not isinstance(need_id, int) or not 1 <= need_id <= MAX_ID:
        raise APIError("need_not_found")
    need = lock_row(Need, need_id)
    if need is None:
        raise APIError("need_not_found")
    return need


def add_step(need_id, action, *, duty_id=None, from_status=None, to_status=None, actor=None, note=None,
             photo_ids=(), at=None):
    step = NeedStep(need_id=need_id, duty_id=duty_id, action=action, from_status=from_status,
                    to_status=to_status, actor_id=getattr(actor, "id", actor), note=note,
                    photo_ids=list(photo_ids or ()), at=at or utcnow())
    db.session.add(step)
    return step


def duty_statuses(need_id):
    return db.session.execute(select(Duty.status).where(Duty.need_id == need_id)).scalars().all()


def settle_need(need, actor=None, at=None):
    """Set the need's status from its duties' (read fresh; call with the need
    locked and the duty changes flushed). A change is a step of its own.
    Returns the new status when it changed, else None."""
    db.session.flush()
    new = rules.need_status(need.status, duty_statuses(need.id))
    if new == need.status:
        return None
    now = at or utcnow()
    add_step(need.id, "need_status", from_status=need.status, to_status=new, actor=actor, at=now)
    need.status = new
    need.closed_at = now if new == "closed" else None
    return new


def steps_of(need_id):
    return db.session.execute(
        select(NeedStep).where(NeedStep.need_id == need_id).order_by(NeedStep.at, NeedStep.id)
    ).scalars().all()
