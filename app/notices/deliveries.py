"""One notice's recipients, a row each, for the delivery report's table."""
from sqlalchemy import select

from app import paging
from app.extensions import db
from app.models import NoticeDelivery, User

DELIVERY_STATES = ("queued", "sending", "sent", "skipped", "failed", "unconfirmed", "cancelled")


def list_deliveries(notice, state=None, q=None, limit=50, offset=0):
    """{items, total, limit, offset}: who the notice went (or did not go) to,
    in the order they were queued."""
    query = (select(NoticeDelivery.user_id, User.name, NoticeDelivery.state, NoticeDelivery.reason,
                    NoticeDelivery.errcode, NoticeDelivery.error, NoticeDelivery.attempts, NoticeDelivery.sent_at)
             .join(User, User.id == NoticeDelivery.user_id)
             .where(NoticeDelivery.notice_id == notice.id))
    if state:
        query = query.where(NoticeDelivery.state == state)
    if q:
        query = query.where(User.name.contains(q, autoescape=True))
    rows = db.session.execute(query.order_by(NoticeDelivery.id).limit(limit).offset(offset)).all()
    return {"items": [row._asdict() for row in rows], "total": paging.total(query), "limit": limit,
            "offset": offset}
