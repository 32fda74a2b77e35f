"""What makes a whistle or a report sensible, and the refusals of this area.

A whistle is urgent by nature: units are needed within hours, not days, so
``needed_by`` lies between MIN_LEAD and MAX_LEAD from now. Its event (where
arrivals check in) runs from the moment it is raised until EVENT_AFTER hours
after ``needed_by``, so people who came to help can still check out.
"""
from datetime import timedelta

from app.errors import APIError, invalid
from app.extensions import db
from app.models import MemberUnit

MIN_LEAD = timedelta(hours=1)
MAX_LEAD = timedelta(hours=72)
EVENT_AFTER = timedelta(hours=4)
# An arrival time may be given a little before the whistle was raised (units
# already on the way) and at most a day after it is needed.
ARRIVAL_SLACK = timedelta(hours=24)

STATUS_WORDS = {"open": "进行中", "closed": "已结束", "cancelled": "已取消"}


def not_open(whistle):
    """409 for any change to a whistle that is no longer open."""
    return APIError("whistle_not_open", f"该哨令{STATUS_WORDS.get(whistle.status, '')}，不能再操作", status=409,
                    details={"status": whistle.status})


def check_needed_by(needed_by, now):
    if needed_by < now + MIN_LEAD:
        raise invalid("needed_by", "需要到场的时间至少在 1 小时之后")
    if needed_by > now + MAX_LEAD:
        raise invalid("needed_by", "吹哨是急事：需要到场的时间须在 72 小时之内，更长的安排请发布需求")


def check_location(body):
    has_lat, has_lng = body.get("latitude") is not None, body.get("longitude") is not None
    if has_lat != has_lng:
        raise invalid("latitude" if not has_lat else "longitude", "请同时填写纬度和经度")


def addressed_units(body):
    """The units a whistle goes to: every active unit when ``to_all_units``,
    else the chosen ones, each existing and active."""
    if body.get("to_all_units"):
        if body.get("unit_ids"):
            raise invalid("unit_ids", "已选择发给全体共建单位，请不要再单独选择单位")
        units = db.session.execute(
            db.select(MemberUnit).where(MemberUnit.status == "active").order_by(MemberUnit.id)).scalars().all()
        if not units:
            raise invalid("to_all_units", "联盟里还没有在册的共建单位")
        return units
    wanted = list(dict.fromkeys(body.get("unit_ids") or []))
    if not wanted:
        raise invalid("unit_ids", "请选择共建单位，或选择发给全体共建单位")
    found = {u.id: u for u in db.session.execute(
        db.select(MemberUnit).where(MemberUnit.id.in_(wanted))).scalars()}
    for unit_id in wanted:
        unit = found.get(unit_id)
        if unit is None:
            raise invalid("unit_ids", f"共建单位 {unit_id} 不存在")
        if unit.status != "active":
            raise invalid("unit_ids", f"{unit.name}已暂停或退出联盟，不能向其吹哨")
    return [found[unit_id] for unit_id in wanted]


def check_arrival(arrive_at, whistle):
    if arrive_at is None:
        return
    if arrive_at < whistle.created_at - timedelta(hours=1):
        raise invalid("arrive_at", "到达时间不能早于吹哨时间")
    if arrive_at > whistle.needed_by + ARRIVAL_SLACK:
        raise invalid("arrive_at", "到达时间太晚：最迟为需要到场时间之后 24 小时")
