"""Registration (报名) with a waiting list.

Every change to an event's registrations first locks the event row, so the
count of registered people and the insert or promotion that depends on it
happen one request at a time: ``SELECT ... FOR NO KEY UPDATE`` on PostgreSQL; on
SQLite a no-op ``UPDATE`` takes the database's single write lock before the
count is read (a plain SELECT there would let two writers count the same
number). Capacity therefore holds under any number of concurrent requests,
and each freed place promotes exactly one waitlisted person.

Events without ``registration_required`` still accept a registration: it is
a "remind me" interest that holds no place, is never waitlisted, and does not
count against capacity (which the door enforces at check-in).
"""
from collections import namedtuple

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.errors import APIError
from app.extensions import db
from app.models.base import lock_row
from app.models import Event, Registration, utcnow
from app.schemas import MAX_ID

ACTIVE = ("registered", "waitlisted")


def valid_id(value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if 1 <= value <= MAX_ID else None


def lock_event(event_id):
    """Load the event for update, holding its lock until the commit."""
    event_id = valid_id(event_id)
    if event_id is None:
        raise APIError("not_found", "活动不存在")
    # FOR NO KEY UPDATE: serialises registration writers on this event,
    # yet lets check-ins (whose foreign key takes FOR KEY SHARE) go on.
    event = lock_row(Event, event_id)
    if event is None:
        raise APIError("not_found", "活动不存在")
    return event


def holds_places(event):
    """Whether registrations for ``event`` are bound by its capacity."""
    return bool(event.registration_required) and event.capacity is not None


def count_registered(event_id):
    return db.session.execute(
        db.select(func.count(Registration.id)).filter_by(event_id=event_id, status="registered")
    ).scalar_one()


def fill_places(event):
    """Promote waitlisted people, oldest first, into free places. Call with
    the event locked; returns the promoted registrations."""
    if event.status != "published":
        return []
    query = (db.select(Registration).filter_by(event_id=event.id, status="waitlisted")
             .order_by(Registration.id))
    if holds_places(event):
        free = event.capacity - count_registered(event.id)
        if free <= 0:
            return []
        query = query.limit(free)
    promoted = db.session.execute(query).scalars().all()
    for registration in promoted:
        registration.status = "registered"
    db.session.flush()
    return promoted


def _refuse_if_closed(event):
    if event.status == "cancelled":
        raise APIError("event_cancelled", "活动已取消，无法报名")
    if event.ends_at <= utcnow():
        raise APIError("event_ended", "活动已结束，无法报名")


def _own_registration(event_id, user):
    return db.session.execute(
        db.select(Registration).filter_by(event_id=event_id, user_id=user.id)
    ).scalar_one_or_none()


def register(event_id, user):
    event = lock_event(event_id)
    _refuse_if_closed(event)
    existing = _own_registration(event.id, user)
    if existing is not None and existing.status in ACTIVE:
        raise APIError("already_registered", "您已报名该活动" if existing.status == "registered"
                       else "您已在候补名单中", details={"status": existing.status})
    if existing is not None:
        # A new registration after a cancellation joins the end of the queue.
        db.session.delete(existing)
        db.session.flush()
    status = "registered"
    if holds_places(event) and count_registered(event.id) >= event.capacity:
        status = "waitlisted"
    registration = Registration(event_id=event.id, user_id=user.id, status=status)
    db.session.add(registration)
    try:
        db.session.commit()
    except IntegrityError as exc:
        # Only reachable by a writer that skipped the lock; the row exists.
        db.session.rollback()
        raise APIError("already_registered") from exc
    return present(registration, event)


def cancel(event_id, user):
    event = lock_event(event_id)
    registration = _own_registration(event.id, user)
    if registration is None or registration.status not in ACTIVE:
        raise APIError("registration_not_found")
    if event.status == "published" and event.ends_at <= utcnow():
        raise APIError("event_ended", "活动已结束，无需取消报名")
    held_place = registration.status == "registered"
    registration.status = "cancelled"
    registration.cancelled_at = utcnow()
    db.session.flush()
    if held_place:
        fill_places(event)
    db.session.commit()
    return present(registration, event)


def waitlist_position(registration):
    if registration.status != "waitlisted":
        return None
    return db.session.execute(
        db.select(func.count(Registration.id)).where(
            Registration.event_id == registration.event_id, Registration.status == "waitlisted",
            Registration.id <= registration.id)
    ).scalar_one()


def present(registration, event=None, position=...):
    event = event or registration.event
    return {
        "id": registration.id,
        "event_id": registration.event_id,
        "status": registration.status,
        "position": waitlist_position(registration) if position is ... else position,
        "binding": bool(event.registration_required),
        "created_at": registration.created_at,
        "cancelled_at": registration.cancelled_at,
    }


# What a page of events shows of the viewer's own registration (and what
# waitlist_position reads).
MyRegistration = namedtuple("MyRegistration", "id event_id status")


def counts_and_mine(event_ids, user):
    """``({event id: {"registered": n, "waitlisted": m}}, {event id: MyRegistration})``
    for a page of events: the counts and ``user``'s active registrations
    among them, read in one statement (one group per event and status, whose
    rows include the user's at most once: a person has one registration per event)."""
    counts = {event_id: {"registered": 0, "waitlisted": 0} for event_id in event_ids}
    mine = {}
    if not event_ids:
        return counts, mine
    columns = [Registration.event_id, Registration.status, func.count(Registration.id)]
    if user is not None:
        columns.append(func.max(Registration.id).filter(Registration.user_id == user.id))
    rows = db.session.execute(
        db.select(*columns)
        .where(Registration.event_id.in_(event_ids), Registration.status.in_(ACTIVE))
        .group_by(Registration.event_id, Registration.status)
    )
    for event_id, status, count, *own in rows:
        counts[event_id][status] = count
        if own and own[0] is not None:
            mine[event_id] = MyRegistration(own[0], event_id, status)
    return counts, mine


def list_for_event(event, status=None, limit=50, offset=0):
    """The registrants of one event (for its organisers), in queue order."""
    query = db.select(Registration).where(Registration.event_id == event.id)
    if status:
        query = query.where(Registration.status == status)
    total = db.session.execute(query.with_only_columns(func.count(Registration.id))).scalar_one()
    rows = db.session.execute(
        query.order_by(Registration.id).limit(limit).offset(offset)
        .options(joinedload(Registration.user))
    ).scalars().all()
    waitlist = db.session.execute(
        db.select(Registration.id).filter_by(event_id=event.id, status="waitlisted").order_by(Registration.id)
    ).scalars().all()
    positions = {registration_id: index for index, registration_id in enumerate(waitlist, start=1)}
    items = []
    for row in rows:
        item = present(row, event, position=positions.get(row.id))
        item["user"] = {"id": row.user.id, "name": row.user.name, "phone": row.user.phone}
        items.append(item)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def list_for_user(user, include_cancelled=False, limit=50, offset=0):
    """My registrations, the latest events first."""
    from app.events.views import brief

    query = db.select(Registration).join(Event, Event.id == Registration.event_id).where(
        Registration.user_id == user.id)
    if not include_cancelled:
        query = query.where(Registration.status.in_(ACTIVE))
    total = db.session.execute(query.with_only_columns(func.count(Registration.id))).scalar_one()
    # Each event's host too (its name is shown): one query for the page, not one per host.
    event = joinedload(Registration.event)
    rows = db.session.execute(
        query.order_by(Event.starts_at.desc(), Registration.id.desc()).limit(limit).offset(offset)
        .options(event.joinedload(Event.host_community), event.joinedload(Event.host_member_unit))
    ).scalars().all()
    items = []
    for row in rows:
        item = present(row, row.event)
        item["event"] = brief(row.event)
        items.append(item)
    return {"items": items, "total": total, "limit": limit, "offset": offset}

