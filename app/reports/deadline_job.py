"""Escalation by deadline: a periodic job (every 10 minutes, also embedded)
finds open work orders past their level's deadline and moves each one level
up — grid → community → office — or, at the office, marks it overdue. It
takes ``now`` so tests control the clock. Exactly once even when two
scheduler runs overlap: each order moves by a conditional UPDATE on the
deadline as read (app/reports/moves.py ``escalate_by_deadline``)."""
from sqlalchemy import or_, select

from app.extensions import db
from app.jobs import periodic
from app.models import WorkOrder, utcnow
from app.reports import rules
from app.reports.moves import escalate_by_deadline


def overdue_orders(now):
    """The orders past their deadline, as read now (plain rows, not ORM
    objects that would reload: a racing run's escalation must not be
    mistaken for this run's reading)."""
    return db.session.execute(
        select(WorkOrder.id, WorkOrder.status, WorkOrder.level, WorkOrder.due_at, WorkOrder.category)
        .where(WorkOrder.status.in_(rules.OPEN), WorkOrder.due_at < now,
               or_(WorkOrder.lapsed_due_at.is_(None), WorkOrder.lapsed_due_at < WorkOrder.due_at))
        .order_by(WorkOrder.due_at, WorkOrder.id)).all()


def escalate_overdue(now=None):
    """Escalate (or mark overdue) every order past its deadline; returns how many this run moved."""
    now = now or utcnow()
    found = overdue_orders(now)
    db.session.rollback()
    return sum(1 for order in found if escalate_by_deadline(order, now))


@periodic("reports_escalate_overdue", minute="*/10", lock_seconds=600, embedded=True)
def escalate_job(app):
    return escalate_overdue()
