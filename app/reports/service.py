"""Filing a 随手拍 report: the grid is found from the location, and the
report becomes a work order at that grid's level.

``file_report`` is the public service other areas call (a patrol or a
household visit that found a problem): see docs/reports.md.
"""
import math

from sqlalchemy import select

from app.errors import APIError, invalid
from app.extensions import db
from app.grids.geo import grid_for_location
from app.models import WORK_ORDER_SOURCES, Community, User, WorkOrder, WorkOrderStep, utcnow
from app.reports import deadlines, rules

# A point outside every grid goes to the community whose office is nearest,
# if one is within this distance; farther, it is not in 下沙 at all.
NEAREST_COMMUNITY_KM = 5.0


def add_step(order_id, action, *, from_status=None, to_status=None, from_level=None, to_level=None, actor=None,
             note=None, photo_ids=(), at=None):
    step = WorkOrderStep(work_order_id=order_id, action=action, from_status=from_status, to_status=to_status,
                         from_level=from_level, to_level=to_level, actor_id=getattr(actor, "id", actor), note=note,
                         photo_ids=list(photo_ids or ()), at=at or utcnow())
    db.session.add(step)
    return step


def steps_of(order_id):
    return db.session.execute(
        select(WorkOrderStep).where(WorkOrderStep.work_order_id == order_id)
        .order_by(WorkOrderStep.at, WorkOrderStep.id)).scalars().all()


def _km(lat1, lng1, lat2, lng2):
    """Haversine distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def nearest_community(latitude, longitude):
    """The community whose office is nearest the point, within NEAREST_COMMUNITY_KM, else None."""
    placed = db.session.execute(select(Community).where(Community.latitude.is_not(None),
                                                        Community.longitude.is_not(None))).scalars().all()
    ranked = sorted(placed, key=lambda c: (_km(latitude, longitude, c.latitude, c.longitude), c.id))
    if ranked and _km(latitude, longitude, ranked[0].latitude, ranked[0].longitude) <= NEAREST_COMMUNITY_KM:
        return ranked[0]
    return None


def place_of(latitude, longitude, reporter=None):
    """(community_id, grid_id, level) for a reported point: the grid holding
    it, at grid level; outside every grid, the community whose office is
    nearest (within NEAREST_COMMUNITY_KM) at community level, where its staff
    triage it. Only while no community's office is placed at all does the
    reporter's own community stand in."""
    grid = grid_for_location(latitude, longitude)
    if grid is not None:
        return grid.community_id, grid.id, "grid"
    community = nearest_community(latitude, longitude)
    if community is not None:
        return community.id, None, "community"
    if reporter is not None and reporter.community_id is not None and not _any_community_placed():
        return reporter.community_id, None, "community"
    raise APIError("report_outside_subdistrict")


def _any_community_placed():
    return db.session.execute(select(Community.id).where(Community.latitude.is_not(None)).limit(1)).first() is not None


def file_report(reporter, *, category, description, latitude, longitude, photo_ids=(), source="resident",
                source_ref=None, place=None, now=None):
    """A 随手拍 report, as a work order of the grid it lies in; returns the WorkOrder.

    For other areas: ``source`` is "patrol" or "household_visit" and
    ``source_ref`` what it came from ("patrol:12"); filing the same (source,
    source_ref) again returns the order already filed. ``photo_ids`` are
    uploads the caller has checked (app.files attachable_uploads). It flushes
    but does not commit: the caller's transaction keeps it or not."""
    if source not in WORK_ORDER_SOURCES:
        raise ValueError(f"unknown report source {source!r}")
    if category not in rules.CATEGORIES:
        raise invalid("category", "请选择问题类别")
    if not (description or "").strip():
        raise invalid("description", "请描述发现的问题")
    if source_ref is not None:
        existing = db.session.execute(select(WorkOrder).where(
            WorkOrder.source == source, WorkOrder.source_ref == source_ref)).scalar_one_or_none()
        if existing is not None:
            return existing
    if not isinstance(reporter, User):
        reporter = db.session.get(User, reporter) if reporter is not None else None
    now = now or utcnow()
    community_id, grid_id, level = place_of(latitude, longitude, reporter)
    order = WorkOrder(reporter_id=getattr(reporter, "id", None), category=category,
                      description=description.strip(), place=place, latitude=latitude, longitude=longitude,
                      photo_ids=list(photo_ids or ()), source=source, source_ref=source_ref,
                      community_id=community_id, grid_id=grid_id, level=level, status="submitted",
                      level_started_at=now, due_at=deadlines.due_at(category, level, now), created_at=now,
                      updated_at=now)
    db.session.add(order)
    db.session.flush()
    note = None if grid_id is not None else "该位置不在任何网格内，由社区受理分派"
    add_step(order.id, "submit", to_status="submitted", to_level=level, actor=reporter, note=note,
             photo_ids=order.photo_ids, at=now)
    db.session.flush()
    return order


def get_order(order_id):
    order = db.session.get(WorkOrder, order_id)
    if order is None:
        raise APIError("work_order_not_found")
    return order
