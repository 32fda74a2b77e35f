"""Which units to dispatch a need to (派单建议), best first, each with why.

Candidates are the units area's ``units_offering``: active units with an
active resource of the need's kind that serves its community (a resource
listing no community serves all) and is available today.
Score (out of 100), in four parts the answer shows:

* match (up to 40): 40 when a resource offers the very service (家电维修),
  25 for the kind alone (专业服务);
* distance (up to 25): 25 at the need's door, falling to 0 at 5 km; 0 when
  either location is unknown (a unit of the need's community gets 15 then);
* load (up to 20): 20 with no open duty, 20 / (1 + open duties);
* rating (up to 15): the unit's past average stars, 1★ → 0, 5★ → 15;
  7.5 (neutral) with no rating yet.

Distance is the haversine great circle on GCJ-02 coordinates: GCJ-02's
offset from WGS-84 is nearly constant across a few kilometres, so distances
inside Xiasha are off by metres at most.
"""
from math import asin, cos, radians, sin, sqrt

from sqlalchemy import func, select

from app.extensions import db
from app.models import RESOURCE_KIND_LABELS, Duty
from app.units.matching import units_offering

EARTH_RADIUS_KM = 6371.0088
FAR_KM = 5.0
OPEN_DUTY_STATUSES = ("offered", "claimed", "accepted")


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(a))


def _open_duties(unit_ids):
    rows = db.session.execute(
        select(Duty.unit_id, func.count()).where(Duty.unit_id.in_(unit_ids), Duty.status.in_(OPEN_DUTY_STATUSES))
        .group_by(Duty.unit_id)).all()
    return dict(rows)


def _ratings(unit_ids):
    rows = db.session.execute(
        select(Duty.unit_id, func.avg(Duty.rating), func.count(Duty.rating))
        .where(Duty.unit_id.in_(unit_ids), Duty.rating.is_not(None)).group_by(Duty.unit_id)).all()
    return {unit_id: (float(avg), count) for unit_id, avg, count in rows}


def _match(need, resources):
    offered = [r for r in resources if need.service and r.service == need.service]
    if offered:
        return 40.0, f"提供「{need.service}」服务（{offered[0].title}）"
    label = RESOURCE_KIND_LABELS.get(need.kind, need.kind)
    return 25.0, f"提供{label}类资源（{resources[0].title}）"


def _distance(need, unit):
    if None in (need.latitude, need.longitude, unit.latitude, unit.longitude):
        if unit.community_id == need.community_id:
            return 15.0, None, "本社区共建单位（位置未登记）"
        return 0.0, None, "位置未知，未计距离"
    km = haversine_km(need.latitude, need.longitude, unit.latitude, unit.longitude)
    return 25.0 * max(0.0, 1 - km / FAR_KM), round(km, 2), f"距离约 {km:.1f} 公里"


def _load(open_count):
    if open_count == 0:
        return 20.0, "当前没有未完成的任务"
    return 20.0 / (1 + open_count), f"当前有 {open_count} 项未完成的任务"


def _rating(rated):
    if rated is None:
        return 7.5, None, "暂无评价"
    average, count = rated
    return 15.0 * (average - 1) / 4, round(average, 2), f"历史平均评分 {average:.1f} 星（{count} 次）"


def suggest(need, limit=10):
    """Units to dispatch ``need`` to, best first: dicts with the unit, the
    score and its parts, and the reasons in Chinese."""
    holding = {d.unit_id for d in need.duties if d.status not in ("declined", "withdrawn")}
    offers = [offer for offer in units_offering(need.kind, community_id=need.community_id)
              if offer.unit.id not in holding]
    ids = [offer.unit.id for offer in offers]
    open_counts, ratings = _open_duties(ids), _ratings(ids)
    suggestions = []
    for unit, resources in offers:
        match, match_why = _match(need, resources)
        distance, km, distance_why = _distance(need, unit)
        load, load_why = _load(open_counts.get(unit.id, 0))
        rating, average, rating_why = _rating(ratings.get(unit.id))
        parts = {"match": round(match, 1), "distance": round(distance, 1), "load": round(load, 1),
                 "rating": round(rating, 1)}
        suggestions.append({
            "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind, "level": unit.level},
            "score": round(sum(parts.values()), 1), "parts": parts, "distance_km": km,
            "open_duties": open_counts.get(unit.id, 0), "average_rating": average,
            "reasons": [match_why, distance_why, load_why, rating_why],
            "resource_ids": [r.id for r in resources],
        })
    suggestions.sort(key=lambda s: (-s["score"], s["unit"]["id"]))
    return suggestions[:limit]
