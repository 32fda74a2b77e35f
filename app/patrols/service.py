"""Patrol teams, routes, and patrols: start, pass checkpoints, send the
track, end. Plain functions; callers pass ``now`` in tests."""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import policy
from app.checkin.geo import haversine_m
from app.errors import APIError, invalid
from app.extensions import db
from app.models import Checkpoint, CheckpointPass, Patrol, PatrolRoute, PatrolTeam, Team, TrackPoint, utcnow
from app.models.base import insert_unless_exists, lock_row
from app.patrols import codes, rules, service_hours, track


def get_or_404(model, row_id, code):
    row = db.session.get(model, row_id)
    if row is None:
        raise APIError(code)
    return row


def set_up_team(actor, team_id, community_id, grid_id=None):
    team = db.session.get(Team, team_id)
    if team is None or team.level != "squad":
        raise APIError("team_not_squad")
    patrol_team = PatrolTeam(team_id=team.id, community_id=community_id, grid_id=grid_id, created_by_id=actor.id)
    db.session.add(patrol_team)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise APIError("patrol_team_exists") from None
    audit.record("patrol_team.create", actor=actor, target=patrol_team,
                 detail={"team_id": team.id, "community_id": community_id, "grid_id": grid_id})
    db.session.commit()
    return patrol_team


def create_route(actor, patrol_team, name, description, checkpoints):
    route = PatrolRoute(patrol_team_id=patrol_team.id, name=name, description=description, is_active=True,
                        created_by_id=actor.id)
    for position, point in enumerate(checkpoints, start=1):
        route.checkpoints.append(Checkpoint(position=position, name=point["name"], latitude=point["latitude"],
                                            longitude=point["longitude"],
                                            radius_m=point.get("radius_m") or rules.DEFAULT_RADIUS_M))
    db.session.add(route)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise APIError("route_name_taken") from None
    audit.record("patrol_route.create", actor=actor, target=route,
                 detail={"patrol_team_id": patrol_team.id, "checkpoints": len(checkpoints)})
    db.session.commit()
    return route


def set_route_active(actor, route, active):
    route.is_active = active
    audit.record("patrol_route.update", actor=actor, target=route, detail={"is_active": active})
    db.session.commit()
    return route


def open_patrol_of(user_id):
    return db.session.execute(select(Patrol).where(Patrol.user_id == user_id, Patrol.status == "open")
                              ).scalar_one_or_none()


def start(user, route, now=None):
    """Open a patrol on ``route``: one open patrol per person, whatever
    racing starts do (the partial unique index decides; the loser gets 409
    with the open patrol's id)."""
    now = now or utcnow()
    if not route.is_active:
        raise APIError("route_inactive")
    if not policy.patrols.may_start(user, route.patrol_team):
        raise APIError("not_a_patroller")
    patrol = Patrol(user_id=user.id, route_id=route.id, patrol_team_id=route.patrol_team_id, status="open",
                    started_at=now, distance_m=0.0, track_points=0)
    db.session.add(patrol)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        already = open_patrol_of(user.id)
        raise APIError("patrol_already_open", details={"patrol_id": already.id if already else None}) from None
    return patrol


def _locked_open(patrol):
    locked = lock_row(Patrol, patrol.id)
    if locked.status != "open":
        db.session.rollback()
        raise APIError("patrol_not_open")
    return locked


