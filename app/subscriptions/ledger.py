"""The quota ledger: how many sends each user still allows per template.

Every change is one atomic UPDATE (or an upsert for a new row), so racing
acceptances and sends never lose a count. The functions join the current
transaction of ``conn`` (a Connection; default the session); callers commit.
"""
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import SubscriptionQuota
from app.models.base import dialect_insert

quota = SubscriptionQuota.__table__


def record_answer(user_id, template_id, accepted, answer, now):
    """Add one send for an acceptance; remember the last answer either way."""
    add = 1 if accepted else 0
    stmt = dialect_insert(quota).values(
        user_id=user_id, template_id=template_id, remaining=add, accepted_total=add,
        last_answer=answer, last_answered_at=now, created_at=now, updated_at=now,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "template_id"],
        set_={
            "remaining": quota.c.remaining + add,
            "accepted_total": quota.c.accepted_total + add,
            "last_answer": answer,
            "last_answered_at": now,
            "updated_at": now,
        },
    )
    db.session.execute(stmt)


def take_one(user_id, template_id, conn=None):
    """Use one allowed send; False when none is left."""
    result = (conn or db.session).execute(
        update(quota)
        .where(quota.c.user_id == user_id, quota.c.template_id == template_id, quota.c.remaining > 0)
        .values(remaining=quota.c.remaining - 1, updated_at=func.now())
    )
    return result.rowcount == 1


def give_back(user_id, template_id, conn=None):
    """WeChat did not deliver: the acceptance is still unused."""
    (conn or db.session).execute(
        update(quota)
        .where(quota.c.user_id == user_id, quota.c.template_id == template_id)
        .values(remaining=quota.c.remaining + 1, updated_at=func.now())
    )


def mark_spent(user_id, template_id, conn=None):
    """WeChat answered 43101: whatever we counted, nothing is left."""
    (conn or db.session).execute(
        update(quota)
        .where(quota.c.user_id == user_id, quota.c.template_id == template_id)
        .values(remaining=0, updated_at=func.now())
    )


def remaining(user_id, template_id, conn=None):
    value = (conn or db.session).execute(
        select(quota.c.remaining).where(quota.c.user_id == user_id, quota.c.template_id == template_id)
    ).scalar_one_or_none()
    return value or 0


def remaining_for(user_ids_select, template_id):
    """(user_id, remaining) for every user the select yields; 0 without a row."""
    ids = user_ids_select.subquery()
    rows = db.session.execute(
        select(ids.c.user_id, func.coalesce(quota.c.remaining, 0))
        .select_from(ids)
        .outerjoin(quota, (quota.c.user_id == ids.c.user_id) & (quota.c.template_id == template_id))
    ).all()
    return [(user_id, left) for user_id, left in rows]
