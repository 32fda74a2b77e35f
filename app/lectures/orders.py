"""点课 / 送学: a community or member unit orders a course; the 讲堂 office
confirms it with a lecturer, which publishes the shared lecture (共享党课)
as an event of kind ``lecture`` hosted by the orderer, or declines it; the
orderer may cancel while it waits.

The event is made by the events area's own ``add_event`` in the order's
transaction (both or neither), so check-in, attendance and notices work as
for any event, and the host's organisers manage it. The units invited to it
besides the host are the order's ``invited_units`` (course_order_units).

A lecturer gives one lecture at a time: confirming locks the lecturer's row
and refuses one whose confirmed lectures overlap the order's time, so two
racing confirmations for the same lecturer at the same time end with one.
"""
from datetime import timedelta

from app import audit
from app.auth import policy
from app.auth.policy import lectures as lecture_policy
from app.errors import APIError, invalid
from app.events import service as events
from app.extensions import db
from app.lectures import catalogue
from app.models import Community, CourseOrder, Lecturer, MemberUnit, utcnow
from app.models.base import lock_row

LECTURE_TITLE = "聚沙讲堂：{title}"


def _order_status_error(order):
    words = {"confirmed": "已确认", "declined": "已婉拒", "cancelled": "已取消"}
    return APIError("order_not_requested", f"该点课{words.get(order.status, '已处理')}，不能再操作", status=409)


def get_visible(user, order_id):
    order = db.session.get(CourseOrder, order_id)
    if order is None or not lecture_policy.may_read_order(user, order):
        raise APIError("not_found", "点课申请不存在")
    return order


def _locked_visible(user, order_id):
    order = lock_row(CourseOrder, order_id)
    if order is None or not lecture_policy.may_read_order(user, order):
        raise APIError("not_found", "点课申请不存在")
    return order


def _units(ids, field="invited_unit_ids"):
    ids = list(dict.fromkeys(ids or ()))
    if not ids:
        return []
    units = db.session.execute(db.select(MemberUnit).where(MemberUnit.id.in_(ids))).scalars().all()
    if len(units) != len(ids):
        raise invalid(field, "邀请的共建单位不存在")
    # The same order the relationship loads in (by id), so the audience line never reorders.
    return sorted(units, key=lambda unit: unit.id)


def place_order(user, body, now=None):
    now = now or utcnow()
    community_id, unit_id = body.get("community_id"), body.get("member_unit_id")
    if (community_id is None) == (unit_id is None):
        raise invalid("community_id", "请选择点课的社区或共建单位（二选一）")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise invalid("community_id", "社区不存在")
    if unit_id is not None and db.session.get(MemberUnit, unit_id) is None:
        raise invalid("member_unit_id", "共建单位不存在")
    policy.require(lecture_policy.may_order_for(user, community_id, unit_id),
                   message="只有该社区的工作人员或该共建单位的联络人可以点课")
    course = catalogue.get_course(body["course_id"])
    starts_at = body["starts_at"]
    if starts_at <= now:
        raise invalid("starts_at", "授课时间须晚于现在")
    ends_at = body.get("ends_at") or starts_at + timedelta(minutes=course.duration_minutes)
    if ends_at <= starts_at:
        raise invalid("ends_at", "结束时间须晚于开始时间")
    if ends_at - starts_at > timedelta(hours=12):
        raise invalid("ends_at", "一次授课不能超过 12 小时")
    order = CourseOrder(course_id=course.id, community_id=community_id, member_unit_id=unit_id,
                        starts_at=starts_at, ends_at=ends_at, place=body["place"], audience=body.get("audience"),
                        expected_size=body["expected_size"], note=body.get("note"), status="requested",
                        ordered_by_id=user.id, invited_units=_units(body.get("invited_unit_ids")))
    db.session.add(order)
    db.session.flush()
    audit.record("course_order.create", actor=user, target=order,
                 detail={"course_id": course.id, "community_id": community_id, "member_unit_id": unit_id,
                         "starts_at": starts_at.isoformat()})
    db.session.commit()
    return order


