"""The data behind the attendance charts: one query per chart."""
from datetime import datetime

from sqlalchemy import and_, func, select

from app.auth import policy
from app.checkin import charts
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import CheckIn, Event


def event_chart_png(event):
    rows = db.session.execute(
        select(CheckIn.direction, CheckIn.scanned_at).where(CheckIn.event_id == event.id)
    ).all()
    checkins = [r.scanned_at for r in rows if r.direction == "in"]
    checkouts = [r.scanned_at for r in rows if r.direction == "out"]
    return charts.event_chart(event.title, event.starts_at, event.ends_at, checkins, checkouts)


def month_bounds(year, month):
    start = datetime(year, month, 1, tzinfo=CHINA_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=CHINA_TZ)
    return start, end


def month_events(user, year, month):
    """(starts_at, title, checked_in, capacity) for every event of the month
    (Beijing time) that ``user`` manages, cancelled ones left out."""
    start, end = month_bounds(year, month)
    checked_in = func.count(CheckIn.id)
    query = (
        select(Event.starts_at, Event.title, checked_in, Event.capacity)
        .outerjoin(CheckIn, and_(CheckIn.event_id == Event.id, CheckIn.direction == "in"))
        .where(Event.starts_at >= start, Event.starts_at < end, Event.status != "cancelled",
               policy.events.managed_clause(user))
        .group_by(Event.id, Event.starts_at, Event.title, Event.capacity)
        .order_by(Event.starts_at, Event.id)
    )
    return [tuple(row) for row in db.session.execute(query).all()]


def month_chart_png(user, year, month):
    return charts.month_chart(year, month, month_events(user, year, month))