def pass_checkpoint(patrol, code=None, checkpoint_id=None, latitude=None, longitude=None, now=None):
    """Count a checkpoint as passed, once: by its poster code, or by the
    phone's location within the checkpoint's radius. (pass, newly passed)."""
    now = now or utcnow()
    if code is not None:
        checkpoint_id = codes.checkpoint_id_of(code)
        if checkpoint_id is None:
            raise APIError("checkpoint_code_invalid")
        method = "code"
    else:
        method = "location"
    checkpoint = db.session.get(Checkpoint, checkpoint_id)
    if checkpoint is None or checkpoint.route_id != patrol.route_id:
        raise APIError("checkpoint_not_on_route")
    if method == "location":
        metres = haversine_m(latitude, longitude, checkpoint.latitude, checkpoint.longitude)
        if metres > checkpoint.radius_m:
            raise APIError("checkpoint_too_far", f"离巡防点「{checkpoint.name}」还有约 {round(metres)} 米，"
                                                 f"请走到 {checkpoint.radius_m} 米以内再打卡，或扫描巡防点二维码")
    _locked_open(patrol)
    inserted = db.session.execute(insert_unless_exists(
        CheckpointPass.__table__,
        {"patrol_id": patrol.id, "checkpoint_id": checkpoint.id, "method": method, "passed_at": now,
         "latitude": latitude, "longitude": longitude},
        ["patrol_id", "checkpoint_id"], returning=[CheckpointPass.id])).first()
    db.session.commit()
    passed = db.session.execute(select(CheckpointPass).where(
        CheckpointPass.patrol_id == patrol.id, CheckpointPass.checkpoint_id == checkpoint.id)).scalar_one()
    return passed, inserted is not None


def add_track(patrol, points, now=None):
    """Add a batch of track points; the server measures the distance
    (app/patrols/track.py). Returns (accepted, counted) numbers."""
    now = now or utcnow()
    locked = _locked_open(patrol)
    usable = [p for p in points if locked.started_at <= p["recorded_at"] <= now + rules.CLOCK_SLACK]
    anchor = track.Anchor(locked.last_latitude, locked.last_longitude, locked.last_point_at)
    steps, anchor = track.walk(anchor, usable)
    if steps:
        db.session.add_all(TrackPoint(patrol_id=locked.id, recorded_at=s.recorded_at, latitude=s.latitude,
                                      longitude=s.longitude, accuracy_m=s.accuracy_m, counted=s.counted)
                           for s in steps)
        locked.distance_m = (locked.distance_m or 0.0) + sum(s.metres for s in steps)
        locked.track_points = (locked.track_points or 0) + len(steps)
        locked.last_latitude, locked.last_longitude, locked.last_point_at = anchor.latitude, anchor.longitude, \
            anchor.at
    db.session.commit()
    return len(steps), sum(s.counted for s in steps)


def _close(patrol_id, status, ended_at):
    """Move an open patrol to ``status``; True for the one caller that did."""
    moved = db.session.execute(
        update(Patrol).where(Patrol.id == patrol_id, Patrol.status == "open")
        .values(status=status, ended_at=ended_at, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    return moved


def end(actor, patrol, now=None):
    now = now or utcnow()
    if not _close(patrol.id, "ended", max(now, patrol.started_at)):
        raise APIError("patrol_not_open")
    audit.record("patrol.end", actor=actor, target=patrol, detail={"by_patroller": actor.id == patrol.user_id})
    db.session.commit()
    db.session.refresh(patrol)
    service_hours.credit(patrol)
    return patrol


def last_activity(patrol):
    """When the patroller was last seen: the newest track point or pass."""
    passed = db.session.execute(select(db.func.max(CheckpointPass.passed_at))
                                .where(CheckpointPass.patrol_id == patrol.id)).scalar_one()
    seen = [t for t in (patrol.started_at, patrol.last_point_at, passed) if t is not None]
    return max(seen)


def close_stale(now=None):
    """Close every patrol open longer than AUTO_CLOSE_AFTER, ending it at its
    last sign of activity (time nobody saw served is not counted). Returns
    the ids it closed."""
    now = now or utcnow()
    stale = db.session.execute(select(Patrol).where(Patrol.status == "open",
                                                    Patrol.started_at < now - rules.AUTO_CLOSE_AFTER)).scalars().all()
    closed = []
    for patrol in stale:
        if _close(patrol.id, "auto_closed", last_activity(patrol)):
            db.session.refresh(patrol)
            service_hours.credit(patrol)
            closed.append(patrol.id)
    return closed


def checkpoint_code(checkpoint):
    return codes.code_for(checkpoint.id)


def check_route_body(checkpoints):
    names = [c["name"] for c in checkpoints]
    if len(set(names)) != len(names):
        raise invalid("checkpoints", "同一路线的巡防点不能重名")
