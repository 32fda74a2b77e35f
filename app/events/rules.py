"""What makes an event's values sensible, and the defaults organisers may
leave out. Every refusal is a 422 with a Chinese message naming the field.

Defaults (also in docs/events.md):
- check-in opens 30 minutes before the start and closes at the end;
- check-out opens at the start and closes one hour after the end;
- a location without a radius gets 300 m;
- volunteer activities and welfare days credit volunteer hours, lectures never do.
"""
from datetime import timedelta

from app.errors import invalid  # noqa: F401  (used as rules.invalid)
from app.events.times import default_windows
from app.models import utcnow

WINDOW_FIELDS = ("checkin_opens_at", "checkin_closes_at", "checkout_opens_at", "checkout_closes_at")
DEFAULT_RADIUS_M = 300
MAX_DURATION = timedelta(days=7)
# Check-in may open at most a day early; check-out may close at most a day late.
WINDOW_SLACK = timedelta(hours=24)

# Columns an organiser sets; kind and parent_id are fixed at creation.
EDITABLE_FIELDS = (
    "title", "description", "theme", "speaker", "online_url", "audience", "host_community_id",
    "host_member_unit_id", "venue", "latitude", "longitude", "radius_m", "starts_at", "ends_at", "capacity",
    "registration_required", "credits_hours",
) + WINDOW_FIELDS


def default_credits_hours(kind):
    return kind in ("volunteer_activity", "welfare_day")


def values_for_create(kind, body):
    """The column values of a new event from a POST body, defaults filled in."""
    values = {name: body.get(name) for name in EDITABLE_FIELDS}
    if values["registration_required"] is None:
        values["registration_required"] = False
    if values["credits_hours"] is None:
        values["credits_hours"] = default_credits_hours(kind)
    _fill_windows(values)
    _settle_location(values, explicit=body)
    check(kind, values)
    if values["ends_at"] <= utcnow():
        raise invalid("ends_at", "活动结束时间已过，无法发布")
    return values


def values_for_update(event, changes):
    """The values after a PATCH: untouched windows that were at their defaults
    move with the event's times; windows set by hand stay and are checked."""
    previous = {name: getattr(event, name) for name in EDITABLE_FIELDS}
    values = {**previous, **changes}
    if ("starts_at" in changes or "ends_at" in changes) and (
            values["starts_at"], values["ends_at"]) != (previous["starts_at"], previous["ends_at"]):
        old_defaults = default_windows(previous["starts_at"], previous["ends_at"])
        for name in WINDOW_FIELDS:
            if name not in changes and previous[name] == old_defaults[name]:
                values[name] = None
    _fill_windows(values)
    _settle_location(values, explicit=changes)
    check(event.kind, values)
    return {name: value for name, value in values.items() if value != previous[name]}


def _fill_windows(values):
    if values["starts_at"] is None or values["ends_at"] is None:
        return
    defaults = default_windows(values["starts_at"], values["ends_at"])
    for name in WINDOW_FIELDS:
        if values[name] is None:
            values[name] = defaults[name]


def _settle_location(values, explicit):
    has_lat, has_lng = values["latitude"] is not None, values["longitude"] is not None
    if has_lat != has_lng:
        raise invalid("latitude" if not has_lat else "longitude", "请同时填写纬度和经度")
    if not has_lat:
        if explicit.get("radius_m") is not None:
            raise invalid("radius_m", "请先填写活动地点的经纬度，再设置签到范围")
        values["radius_m"] = None
    elif values["radius_m"] is None:
        values["radius_m"] = DEFAULT_RADIUS_M


def check(kind, values):
    title = (values.get("title") or "").strip()
    if not title:
        raise invalid("title", "请填写标题")
    values["title"] = title
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if ends_at <= starts_at:
        raise invalid("ends_at", "结束时间必须晚于开始时间")
    if ends_at - starts_at > MAX_DURATION:
        raise invalid("ends_at", "单场活动不能超过 7 天，请分场发布")
    _check_windows(values)
    if values["host_community_id"] is not None and values["host_member_unit_id"] is not None:
        raise invalid("host_member_unit_id", "主办方只能是一个社区或一个共建单位")
    if kind == "lecture":
        if not (values.get("venue") or "").strip() and not values.get("online_url"):
            raise invalid("venue", "共享党课需填写场地或线上观看链接")
        if values["credits_hours"]:
            raise invalid("credits_hours", "共享党课是学习活动，不计志愿服务时长")


def _check_windows(values):
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    checkin_opens, checkin_closes = values["checkin_opens_at"], values["checkin_closes_at"]
    checkout_opens, checkout_closes = values["checkout_opens_at"], values["checkout_closes_at"]
    if checkin_opens >= checkin_closes:
        raise invalid("checkin_closes_at", "签到截止时间必须晚于签到开始时间")
    if checkin_opens < starts_at - WINDOW_SLACK:
        raise invalid("checkin_opens_at", "签到最早只能在活动开始前 24 小时开放")
    if checkin_closes > ends_at:
        raise invalid("checkin_closes_at", "签到截止时间不能晚于活动结束时间")
    if checkout_opens >= checkout_closes:
        raise invalid("checkout_closes_at", "签退截止时间必须晚于签退开始时间")
    if checkout_opens < checkin_opens:
        raise invalid("checkout_opens_at", "签退开放时间不能早于签到开放时间")
    if checkout_opens > ends_at:
        raise invalid("checkout_opens_at", "签退开放时间不能晚于活动结束时间")
    if checkout_closes > ends_at + WINDOW_SLACK:
        raise invalid("checkout_closes_at", "签退截止时间不能晚于活动结束后 24 小时")
