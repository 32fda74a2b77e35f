"""Events: lookups other areas use, and what organisers do to events.

Organisers act only on events ``app.auth.policy.events`` says they manage:
hosted by a community or member unit in their scope. Subdistrict-level events
(no host) belong to admins alone. Every change leaves an audit row in the transaction that makes it.
"""
import re
import secrets
import string

from flask import current_app

from app import audit, signals
from app.auth import policy
from app.errors import APIError
from app.events import rules
from app.events.registration import count_registered, fill_places, lock_event, valid_id
from app.extensions import db
from app.models import Community, Event, MemberUnit, utcnow

# WeChat's wxacode.getUnlimited accepts these characters in a scene.
SCENE_RE = re.compile(r"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$")
_SCENE_ALPHABET = string.ascii_letters + string.digits


def get_event_or_404(event_id, options=()):
    """``options``: loader options for the event (e.g. its host), so what
    the caller shows of it comes in the same statement."""
    event_id = valid_id(event_id)
    event = db.session.get(Event, event_id, options=options) if event_id is not None else None
    if event is None:
        raise APIError("not_found", "活动不存在")
    return event


def event_for_scene(scene):
    """The event a poster's mini-program code names, or None.

    A scene is ``e<id>.<random>`` for events created in the app and
    ``w<yyyymm>[c<community>].<random>`` for planned welfare days; the random
    tail keeps an old poster from opening a new event after a data reset."""
    if not isinstance(scene, str) or not SCENE_RE.match(scene):
        return None
    return db.session.execute(db.select(Event).filter_by(scene=scene)).scalar_one_or_none()


def scene_tail(length=8):
    return "".join(secrets.choice(_SCENE_ALPHABET) for _ in range(length))


def require_manages(user, event):
    policy.require(policy.events.may_manage(user, event))


def _require_host_in_scope(user, community_id, member_unit_id):
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise rules.invalid("host_community_id", "社区不存在")
    if member_unit_id is not None and db.session.get(MemberUnit, member_unit_id) is None:
        raise rules.invalid("host_member_unit_id", "共建单位不存在")
    if community_id is None and member_unit_id is None:
        policy.require(policy.events.may_host(user, None, None), message="街道层面的活动只能由街道管理员发布，请选择您负责的社区或共建单位")
    else:
        policy.require(policy.events.may_host(user, community_id, member_unit_id))


def _parent_for(kind, parent_id):
    if parent_id is None:
        return None
    if kind != "welfare_day":
        raise rules.invalid("parent_id", "只有市民公益日的社区活动可以归属于某个公益日")
    parent = db.session.get(Event, parent_id)
    if parent is None or parent.kind != "welfare_day" or parent.parent_id is not None:
        raise rules.invalid("parent_id", "所属的市民公益日不存在")
    if parent.status == "cancelled":
        raise rules.invalid("parent_id", "所属的市民公益日已取消")
    return parent


def create_event(user, body):
    event = add_event(user, body)
    db.session.commit()
    return event


def add_event(user, body, *, host_decided=False):
    """``create_event`` without the commit, for an area whose own row comes
    with an event in one transaction (a whistle's event, app/whistles).
    ``host_decided``: the calling area's policy has already decided that
    ``user`` may make this event for its host (the 聚沙讲堂 office confirming
    a community's course order, app/lectures), so the organiser check is skipped."""
    kind = body["kind"]
    if not host_decided:
        _require_host_in_scope(user, body.get("host_community_id"), body.get("host_member_unit_id"))
    values = rules.values_for_create(kind, body)
    parent = _parent_for(kind, body.get("parent_id"))
    if parent is not None and not values.get("theme"):
        values["theme"] = parent.theme
    event = Event(kind=kind, status="published", parent_id=parent.id if parent else None,
                  created_by_id=user.id, **values)
    db.session.add(event)
    db.session.flush()
    # The id makes the scene unique; the tail makes it unguessable across resets.
    event.scene = f"e{event.id}.{scene_tail()}"
    audit.record("event.create", actor=user, target=event,
                 detail={"kind": kind, "title": event.title, "host_community_id": event.host_community_id,
                         "host_member_unit_id": event.host_member_unit_id,
                         "starts_at": event.starts_at.isoformat()})
    return event


def update_event(user, event_id, changes):
    event = lock_event(event_id)
    require_manages(user, event)
    if event.status == "cancelled":
        raise APIError("event_cancelled", "活动已取消，不能再修改")
    changed = rules.values_for_update(event, changes)
    if "host_community_id" in changed or "host_member_unit_id" in changed:
        _require_host_in_scope(user, changed.get("host_community_id", event.host_community_id),
                               changed.get("host_member_unit_id", event.host_member_unit_id))
    binding_after = changed.get("registration_required", event.registration_required)
    capacity_after = changed.get("capacity", event.capacity)
    if binding_after and capacity_after is not None:
        registered = count_registered(event.id)
        if capacity_after < registered:
            raise APIError("capacity_below_registered", f"已有 {registered} 人报名，名额不能少于 {registered}",
                           details={"json": {"capacity": [f"不能少于已报名人数 {registered}"]}})
    detail = {name: [_jsonable(getattr(event, name)), _jsonable(value)] for name, value in changed.items()}
    if "theme" in changed:
        _carry_theme_to_activities(event, changed["theme"])
    for name, value in changed.items():
        setattr(event, name, value)
    db.session.flush()
    # More places (or no limit any more) move people up the waiting list.
    promoted = fill_places(event)
    if promoted:
        detail["promoted_registrations"] = [registration.id for registration in promoted]
    if detail:
        audit.record("event.update", actor=user, target=event, detail=detail)
    db.session.commit()
    signals.event_changed.send(current_app._get_current_object(), event_id=event.id)
    return event


def cancel_event(user, event_id, reason):
    event = lock_event(event_id)
    require_manages(user, event)
    if event.status == "cancelled":
        raise APIError("event_cancelled", "活动已经取消过了")
    if event.ends_at <= utcnow():
        raise APIError("event_ended", "活动已结束，不能取消")
    now = utcnow()
    cancelled = [event]
    # Cancelling a month's welfare day cancels its community activities too.
    for activity in event.activities:
        if activity.status != "cancelled":
            cancelled.append(activity)
    for row in cancelled:
        row.status, row.cancel_reason, row.cancelled_at = "cancelled", reason, now
    event_ids = [row.id for row in cancelled]
    audit.record("event.cancel", actor=user, target=event, detail={"reason": reason, "activities": event_ids[1:]})
    db.session.commit()
    signals.event_cancelled.send(current_app._get_current_object(), event_ids=event_ids, reason=reason)
    return event


def _carry_theme_to_activities(welfare_day, theme):
    """A month's new theme reaches the activities still showing the old one."""
    for activity in welfare_day.activities:
        if activity.theme == welfare_day.theme and activity.status == "published":
            activity.theme = theme


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
