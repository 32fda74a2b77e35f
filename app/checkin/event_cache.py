"""The few fields of an event that a scan is judged by, kept in process memory.

At 9:00 on a welfare-day Sunday every scan names the same handful of events;
reading them from the database each time would double the hot path's queries.
Each process keeps a snapshot for CHECKIN_EVENT_CACHE_SECONDS (5 s), so an
organiser's edit (new closing time, cancellation) applies everywhere within
that. ``forget`` drops this process's copy at once, on the events area's
``event_changed`` and ``event_cancelled`` signals (connected in
``app.checkin.init_app``). Nothing here ever decides that a person already
checked in: that is read from the checkins table.
"""
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from app.events.times import CHECKIN_OPENS_BEFORE_START, CHECKOUT_CLOSES_AFTER_END
from app.extensions import db
from app.models import Event



@dataclass(frozen=True)
class EventSnapshot:
    id: int
    title: str
    status: str
    host_community_id: int | None
    host_member_unit_id: int | None
    latitude: float | None
    longitude: float | None
    radius_m: int | None
    capacity: int | None
    registration_required: bool
    starts_at: datetime
    ends_at: datetime
    checkin_opens_at: datetime | None
    checkin_closes_at: datetime | None
    checkout_opens_at: datetime | None
    checkout_closes_at: datetime | None
    scene: str | None
    credits_hours: bool

    def window(self, direction):
        """(opens, closes) for ``direction``; when the organiser set none,
        check-in runs from 30 minutes before the start to the end, and
        check-out from the start to an hour after the end."""
        if direction == "in":
            return (self.checkin_opens_at or self.starts_at - CHECKIN_OPENS_BEFORE_START,
                    self.checkin_closes_at or self.ends_at)
        return (self.checkout_opens_at or self.starts_at,
                self.checkout_closes_at or self.ends_at + CHECKOUT_CLOSES_AFTER_END)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


_FIELDS = tuple(EventSnapshot.__dataclass_fields__)
_COLUMNS = tuple(getattr(Event, name) for name in _FIELDS)


class _Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_id = {}
        self.by_scene = {}


def _store():
    store = current_app.extensions.get("jusha_event_cache")
    if store is None:
        store = current_app.extensions.setdefault("jusha_event_cache", _Store())
    return store


def get(event_id):
    """The event's snapshot, or None when there is no such event."""
    store = _store()
    now = time.monotonic()
    entry = store.by_id.get(event_id)
    if entry is not None and entry[0] > now:
        return entry[1]
    row = db.session.execute(db.select(*_COLUMNS).where(Event.id == event_id)).first()
    snapshot = EventSnapshot(*row) if row is not None else None
    _remember(store, snapshot, event_id, now)
    return snapshot


def by_scene(scene):
    """The snapshot of the event whose poster carries ``scene``, or None."""
    store = _store()
    now = time.monotonic()
    entry = store.by_scene.get(scene)
    if entry is not None and entry[0] > now:
        return get(entry[1])
    event_id = db.session.execute(db.select(Event.id).where(Event.scene == scene)).scalar()
    if event_id is None:
        return None
    with store.lock:
        store.by_scene[scene] = (now + _ttl(), event_id)
        _trim(store.by_scene)
    return get(event_id)


def forget(event_id=None):
    """Drop this process's copy of one event (or of every event)."""
    store = _store()
    with store.lock:
        if event_id is None:
            store.by_id.clear()
            store.by_scene.clear()
        else:
            store.by_id.pop(event_id, None)
            for scene, (_, cached_id) in list(store.by_scene.items()):
                if cached_id == event_id:
                    store.by_scene.pop(scene, None)


def _remember(store, snapshot, event_id, now):
    with store.lock:
        store.by_id[event_id] = (now + _ttl(), snapshot)
        _trim(store.by_id)


def _ttl():
    return current_app.config["CHECKIN_EVENT_CACHE_SECONDS"]


def _trim(entries, limit=5000):
    # Scans only ever name today's events; a bound keeps a fuzzer's random ids
    # from growing the dict without end.
    if len(entries) > limit:
        entries.clear()


def forget_changed_event(app, event_id, **_):
    """``event_changed`` receiver: this process reads the edit at once."""
    forget(event_id)


def forget_cancelled_events(app, event_ids, **_):
    """``event_cancelled`` receiver: scans are refused at once in this process."""
    for event_id in event_ids:
        forget(event_id)
