"""A patrol's track: which sent points count and how far they add up to.

Points come in batches from the phone (wx.getLocation every few seconds,
sent every few points). The server alone measures the distance: each point
is measured from the newest point accepted before it (the patrol's anchor).
A point no later than the anchor is a repeat or arrived out of order and is
skipped. A point that would mean moving faster than ``MAX_SPEED_MPS`` from
the anchor is a GPS jump: it is kept (marked not counted) but adds nothing
and does not move the anchor, so the next good point is measured from the
last good one. Time heals a real move: the further in time, the further a
point may lie.
"""
from dataclasses import dataclass

from app.checkin.geo import haversine_m

# 8 m/s ≈ 29 km/h: faster than anyone patrols on foot or by bicycle, slower
# than the hundreds of metres a bad fix jumps in a second.
MAX_SPEED_MPS = 8.0
# Below this a move is GPS jitter while standing still: not distance walked.
JITTER_M = 3.0
MAX_POINTS_PER_BATCH = 100


@dataclass
class Anchor:
    latitude: float | None
    longitude: float | None
    at: object  # an aware datetime, or None before the first point


@dataclass(frozen=True)
class Step:
    latitude: float
    longitude: float
    recorded_at: object
    accuracy_m: float | None
    counted: bool
    metres: float


def walk(anchor, points):
    """The steps of ``points`` (dicts with latitude, longitude, recorded_at,
    accuracy_m) taken in time order from ``anchor``, and the anchor after
    them. Points at or before the anchor's time are left out."""
    steps = []
    for point in sorted(points, key=lambda p: p["recorded_at"]):
        at = point["recorded_at"]
        if anchor.at is not None and at <= anchor.at:
            continue
        lat, lng = point["latitude"], point["longitude"]
        if anchor.latitude is None:
            steps.append(Step(lat, lng, at, point.get("accuracy_m"), True, 0.0))
            anchor = Anchor(lat, lng, at)
            continue
        metres = haversine_m(anchor.latitude, anchor.longitude, lat, lng)
        seconds = (at - anchor.at).total_seconds()
        if metres > MAX_SPEED_MPS * seconds + JITTER_M:
            steps.append(Step(lat, lng, at, point.get("accuracy_m"), False, 0.0))
            continue
        steps.append(Step(lat, lng, at, point.get("accuracy_m"), True, metres if metres >= JITTER_M else 0.0))
        if metres >= JITTER_M:
            anchor = Anchor(lat, lng, at)
        else:
            anchor = Anchor(anchor.latitude, anchor.longitude, at)
    return steps, anchor
