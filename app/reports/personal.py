"""The reporter's personal data: their reports in see-my-data, and the link
to them gone when they close their account. The reports themselves stay
(a broken streetlight is still broken, and the grid's figures count it):
the order loses its reporter and the reporter's rating comment; their
photos are deleted by the files area (its own ``account_closed`` receiver)."""
from sqlalchemy import select, update

from app.contributions import contribute
from app.extensions import db
from app.localtime import iso
from app.models import WorkOrder
from app.reports import rules

orders = WorkOrder.__table__


def my_reports(user):
    rows = db.session.execute(select(WorkOrder).where(WorkOrder.reporter_id == user.id)
                              .order_by(WorkOrder.id)).scalars().all()
    return [{"id": o.id, "category": rules.CATEGORIES.get(o.category, o.category), "description": o.description,
             "place": o.place, "latitude": o.latitude, "longitude": o.longitude,
             "status": rules.STATUS_LABELS[o.status],
             "rating": o.rating, "rating_comment": o.rating_comment, "created_at": iso(o.created_at)} for o in rows]


def contribute_personal_data(app):
    contribute(app, "personal_data", "reports", my_reports)


def forget_reporter(app, user_id, **_):
    """``account_closed`` receiver: the person's reports no longer name them."""
    db.session.execute(update(orders).where(orders.c.reporter_id == user_id)
                       .values(reporter_id=None, rating_comment=None))
    db.session.commit()
