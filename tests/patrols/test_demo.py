"""The demo has grids in all seven communities (none overlapping), grid
people, a patrol team with a route, finished patrols credited as service and
one running; loaded twice, it is loaded once."""
from itertools import combinations

from shapely.geometry import shape

from app.auth import roles
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Community, Grid, Patrol, RoleGrant, ServiceRecord


def counts():
    return [db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
            for model in (Grid, Patrol, ServiceRecord, RoleGrant)]


def test_the_demo_has_grids_everywhere_and_patrols_and_loads_once(ctx):
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first
    grids = db.session.execute(db.select(Grid)).scalars().all()
    communities = db.session.execute(db.select(Community)).scalars().all()
    assert {g.community_id for g in grids} == {c.id for c in communities} and len(communities) == 7
    for one, other in combinations(grids, 2):
        assert shape(one.boundary).intersection(shape(other.boundary)).area < 1e-12, (one.name, other.name)
    for community in communities:  # the office stands in one of its grids
        from app.grids.geo import grid_for_location
        assert grid_for_location(community.latitude + 0.001, community.longitude - 0.001).community_id == community.id
    grid_roles = set(db.session.execute(db.select(RoleGrant.role).where(RoleGrant.scope_kind == roles.GRID)).scalars())
    assert grid_roles == {roles.GRID_LEADER, roles.GRID_WORKER}
    statuses = [p.status for p in db.session.execute(db.select(Patrol)).scalars()]
    assert statuses.count("open") == 1 and statuses.count("ended") == 5
    finished = db.session.execute(db.select(Patrol).where(Patrol.status == "ended")).scalars().all()
    assert all(p.service_event_id and p.distance_m > 100 and p.passes for p in finished)
