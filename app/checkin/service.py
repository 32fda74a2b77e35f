"""Check-in and check-out: the rules a scan is judged by, and the one insert
that makes it count exactly once.

The database decides. A scan becomes ``INSERT ... ON CONFLICT DO NOTHING
RETURNING`` against the unique (event, user, direction) constraint, committed
before the answer leaves, so a phone told "checked_in" has a durable row. When
the insert returns nothing the row that won is read and the answer is
"already_checked_in" with its original time; nothing else (no cache, no
Redis) can produce that answer. A retry after a lost answer therefore lands
on the same row, and a refused scan (closed, too far away, ...) from someone
who already has a row is answered with that row, too.

Events that take registrations admit only people with a 'registered'
registration; the waiting list is not admitted. Capacity is enforced at
registration for those. Events without registration but with a capacity admit
check-ins until that many people are in; on PostgreSQL those scans take the
event row's lock (FOR NO KEY UPDATE) for the length of one insert so the
count cannot be overshot by concurrent scans; open events without a capacity
(the usual welfare day) take no lock at all.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import InterfaceError, OperationalError

from app.checkin import event_cache, tokens
from app.checkin.geo import DEFAULT_RADIUS_M, haversine_m
from app.checkin.localtime import day_and_time
from app.errors import APIError
from app.extensions import db
from app.models import CheckIn, Registration, utcnow

DIRECTIONS = {"checkin": "in", "checkout": "out"}
CHECKOUT_SUFFIX = ".o"

MESSAGES = {
    "checked_in": "签到成功",
    "checked_out": "签退成功",
    "already_checked_in": "您已签到过了，无需重复签到",
    "already_checked_out": "您已签退过了，无需重复签退",
}

_CONFLICT_COLUMNS = ["event_id", "user_id", "direction"]
CONNECTION_ERRORS = (OperationalError, InterfaceError)
_CHECKIN_TABLE = CheckIn.__table__


@dataclass(frozen=True)
class ScanResult:
    code: str
    message: str
    event_id: int
    event_title: str
    direction: str
    method: str
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    minutes: int | None
    created: bool
    user_id: int
    checkin_id: int | None = None  # the row this scan added (None when it added none)


def scan(user_id, token=None, scene=None, event_id=None, latitude=None, longitude=None):
    """A resident's scan of the on-screen code (``token``) or of a printed
    poster (``scene``); ``event_id`` when the phone knows which event it is at."""
    if token is not None:
        verified = tokens.verify(token, event_id=event_id)
        event = event_cache.get(verified.event_id)
        if event is None:
            raise tokens.invalid()
        direction, method = DIRECTIONS[verified.purpose], "qr"
    else:
        event, direction = _event_from_scene(scene, event_id)
        method = "poster"

    now = utcnow()
    try:
        _check_window(event, direction, now, user_id)
        if method == "poster":
            _check_location(event, direction, latitude, longitude, user_id)
        return record_row(event, user_id, direction, method, now, latitude, longitude)
    except _Answered as answered:
        return answered.result
    except CONNECTION_ERRORS as exc:
        raise database_failure() from exc


def _event_from_scene(scene, event_id):
    base, direction = scene, "in"
    if scene.endswith(CHECKOUT_SUFFIX):
        base, direction = scene[: -len(CHECKOUT_SUFFIX)], "out"
    event = event_cache.by_scene(base)
    if event is None or (event_id is not None and event.id != event_id):
        raise tokens.invalid()
    return event, direction


def _check_window(event, direction, now, user_id):
    if event.status == "cancelled":
        raise APIError("event_cancelled")
    opens, closes = event.window(direction)
    if now < opens:
        _answer_if_recorded(event, user_id, direction)
        raise not_open_error(direction, opens)
    if now > closes:
        _answer_if_recorded(event, user_id, direction)
        what = "签到" if direction == "in" else "签退"
        raise APIError("event_closed", f"{what}已于 {day_and_time(closes)} 结束",
                       details={"closed_at": closes.isoformat()})


def not_open_error(direction, opens):
    what = "签到" if direction == "in" else "签退"
    return APIError("event_not_open", f"{what}尚未开始，将于 {day_and_time(opens)} 开放",
                    details={"opens_at": opens.isoformat()})


def _check_location(event, direction, latitude, longitude, user_id):
    if not event.has_location:
        # The organiser removed the geofence after printing; nothing to compare.
        return
    if latitude is None or longitude is None:
        raise APIError("location_required")
    radius = event.radius_m or DEFAULT_RADIUS_M
    distance = haversine_m(latitude, longitude, event.latitude, event.longitude)
    if distance > radius:
        _answer_if_recorded(event, user_id, direction)
        raise APIError("outside_area", f"您距活动地点约 {round(distance)} 米，超出签到范围（{radius} 米），请到现场后再扫码",
                       details={"distance_m": round(distance), "radius_m": radius})


def _answer_if_recorded(event, user_id, direction):
    """A refused scan from someone who already has the row is a retry: answer it."""
    existing = _existing(event.id, user_id, direction)
    if existing is not None:
        db.session.rollback()
        raise _Answered(_already(event, user_id, direction, existing))


class _Answered(Exception):
    def __init__(self, result):
        self.result = result


def record_row(event, user_id, direction, method, now, latitude, longitude,
            recorded_by_id=None, note=None, commit=True):
    checked_in_at = None
    if direction == "out":
        checked_in_at = db.session.execute(
            select(CheckIn.scanned_at).where(CheckIn.event_id == event.id, CheckIn.user_id == user_id,
                                             CheckIn.direction == "in")
        ).scalar()
        if checked_in_at is None:
            db.session.rollback()
            raise APIError("not_checked_in")

    values = {"event_id": event.id, "user_id": user_id, "direction": direction, "method": method,
              "scanned_at": now, "latitude": latitude, "longitude": longitude,
              "recorded_by_id": recorded_by_id, "note": note}
    conditions = []
    if direction == "in" and method != "manual":
        conditions = _admission_conditions(event, user_id)
    inserted = db.session.execute(_insert(values, conditions)).first()
    if inserted is None:
        existing = _existing(event.id, user_id, direction)
        db.session.rollback()
        if existing is not None:
            return _already(event, user_id, direction, existing)
        raise APIError("not_registered" if event.registration_required else "event_full")
    if commit:
        db.session.commit()
    if direction == "in":
        return _result("checked_in", event, user_id, "in", method, now, None, True, inserted.id)
    return _result("checked_out", event, user_id, "out", method, checked_in_at, now, True, inserted.id)


def _admission_conditions(event, user_id):
    if event.registration_required:
        return [exists().where(Registration.event_id == event.id, Registration.user_id == user_id,
                               Registration.status == "registered")]
    if event.capacity is None:
        return []
    if db.session.get_bind().dialect.name == "postgresql":
        from app.models import Event

        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update(key_share=True))
    checked_in = (select(func.count()).select_from(CheckIn)
                  .where(CheckIn.event_id == event.id, CheckIn.direction == "in").scalar_subquery())
    return [checked_in < event.capacity]


def _insert(values, conditions):
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    if conditions:
        row = select(*[literal(v, type_=_CHECKIN_TABLE.c[k].type) for k, v in values.items()]).where(*conditions)
        statement = insert(CheckIn).from_select(list(values), row)
    else:
        statement = insert(CheckIn).values(**values)
    return statement.on_conflict_do_nothing(index_elements=_CONFLICT_COLUMNS).returning(CheckIn.id)


def _existing(event_id, user_id, direction):
    return db.session.execute(
        select(CheckIn.scanned_at, CheckIn.method)
        .where(CheckIn.event_id == event_id, CheckIn.user_id == user_id, CheckIn.direction == direction)
    ).first()


def _already(event, user_id, direction, existing):
    if direction == "in":
        return _result("already_checked_in", event, user_id, "in", existing.method, existing.scanned_at, None, False)
    checked_in_at = db.session.execute(
        select(CheckIn.scanned_at).where(CheckIn.event_id == event.id, CheckIn.user_id == user_id,
                                         CheckIn.direction == "in")
    ).scalar()
    db.session.rollback()
    return _result("already_checked_out", event, user_id, "out", existing.method, checked_in_at,
                   existing.scanned_at, False)


def _result(code, event, user_id, direction, method, checked_in_at, checked_out_at, created, checkin_id=None):
    minutes = None
    message = MESSAGES[code]
    if checked_in_at is not None and checked_out_at is not None:
        minutes = max(0, int((checked_out_at - checked_in_at).total_seconds() // 60))
        message = f"{message}，本次服务 {minutes} 分钟"
    elif code == "already_checked_in":
        message = f"{message}（签到时间 {day_and_time(checked_in_at)}）"
    return ScanResult(code, message, event.id, event.title, direction, method,
                      checked_in_at, checked_out_at, minutes, created, user_id, checkin_id)


def database_failure():
    try:
        db.session.rollback()
    except CONNECTION_ERRORS:
        db.session.close()
    # A dropped connection mid-scan: nothing was answered "checked_in", so the
    # phone retries and the insert (or the row that made it) answers then.
    return APIError("service_unavailable", "网络繁忙，签到未完成，请稍后重新扫码")
