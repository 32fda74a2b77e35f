"""The 大屏's live stream: server-sent events fed by Redis pub/sub.

Check-ins land in whichever app process took the scan; the ``checked_in``
signal's receiver here publishes a small message on one Redis channel, and
every process's open streams subscribe to it, so a display connected to
app-2 sees a scan taken by app-3.

A stream is bounded: it lasts SCREEN_STREAM_SECONDS and then ends, and the
browser's EventSource reconnects by itself after the ``retry:`` delay (also
after a server restart). Under gunicorn each open stream holds one gthread
thread (not a whole worker process) for that long. A heartbeat comment every
SCREEN_HEARTBEAT_SECONDS keeps proxies from closing an idle stream and makes
a write to a vanished client fail, which closes the generator (its
``finally`` unsubscribes). A full snapshot every SCREEN_SNAPSHOT_SECONDS
corrects any drift, rolls the day over at midnight, and ends the stream of a
revoked display key.
"""
import json
import logging
import time
from urllib.parse import urlparse

import redis
from flask import current_app

from app.extensions import db, redis_store
from app.localtime import iso
from app.models import MemberUnit
from app.screen import links, snapshot

log = logging.getLogger(__name__)

CHANNEL = "jusha:screen:checkins"
RETRY_MS = 3000
POLL_SECONDS = 1.0


def channel(app):
    """Pub/sub channels are server-wide, not per Redis database: the name
    carries the database, so deployments (or test runs) sharing a server on
    different databases never see each other's check-ins."""
    database = urlparse(app.config.get("REDIS_URL") or "").path.lstrip("/") or "0"
    return f"{CHANNEL}:{database}"


def publish_checkin(sender, event_id, user_id, host_community_id=None, host_member_unit_id=None,
                    checked_in_at=None, **_):
    """``checked_in`` receiver: tell every open stream. No person is named:
    the screen shows counts. A Redis failure never fails the scan; the
    screens catch up at their next snapshot."""
    message = json.dumps({"event_id": event_id, "community_id": host_community_id,
                          "member_unit_id": host_member_unit_id, "at": iso(checked_in_at)})
    try:
        redis_store.publish(channel(sender), message)
    except redis.RedisError:
        log.warning("screen: could not publish a check-in (the screens catch up at their next snapshot)")


def sse(event, data):
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


def _subscribe(app):
    """(client, pubsub): a pub/sub connection of its own, outside the circuit
    breaker (a quiet channel is not an outage) and with no read timeout of
    its own (``get_message`` polls with one). The client is returned to be
    kept: a dropped client closes its pool, and with it the subscription.
    Embedded, the app's one in-process Redis (client None: not ours to close)."""
    if not app.config.get("REDIS_URL"):
        client, source = None, app.extensions["jusha_redis"]
    else:
        timeout = app.config["REDIS_SOCKET_TIMEOUT"]
        client = source = redis.Redis.from_url(app.config["REDIS_URL"], decode_responses=True,
                                               socket_connect_timeout=timeout, socket_timeout=max(5.0, 4 * timeout))
    pubsub = source.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel(app))
    return client, pubsub


class _Units:
    """A member unit's community, looked up once per stream."""

    def __init__(self):
        self.known = {}

    def community(self, unit_id):
        if unit_id not in self.known:
            self.known[unit_id] = db.session.execute(
                db.select(MemberUnit.community_id).where(MemberUnit.id == unit_id)).scalar()
            db.session.rollback()
        return self.known[unit_id]


def stream(app, link_id):
    """The generator behind GET /api/v1/screen/stream. ``link_id`` is the
    display key's row (None for a staff session, checked at the door)."""
    config = app.config
    with app.app_context():
        client, pubsub = _subscribe(app)
        first = snapshot.current()
    units = _Units()
    try:
        yield f"retry: {RETRY_MS}\n\n"
        yield sse("snapshot", first)
        started = last_beat = last_snapshot = time.monotonic()
        while (now := time.monotonic()) - started < config["SCREEN_STREAM_SECONDS"]:
            remaining = config["SCREEN_STREAM_SECONDS"] - (now - started)
            try:
                message = pubsub.get_message(timeout=min(POLL_SECONDS, max(0.0, remaining)))
            except redis.RedisError:
                log.warning("screen: the pub/sub connection failed; ending the stream (the browser reconnects)")
                return
            if message and message.get("type") == "message":
                yield sse("checkin", _checkin(app, message["data"], units))
            now = time.monotonic()
            if now - last_snapshot >= config["SCREEN_SNAPSHOT_SECONDS"]:
                with app.app_context():
                    if link_id is not None and not links.still_active(link_id):
                        yield sse("revoked", {})
                        return
                    yield sse("snapshot", snapshot.current())
                last_snapshot = last_beat = now
            elif now - last_beat >= config["SCREEN_HEARTBEAT_SECONDS"]:
                yield ": heartbeat\n\n"
                last_beat = now
        yield sse("bye", {"reconnect_ms": RETRY_MS})
    finally:
        pubsub.close()
        if client is not None:
            client.close()


def _checkin(app, data, units):
    payload = json.loads(data)
    if payload.get("community_id") is None and payload.get("member_unit_id") is not None:
        with app.app_context():
            payload["community_id"] = units.community(payload["member_unit_id"])
    return {"event_id": payload["event_id"], "community_id": payload.get("community_id"), "at": payload.get("at")}
