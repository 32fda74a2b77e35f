"""The grids and patrols of community A for the authorisation table, and a
valid request per row: a grid of A, the volunteer's squad as A's patrol
team with a route of one checkpoint, and the volunteer's open patrol."""
from datetime import timedelta

from app.auth import roles
from app.extensions import db
from app.grids import geo
from app.models import Checkpoint, Grid, Patrol, PatrolRoute, PatrolTeam, RoleGrant, utcnow
from app.patrols import codes

BOUNDARY = {"type": "Polygon", "coordinates": [[[120.35, 30.30], [120.36, 30.30], [120.36, 30.31], [120.35, 30.31],
                                                [120.35, 30.30]]]}


def add_patrols(w):
    grid = Grid(community_id=w.a.id, name="七格第一网格", code="qige-01", boundary=BOUNDARY)
    grid.min_lat, grid.max_lat, grid.min_lng, grid.max_lng = geo.bounding_box(geo.polygon_from_geojson(BOUNDARY))
    patrol_team = PatrolTeam(team_id=w.squad.id, community_id=w.a.id, grid=grid)
    route = PatrolRoute(patrol_team=patrol_team, name="东线", is_active=True)
    route.checkpoints.append(Checkpoint(position=1, name="社区东门", latitude=30.3095, longitude=120.3550, radius_m=50))
    patrol = Patrol(user_id=w.people["volunteer"].id, route=route, patrol_team=patrol_team, status="open",
                    started_at=utcnow() - timedelta(minutes=30), distance_m=0.0, track_points=0)
    db.session.add_all([grid, patrol_team, route, patrol])
    db.session.commit()
    w.alliance.update(grid_id=grid.id, patrol_team_id=patrol_team.id, route_id=route.id,
                      checkpoint_id=route.checkpoints[0].id, patrol_id=patrol.id)


def _grid_worker(w, actor, wechat):
    person = w.people["resident"]
    grant = RoleGrant(user_id=person.id, role=roles.GRID_WORKER, scope_kind=roles.GRID, scope_id=w.alliance["grid_id"])
    db.session.add(grant)
    db.session.commit()
    return {"path": {"grant_id": grant.id}}


PATROL_BUILDERS = {
    "grid_in_a": lambda w, actor, wechat: {"json": {"community_id": w.a.id, "name": "七格第二网格"}},
    "grid_rename": lambda w, actor, wechat: {"json": {"name": "七格东区网格"}},
    "locate_in_grid": lambda w, actor, wechat: {"query": {"latitude": 30.305, "longitude": 120.355}},
    "grid_appoint": lambda w, actor, wechat: {"json": {"user_id": w.people["resident"].id, "role": "grid_worker"}},
    "grid_worker_grant": _grid_worker,
    "patrol_team_in_a": lambda w, actor, wechat: {"json": {"team_id": w.other_squad.id, "community_id": w.a.id}},
    "route_in_a": lambda w, actor, wechat: {"json": {
        "patrol_team_id": w.alliance["patrol_team_id"], "name": "西线",
        "checkpoints": [{"name": "西门", "latitude": 30.309, "longitude": 120.354}]}},
    "route_stop": lambda w, actor, wechat: {"json": {"is_active": False}},
    "patrol_start": lambda w, actor, wechat: {"json": {"route_id": w.alliance["route_id"]}},
    "patrols_overseen": lambda w, actor, wechat: {"query": {"scope": "overseen"}},
    "track_batch": lambda w, actor, wechat: {"json": {"points": [
        {"latitude": 30.3095, "longitude": 120.3550, "recorded_at": utcnow().isoformat()}]}},
    "checkpoint_code": lambda w, actor, wechat: {"json": {"code": codes.code_for(w.alliance["checkpoint_id"])}},
}
