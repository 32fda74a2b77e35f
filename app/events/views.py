"""How events look to the mini-program: plain dicts the schemas dump."""
from sqlalchemy.orm import joinedload

from app.auth import policy
from app.events import registration as registrations
from app.extensions import db
from app.models import Event, utcnow

SUBDISTRICT_NAME = "下沙街道"
# Loaded with every page of events so host names cost no extra queries:
# joined (many-to-one, two small tables), not a SELECT of their own each.
EVENT_LOAD_OPTIONS = (joinedload(Event.host_community), joinedload(Event.host_member_unit))
# One event as its detail shows it: its host, and an activity's welfare day with that day's host.
DETAIL_LOAD_OPTIONS = EVENT_LOAD_OPTIONS + (
    joinedload(Event.parent).joinedload(Event.host_community),
    joinedload(Event.parent).joinedload(Event.host_member_unit),
)


def host_name(event):
    if event.host_community is not None:
        return event.host_community.name
    if event.host_member_unit is not None:
        return event.host_member_unit.name
    return SUBDISTRICT_NAME


def phase(event, now=None):
    now = now or utcnow()
    if event.status == "cancelled":
        return "cancelled"
    if now < event.starts_at:
        return "upcoming"
    return "ongoing" if now < event.ends_at else "ended"


def brief(event):
    return {
        "id": event.id, "kind": event.kind, "title": event.title, "status": event.status, "theme": event.theme,
        "host_name": host_name(event), "venue": event.venue, "starts_at": event.starts_at,
        "ends_at": event.ends_at,
    }


def _full(event, counts, mine, now, managed):
    values = {column.key: getattr(event, column.key) for column in Event.__table__.columns}
    if not managed:
        # The poster's scene plus the venue's public coordinates are all a
        # poster check-in needs: shown to anyone, it would let a resident check
        # in from home without ever seeing the poster.
        values["scene"] = None
    values.update(
        host_name=host_name(event),
        phase=phase(event, now),
        registered_count=counts["registered"],
        waitlisted_count=counts["waitlisted"],
        my_registration=None,
    )
    if mine is not None:
        values["my_registration"] = {"id": mine.id, "status": mine.status, "position": None}
    return values


def present_events(events, user):
    return _present(events, user)[0]


def _present(events, user):
    """(the presented events, the viewer's registrations among them by event id)."""
    ids = [event.id for event in events]
    counts, mine = registrations.counts_and_mine(ids, user)
    now = utcnow()
    return [_full(event, counts[event.id], mine.get(event.id), now, policy.events.may_manage(user, event))
            for event in events], mine


def present_detail(event, user):
    presented, mine_by_event = _present([event], user)
    values = presented[0]
    mine = values["my_registration"]
    if mine is not None and mine["status"] == "waitlisted":
        mine["position"] = registrations.waitlist_position(mine_by_event[event.id])
    values["can_manage"] = policy.events.may_manage(user, event)
    values["parent"] = brief(event.parent) if event.parent is not None else None
    activities = db.session.execute(
        db.select(Event).where(Event.parent_id == event.id).order_by(Event.starts_at, Event.id)
        .options(*EVENT_LOAD_OPTIONS)
    ).scalars().all()
    from app.events.grouping import activity_views

    values["activities"] = activity_views(activities, getattr(user, "community_id", None))
    return values