def list_orders(user, args):
    query = db.select(CourseOrder).where(lecture_policy.orders_clause(user))
    for name in ("status", "course_id", "lecturer_id"):
        if args.get(name):
            query = query.where(getattr(CourseOrder, name) == args[name])
    total = db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(CourseOrder.starts_at.desc(), CourseOrder.id.desc())
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}


def _busy(lecturer_id, order):
    return db.session.execute(
        db.select(CourseOrder.id).where(CourseOrder.lecturer_id == lecturer_id, CourseOrder.status == "confirmed",
                                        CourseOrder.id != order.id, CourseOrder.starts_at < order.ends_at,
                                        CourseOrder.ends_at > order.starts_at)
    ).first() is not None


def _audience(order, units):
    words = [order.audience] if order.audience else []
    if units:
        words.append("邀请单位：" + "、".join(unit.name for unit in units))
    return "；".join(words)[:128] or None


def confirm(user, order_id, body):
    """Set the lecturer and publish the shared lecture; one transaction."""
    order = _locked_visible(user, order_id)
    policy.require(lecture_policy.may_decide_order(user, order), message="只有聚沙讲堂管理员可以确认点课")
    if order.status != "requested":
        raise _order_status_error(order)
    lecturer = lock_row(Lecturer, body["lecturer_id"])
    if lecturer is None or not lecturer.active:
        raise invalid("lecturer_id", "宣讲员不存在或已停用")
    if _busy(lecturer.id, order):
        raise APIError("lecturer_busy", f"{lecturer.name}在该时段已有确认的授课，请另选宣讲员或与点课方协调时间",
                       status=409)
    if "invited_unit_ids" in body:
        order.invited_units = _units(body["invited_unit_ids"])
    course = order.course
    speaker = f"{lecturer.name}（{lecturer.title}）" if lecturer.title else lecturer.name
    event = events.add_event(user, {
        "kind": "lecture", "title": LECTURE_TITLE.format(title=course.title)[:64],
        "description": course.summary, "speaker": speaker[:64], "audience": _audience(order, order.invited_units),
        "host_community_id": order.community_id, "host_member_unit_id": order.member_unit_id,
        "venue": order.place, "starts_at": order.starts_at, "ends_at": order.ends_at,
        "capacity": body.get("capacity"), "registration_required": bool(body.get("registration_required")),
        "credits_hours": False,
    }, host_decided=True)
    order.status, order.lecturer_id, order.event_id = "confirmed", lecturer.id, event.id
    order.decided_by_id, order.decided_at = user.id, utcnow()
    audit.record("course_order.confirm", actor=user, target=order,
                 detail={"lecturer_id": lecturer.id, "event_id": event.id,
                         "invited_unit_ids": [unit.id for unit in order.invited_units]})
    db.session.commit()
    return order


def _end(user, order_id, status, reason, allowed, message):
    """Decline or cancel a waiting order, saying why."""
    order = _locked_visible(user, order_id)
    policy.require(allowed(user, order), message=message)
    if order.status != "requested":
        raise _order_status_error(order)
    order.status, order.reason, order.decided_at = status, reason, utcnow()
    if status == "declined":
        order.decided_by_id = user.id
    audit.record(f"course_order.{'decline' if status == 'declined' else 'cancel'}", actor=user, target=order,
                 detail={"reason": reason})
    db.session.commit()
    return order


def decline(user, order_id, reason):
    return _end(user, order_id, "declined", reason, lecture_policy.may_decide_order,
                "只有聚沙讲堂管理员可以婉拒点课")


def cancel(user, order_id, reason):
    return _end(user, order_id, "cancelled", reason, lecture_policy.may_cancel_order, "只有点课的社区或单位可以取消")
