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

The hot path is one statement: the insert runs on an autocommit connection
(``scan_engine``), so it is its own transaction (no BEGIN/COMMIT round trips)
and is durable when it returns. Statements are built once and reused.

Every insert also refuses a cancelled event in its own WHERE EXISTS (an
INSERT ... SELECT), so an organiser's cancel stops scans in every process at
once, whatever a process's event cache (up to 5 s old) still says.

Events that take registrations admit only people with a 'registered'
registration (the insert's own WHERE EXISTS); the waiting list is not
admitted, and capacity was enforced when registering. Events without
registration but with a capacity admit check-ins until that many people are
in: on PostgreSQL those scans lock the event row (FOR NO KEY UPDATE) for the
length of one insert in a short transaction, so concurrent scans cannot
overshoot the count; on SQLite the single INSERT ... SELECT runs under the
database's write lock. Open events without a capacity (the usual welfare day)
take no lock at all.
"""
import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, create_engine, exists, func, literal, select
from sqlalchemy.exc import InterfaceError, OperationalError

from app import signals
from app.checkin import event_cache, tokens
from app.checkin.counting import counted
from app.checkin.geo import haversine_m
from app.errors import APIError

# The events area's default circle, for rows made without one (seeds, imports).
from app.events.rules import DEFAULT_RADIUS_M
from app.extensions import db
from app.localtime import day_and_time, iso
from app.models import CheckIn, Event, Registration, User, utcnow
from app.models.base import dialect_insert

log = logging.getLogger(__name__)

DIRECTIONS = {"checkin": "in", "checkout": "out"}
CHECKOUT_SUFFIX = ".o"
CONNECTION_ERRORS = (OperationalError, InterfaceError)

MESSAGES = {
    "checked_in": "签到成功",
    "checked_out": "签退成功",
    "already_checked_in": "您已签到过了，无需重复签到",
    "already_checked_out": "您已签退过了，无需重复签退",
}

_COLUMNS = ("event_id", "user_id", "direction", "method", "scanned_at", "latitude", "longitude",
            "recorded_by_id", "note")
_TABLE = CheckIn.__table__
_engine_lock = threading.Lock()


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


class _Answered(Exception):
    """A refused scan turned out to be a retry: answer with the existing row."""

    def __init__(self, result):
        self.result = result


@counted(lambda user_id, token=None, proxy_by=None, **_: "proxy" if proxy_by is not None else
         "qr" if token is not None else "poster")
def scan(user_id, token=None, scene=None, event_id=None, latitude=None, longitude=None, proxy_by=None):
    """A resident's scan of the on-screen code (``token``) or of a printed
    poster (``scene``); ``event_id`` when the phone knows which event it is at.
    ``proxy_by``: the family member scanning for ``user_id`` (家属代签, whose
    consent the caller checked), recorded as method "proxy" by them."""
    if token is not None:
        try:
            verified = tokens.verify(token, event_id=event_id)
        except tokens.TokenExpired as expired:
            retried = _expired_retry(expired, user_id)
            if retried is None:
                raise
            return retried
        event = event_cache.get(verified.event_id)
        if event is None:
            raise tokens.invalid()
        direction, method = DIRECTIONS[verified.purpose], "qr"
    else:
        event, direction = _event_from_scene(scene, event_id)
        method = "poster"
    if db.session.registry.has() and db.session().in_transaction():
        # A cache miss above opened a (read) transaction; end it so this
        # request holds one connection, not two.
        db.session.commit()

    now = utcnow()
    for attempt in (1, 2):
        try:
            with _connection(event, direction, method) as conn:
                try:
                    _check_window(conn, event, direction, now, user_id)
                    if method == "poster":
                        _check_location(conn, event, direction, latitude, longitude, user_id)
                    if proxy_by is None:
                        result = record_row(conn, event, user_id, direction, method, now, latitude, longitude)
                    else:
                        result = record_row(conn, event, user_id, direction, "proxy", now, latitude, longitude,
                                            recorded_by_id=proxy_by, note="家属代签")
                except _Answered as answered:
                    return answered.result
            announce(result, event)
            return result
        except CONNECTION_ERRORS as exc:
            # A pooled connection the server dropped (restart, failover) fails
            # on first use; SQLAlchemy then discards the pool's old connections
            # and the scan is tried once more. Safe, because the insert cannot
            # count twice: at worst the retry finds the row the first attempt
            # committed and answers already_checked_in with its time.
            if attempt == 1 and getattr(exc, "connection_invalidated", False):
                continue
            raise database_failure() from exc


def announce(result, event):
    """Tell the other areas about a new row, after it is committed: a
    check-in reaches the 数据大屏 (app.signals.checked_in); for a volunteer
    activity a check-out makes the pending service record at once
    (app.signals.checked_out), so the volunteer sees it in 我的时长 and the
    organiser in the approval list. Repeated scans announce nothing."""
    if result.code == "checked_in":
        signals.checked_in.send(current_app._get_current_object(), event_id=event.id, user_id=result.user_id,
                                host_community_id=event.host_community_id,
                                host_member_unit_id=event.host_member_unit_id, checked_in_at=result.checked_in_at)
        return
    if result.code != "checked_out":
        return
    signals.checked_out.send(current_app._get_current_object(), event_id=event.id, user_id=result.user_id,
                             credits_hours=event.credits_hours, checked_in_at=result.checked_in_at,
                             checked_out_at=result.checked_out_at)


def _expired_retry(expired, user_id):
    """A phone that lost the answer to its scan and retries after the code
    rotated is told it is in (with its row's time), not that its code expired."""
    event = event_cache.get(expired.event_id)
    if event is None:
        return None
    direction = DIRECTIONS[expired.purpose]
    try:
        with scan_engine().connect() as conn:
            existing = _existing(conn, event.id, user_id, direction)
            return _already(conn, event, user_id, direction, existing) if existing is not None else None
    except CONNECTION_ERRORS:
        return None


def _connection(event, direction, method):
    if _needs_lock(event, direction, method) and db.engine.dialect.name == "postgresql":
        return db.engine.begin()
    return scan_engine().connect()


def scan_engine():
    """The engine scans insert through: the app's database, autocommit (each
    insert is its own transaction, durable when it returns: no BEGIN/COMMIT
    round trips) and without the pool's pre-ping round trip, whose job the
    retry in ``scan`` does instead."""
    engine = current_app.extensions.get("jusha_scan_engine")
    if engine is None:
        with _engine_lock:
            engine = current_app.extensions.get("jusha_scan_engine")
            if engine is None:
                options = {k: v for k, v in current_app.config["SQLALCHEMY_ENGINE_OPTIONS"].items()
                           if k != "pool_pre_ping"}
                engine = create_engine(db.engine.url, isolation_level="AUTOCOMMIT", **options)
                current_app.extensions["jusha_scan_engine"] = engine
    return engine


def _needs_lock(event, direction, method):
    return direction == "in" and method != "manual" and not event.registration_required and event.capacity is not None


def _event_from_scene(scene, event_id):
    base, direction = scene, "in"
    if scene.endswith(CHECKOUT_SUFFIX):
        base, direction = scene[: -len(CHECKOUT_SUFFIX)], "out"
    event = event_cache.by_scene(base)
    if event is None or (event_id is not None and event.id != event_id):
        raise tokens.invalid()
    return event, direction


def _check_window(conn, event, direction, now, user_id):
    if event.status == "cancelled":
        raise APIError("event_cancelled")
    opens, closes = event.window(direction)
    if now < opens:
        _answer_if_recorded(conn, event, user_id, direction)
        raise not_open_error(direction, opens)
    if now > closes:
        _answer_if_recorded(conn, event, user_id, direction)
        what = "签到" if direction == "in" else "签退"
        raise APIError("event_closed", f"{what}已于 {day_and_time(closes)} 结束",
                       details={"closed_at": iso(closes)})


def not_open_error(direction, opens):
    what = "签到" if direction == "in" else "签退"
    return APIError("event_not_open", f"{what}尚未开始，将于 {day_and_time(opens)} 开放",
                    details={"opens_at": iso(opens)})


def _check_location(conn, event, direction, latitude, longitude, user_id):
    if not event.has_location:
        # The organiser removed the location after printing. A poster can be
        # photographed, so with nothing to compare the phone with it cannot
        # prove anyone is there: the on-screen code (or a new location) is needed.
        _answer_if_recorded(conn, event, user_id, direction)
        raise APIError("event_location_missing", "该活动未设置签到地点，不能扫海报签到，请扫描现场屏幕上的签到码")
    if latitude is None or longitude is None:
        _answer_if_recorded(conn, event, user_id, direction)
        raise APIError("location_required")
    radius = event.radius_m or DEFAULT_RADIUS_M
    distance = haversine_m(latitude, longitude, event.latitude, event.longitude)
    if distance > radius:
        _answer_if_recorded(conn, event, user_id, direction)
        raise APIError("outside_area", f"您距活动地点约 {round(distance)} 米，超出签到范围（{radius} 米），请到现场后再扫码",
                       details={"distance_m": round(distance), "radius_m": radius})


def _answer_if_recorded(conn, event, user_id, direction):
    existing = _existing(conn, event.id, user_id, direction)
    if existing is not None:
        refuse_disabled(conn, user_id)
        raise _Answered(_already(conn, event, user_id, direction, existing))


def record_row(conn, event, user_id, direction, method, now, latitude, longitude, recorded_by_id=None, note=None):
    """Insert the row or read the one that is there. ``conn`` is an
    autocommit connection, a begun transaction, or the session (whose caller
    commits)."""
    checked_in_at = None
    if direction == "out":
        checked_in_at = conn.execute(_statements(_dialect()).checked_in_at,
                                     {"event_id": event.id, "user_id": user_id}).scalar()
        if checked_in_at is None:
            raise APIError("not_checked_in")

    values = {"event_id": event.id, "user_id": user_id, "direction": direction, "method": method,
              "scanned_at": now, "latitude": latitude, "longitude": longitude,
              "recorded_by_id": recorded_by_id, "note": note}
    if direction == "in" and method != "manual" and (event.registration_required or event.capacity is not None):
        inserted = conn.execute(_admission_insert(conn, event, values)).first()
    else:
        inserted = conn.execute(_statements(_dialect()).insert, values).first()
    if inserted is None:
        refuse_disabled(conn, user_id, recorded_by_id)
        existing = _existing(conn, event.id, user_id, direction)
        if existing is not None:
            return _already(conn, event, user_id, direction, existing)
        if not conn.execute(_statements(_dialect()).event_open, {"event_id": event.id}).scalar():
            # Cancelled since this process cached the event: the insert refused it.
            event_cache.forget(event.id)
            raise APIError("event_cancelled")
        raise APIError("not_registered" if event.registration_required else "event_full")
    if direction == "in":
        return _result("checked_in", event, user_id, "in", method, now, None, True, inserted.id)
    return _result("checked_out", event, user_id, "out", method, checked_in_at, now, True, inserted.id)


def _admission_insert(conn, event, values):
    """The insert with its admission rule in its own WHERE, so the rule and
    the row are decided by one statement."""
    if event.registration_required:
        condition = exists().where(Registration.event_id == event.id, Registration.user_id == values["user_id"],
                                   Registration.status == "registered")
    else:
        if _dialect() == "postgresql":
            conn.execute(select(Event.id).where(Event.id == event.id).with_for_update(key_share=True))
        checked_in = (select(func.count()).select_from(CheckIn)
                      .where(CheckIn.event_id == event.id, CheckIn.direction == "in").scalar_subquery())
        condition = checked_in < event.capacity
    row = (select(*[literal(values[c], type_=_TABLE.c[c].type) for c in _COLUMNS])
           .where(_not_cancelled(literal(event.id, type_=_TABLE.c.event_id.type)),
                  _active(literal(values["user_id"], type_=_TABLE.c.user_id.type)), condition))
    return (dialect_insert(CheckIn, _dialect()).from_select(list(_COLUMNS), row)
            .on_conflict_do_nothing(index_elements=["event_id", "user_id", "direction"])
            .returning(CheckIn.id))


def _active(user_id):
    """The person's account is enabled, decided by the insert's own statement:
    a disabled account (``users.is_active`` false, set by any path) is refused
    although its login token still resolves, at no extra round trip."""
    return exists().where(User.id == user_id, User.is_active.is_(True))


def refuse_disabled(conn, user_id, recorded_by_id=None):
    """After an insert that added nothing: was it the account? A scan of a
    disabled account answers as a dead login; an organiser recording one by
    hand is told there is nobody to record."""
    if not conn.execute(_statements(_dialect()).active, {"user_id": user_id}).scalar():
        raise APIError("user_not_found" if recorded_by_id is not None else "token_invalid")


def _dialect():
    return db.engine.dialect.name


def _not_cancelled(event_id):
    """The event exists and is not cancelled, decided by the insert's own statement."""
    return exists().where(Event.id == event_id, Event.status != "cancelled")


@dataclass(frozen=True)
class _Statements:
    insert: object
    existing: object
    checked_in_at: object
    event_open: object
    active: object


@cache
def _statements(dialect):
    """The hot path's statements, built once per dialect (SQLAlchemy then
    reuses their compiled form and psycopg prepares them on the server)."""
    params = {c: bindparam(c, type_=_TABLE.c[c].type) for c in _COLUMNS}
    same_row = (CheckIn.event_id == bindparam("event_id"), CheckIn.user_id == bindparam("user_id"))
    row = select(*params.values()).where(_not_cancelled(params["event_id"]), _active(params["user_id"]))
    return _Statements(
        # The Core table, not the entity: the session runs it (a manual
        # check-in) as one statement with parameters, not as an ORM bulk insert.
        insert=(dialect_insert(_TABLE, dialect).from_select(list(_COLUMNS), row)
                .on_conflict_do_nothing(index_elements=["event_id", "user_id", "direction"])
                .returning(_TABLE.c.id)),
        existing=select(CheckIn.scanned_at, CheckIn.method).where(*same_row, CheckIn.direction == bindparam("direction")),
        checked_in_at=select(CheckIn.scanned_at).where(*same_row, CheckIn.direction == "in"),
        event_open=select(_not_cancelled(bindparam("event_id"))),
        active=select(_active(bindparam("user_id"))),
    )


def _existing(conn, event_id, user_id, direction):
    return conn.execute(_statements(_dialect()).existing,
                        {"event_id": event_id, "user_id": user_id, "direction": direction}).first()


def _already(conn, event, user_id, direction, existing):
    if direction == "in":
        return _result("already_checked_in", event, user_id, "in", existing.method, existing.scanned_at, None, False)
    checked_in_at = conn.execute(_statements(_dialect()).checked_in_at,
                                 {"event_id": event.id, "user_id": user_id}).scalar()
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
    # The connection dropped mid-scan. Nothing was answered "checked_in"; the
    # phone retries, and the insert (or the row that did make it) answers then.
    return APIError("service_unavailable", "网络繁忙，签到未完成，请稍后重新扫码")
