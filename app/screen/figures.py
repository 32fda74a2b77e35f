"""The 数据大屏's own figures: check-ins per community (today, this month),
today's events for the map, volunteer hours this year, the top squads.

Every query is bounded by time and served by an index: check-ins are reached
through the events that can hold them in the period (``ix_events_starts_at_kind``
on starts_at, then the unique (event_id, user_id, direction) index), never by
scanning the checkins table; hours are the year's running totals
(app.hours.totals), a row for the district and one per squad.
"""
from datetime import timedelta

from sqlalchemy import func

from app.events.rules import MAX_DURATION
from app.extensions import db
from app.hours import totals
from app.hours.rules import hours
from app.localtime import iso
from app.models import CheckIn, Community, Event, MemberUnit, Team
from app.models.hours_totals import SCOPE_TEAM, HoursScopeTotal

# A check-in can open up to a day before its event starts (app.events.rules).
CHECKIN_OPENS_AT_MOST = timedelta(hours=24)
TOP_SQUADS = 5


def _community_of_event():
    """The community an event counts for: its host, or its host unit's community."""
    return func.coalesce(Event.host_community_id, MemberUnit.community_id)


def _events_around(query, start, end):
    """Only events that can hold a check-in in [start, end) (index on starts_at)."""
    return query.where(Event.starts_at >= start - MAX_DURATION, Event.starts_at < end + CHECKIN_OPENS_AT_MOST)


def checkins_by_community(start, end):
    """{community_id or None: check-ins scanned in [start, end)}."""
    community = _community_of_event()
    query = (db.select(community, func.count(CheckIn.id))
             .select_from(Event)
             .join(CheckIn, CheckIn.event_id == Event.id)
             .outerjoin(MemberUnit, MemberUnit.id == Event.host_member_unit_id)
             .where(CheckIn.direction == "in", CheckIn.scanned_at >= start, CheckIn.scanned_at < end)
             .group_by(community))
    return dict(db.session.execute(_events_around(query, start, end)).all())


def communities(at):
    today = checkins_by_community(at.day_start, at.day_end)
    month = checkins_by_community(at.month_start, at.month_end)
    rows = db.session.execute(db.select(Community).order_by(Community.id)).scalars()
    return [{"id": c.id, "name": c.name, "latitude": c.latitude, "longitude": c.longitude,
             "checkins_today": today.get(c.id, 0), "checkins_month": month.get(c.id, 0)} for c in rows], \
        {"today": sum(today.values()), "month": sum(month.values())}


def events_today(at):
    """Today's events that are not cancelled, with place, time and check-ins so far."""
    community = _community_of_event()
    checked_in = (db.select(func.count(CheckIn.id))
                  .where(CheckIn.event_id == Event.id, CheckIn.direction == "in").scalar_subquery())
    rows = db.session.execute(
        db.select(Event, community.label("community_id"), checked_in.label("checked_in"))
        .outerjoin(MemberUnit, MemberUnit.id == Event.host_member_unit_id)
        .where(Event.starts_at >= at.day_start - MAX_DURATION, Event.starts_at < at.day_end,
               Event.ends_at > at.day_start, Event.status != "cancelled")
        .order_by(Event.starts_at, Event.id)
    ).all()
    return [{"id": e.id, "title": e.title, "kind": e.kind, "venue": e.venue or "", "starts_at": iso(e.starts_at),
             "ends_at": iso(e.ends_at), "community_id": community_id, "latitude": e.latitude,
             "longitude": e.longitude, "checked_in": checked_in} for e, community_id, checked_in in rows]


def hours_this_year(at):
    minutes, people = totals.district(at.year_start.year)
    return {"year": at.year_start.year, "minutes": minutes, "hours": hours(minutes), "volunteers": people}


def top_squads(at, limit=TOP_SQUADS):
    t = HoursScopeTotal
    rows = db.session.execute(
        db.select(Team.id, Team.name, t.minutes)
        .join(Team, (Team.id == t.scope_id) & (t.scope_kind == SCOPE_TEAM))
        .where(t.year == at.year_start.year, t.minutes > 0)
        .order_by(t.minutes.desc(), Team.id)
        .limit(limit)
    ).all()
    return [{"rank": i, "id": row[0], "name": row[1], "minutes": row[2], "hours": hours(row[2])}
            for i, row in enumerate(rows, start=1)]
