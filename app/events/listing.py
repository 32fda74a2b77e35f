"""``GET /events``: filters and pagination (offset or an opaque cursor).

Events come in start order (then id). ``from``/``to`` select events that
overlap the range: still running at ``from`` and starting before ``to``; a
bare date means that whole day in Asia/Shanghai. ``group=true`` lists
top-level events only, a welfare day with its activities nested
(app.events.grouping).
"""
import base64
import binascii
import json
from datetime import datetime

from sqlalchemy import and_, func, or_

from app.auth import policy
from app.errors import APIError
from app.events import grouping
from app.events.registration import ACTIVE
from app.events.rules import MAX_DURATION, invalid
from app.events.times import range_end, range_start
from app.events.views import EVENT_LOAD_OPTIONS, present_events
from app.extensions import db
from app.models import Event, Registration
from app.models.events import SERVICE_ONLY_KINDS


def encode_cursor(event):
    raw = json.dumps([event.starts_at.isoformat(), event.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        starts_at, event_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        starts_at = datetime.fromisoformat(starts_at)
        if starts_at.tzinfo is None or not isinstance(event_id, int):
            raise ValueError(cursor)
        return starts_at, event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid("cursor", "翻页游标无效，请从第一页重新加载", "query") from exc


def _mine_condition(user):
    if user is None:
        raise APIError("unauthenticated", "登录后才能查看我的活动")
    registered = Event.id.in_(
        db.select(Registration.event_id).where(Registration.user_id == user.id, Registration.status.in_(ACTIVE)))
    return or_(registered, policy.events.managed_clause(user))


def _conditions(args, user):
    conditions = [Event.kind.not_in(SERVICE_ONLY_KINDS)]
    if "kind" in args:
        conditions.append(Event.kind == args["kind"])
    if "status" in args:
        conditions.append(Event.status == args["status"])
    grouped = args.get("group") and "parent_id" not in args
    if "parent_id" in args:
        conditions.append(Event.parent_id == args["parent_id"])
    if grouped:
        conditions.append(grouping.top_level_condition(args.get("community")))
    elif "community" in args:
        conditions.append(grouping.hosted_in(args["community"]))
    start = range_start(args["from_"]) if "from_" in args else None
    end = range_end(args["to"]) if "to" in args else None
    if start is not None and end is not None and end <= start:
        raise invalid("to", "结束日期不能早于开始日期", "query")
    if start is not None:
        # The second condition follows from the first (no event lasts longer
        # than MAX_DURATION) and bounds the walk of the starts_at index that
        # the start-ordered page uses: without it, "from today" read five
        # years of past events to find the first upcoming ones (issue 16).
        conditions.append(Event.ends_at > start)
        conditions.append(Event.starts_at > start - MAX_DURATION)
    if end is not None:
        conditions.append(Event.starts_at < end)
    if args.get("mine"):
        mine = _mine_condition(user)
        if mine is not None:
            conditions.append(mine)
    return conditions


def list_events(args, user):
    limit, offset = args["limit"], args["offset"]
    query = db.select(Event)
    for condition in _conditions(args, user):
        query = query.where(condition)
    total = db.session.execute(query.with_only_columns(func.count(Event.id))).scalar_one()
    if args.get("cursor"):
        if offset:
            raise invalid("offset", "使用翻页游标时不能同时指定偏移量", "query")
        after_start, after_id = decode_cursor(args["cursor"])
        query = query.where(or_(Event.starts_at > after_start,
                                and_(Event.starts_at == after_start, Event.id > after_id)))
    rows = db.session.execute(
        query.order_by(Event.starts_at, Event.id).limit(limit + 1).offset(offset).options(*EVENT_LOAD_OPTIONS)
    ).scalars().all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = present_events(rows, user)
    if args.get("group") and "parent_id" not in args:
        items = grouping.attach_activities(items, rows, grouping.preferred_community(args, user))
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_cursor": encode_cursor(rows[-1]) if more and rows else None,
    }
