"""``GET /events?group=true``: a welfare day is one row, its community
activities nested under it.

The seven communities' activities of a welfare day otherwise flood the list
as rows of their own. Grouped, the list holds top-level events only; a
welfare day that is in the list carries its activities, the viewer's
community first (the filtered community, else the signed-in person's), then
in start order. Filtering by community keeps a welfare day that has an
activity there.
"""
from sqlalchemy import or_
from sqlalchemy.orm import aliased

from app.events.views import EVENT_LOAD_OPTIONS, brief
from app.extensions import db
from app.models import Event, MemberUnit


def hosted_in(community_id, event=Event):
    """Hosted by the community or by a member unit inside it."""
    units_there = db.select(MemberUnit.id).where(MemberUnit.community_id == community_id)
    return or_(event.host_community_id == community_id, event.host_member_unit_id.in_(units_there))


def top_level_condition(community_id=None):
    """Events without a parent; with a community, those hosted there and the
    welfare days with an activity there."""
    if community_id is None:
        return Event.parent_id.is_(None)
    child = aliased(Event)
    with_activity_there = Event.id.in_(db.select(child.parent_id).where(hosted_in(community_id, child)))
    return Event.parent_id.is_(None) & or_(hosted_in(community_id), with_activity_there)


def preferred_community(args, user):
    if args.get("community"):
        return args["community"]
    return getattr(user, "community_id", None) if user is not None else None


def _community_of(event):
    if event.host_community_id is not None:
        return event.host_community_id
    return event.host_member_unit.community_id if event.host_member_unit is not None else None


def activity_views(children, preferred):
    """Activities as the list shows them: ``preferred`` community first, then
    start order (sorted() is stable)."""
    views = []
    for child in children:
        community_id = _community_of(child)
        views.append(dict(brief(child), host_community_id=community_id,
                          in_my_community=preferred is not None and community_id == preferred))
    return sorted(views, key=lambda view: not view["in_my_community"])


def attach_activities(items, events, preferred):
    """Give each welfare day in ``items`` (the presented ``events``) its
    activities, ``preferred`` community first."""
    day_ids = [event.id for event in events if event.kind == "welfare_day"]
    by_day = {day_id: [] for day_id in day_ids}
    if day_ids:
        children = db.session.execute(
            db.select(Event).where(Event.parent_id.in_(day_ids)).order_by(Event.starts_at, Event.id)
            .options(*EVENT_LOAD_OPTIONS)
        ).scalars().all()
        for child in children:
            by_day[child.parent_id].append(child)
    for item in items:
        if item["id"] in by_day:
            item["activities"] = activity_views(by_day[item["id"]], preferred)
    return items
