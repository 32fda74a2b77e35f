"""Check-in by hand: an organiser at the door records an elderly resident who
has no smartphone (or whose phone will not scan)."""
from sqlalchemy import select

from app import audit
from app.auth import policy
from app.checkin import event_cache
from app.checkin.counting import counted
from app.checkin.service import (
    CONNECTION_ERRORS,
    announce,
    database_failure,
    not_open_error,
    record_row,
)
from app.errors import APIError
from app.extensions import db
from app.models import User, utcnow
from app.users import offline


def resident(organiser, event, user_id=None, phone=None, name=None):
    """The person to record: by id, or by phone, among the people the policy
    lets this organiser record at this event. Anyone else is answered exactly
    as a person who does not exist, so the form reveals no one.

    A phone with no such person, given with a name, registers a resident
    without a WeChat account in the event's community (their openid starts
    with ``offline:``, which no WeChat login can ever produce), so their
    attendance is kept from the first lecture on."""
    if user_id is not None:
        user = db.session.get(User, user_id)
        if user is None or not policy.people.may_record_attendance(organiser, event, user):
            raise APIError("user_not_found")
        return user
    user = _reachable_by_phone(organiser, event, phone)
    if user is not None:
        return user
    # A blank name would put a nameless row on every list and export.
    name = (name or "").strip()
    if not name:
        raise APIError("user_not_found", "未找到该手机号的居民，请填写姓名后登记")
    user = offline.register(organiser, phone, name, event.host_community_id)
    if user is None:
        # Another organiser registered the same person a moment ago.
        return _reachable_by_phone(organiser, event, phone) or resident(organiser, event, phone=phone, name=name)
    return user


def _reachable_by_phone(organiser, event, phone):
    people = db.session.execute(select(User).where(User.phone == phone).order_by(User.id)).scalars()
    return next((p for p in people if policy.people.may_record_attendance(organiser, event, p)), None)


@counted("manual")
def record(event, user, direction, organiser, note=None):
    """Registration, capacity and location are the organiser's call here; a
    cancelled event, and a window that has not opened yet, are still refused.
    Closed windows are allowed (typing in a paper sign-in sheet after the
    event). The audit row is committed with the check-in it describes."""
    snapshot = event_cache.get(event.id)
    if snapshot.status == "cancelled":
        raise APIError("event_cancelled")
    opens, _ = snapshot.window(direction)
    now = utcnow()
    if now < opens:
        raise not_open_error(direction, opens)
    try:
        result = record_row(db.session, snapshot, user.id, direction, "manual", now, None, None,
                            recorded_by_id=organiser.id, note=note)
        if result.created:
            audit.record("checkin.manual", actor=organiser, target=_Row(result.checkin_id),
                         detail={"event_id": snapshot.id, "user_id": user.id, "direction": direction,
                                 "note": note})
            db.session.commit()
    except CONNECTION_ERRORS as exc:
        raise database_failure() from exc
    announce(result, snapshot)
    return result


class _Row:
    """What the audit log needs to name a check-in row without loading it."""

    __tablename__ = "checkins"

    def __init__(self, row_id):
        self.id = row_id
