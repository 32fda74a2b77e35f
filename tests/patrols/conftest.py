"""A patrol team of 七格社区: a squad of volunteers on a route of three checkpoints."""
from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import Checkpoint, PatrolRoute, PatrolTeam
from tests.factories import make_community, make_organiser, make_team, make_user, make_volunteer
from tests.grids.conftest import make_grid, square

# The checkpoints, about 150 m apart along a street near 七格社区.
POINTS = (("社区东门", 30.3000, 120.3000), ("小区南门", 30.3000, 120.3015), ("河边凉亭", 30.3013, 120.3015))


@dataclass
class Patrols:
    community: object
    grid: object
    patrol_team: object
    route: object
    patroller: object
    staff: object
    resident: object


def build():
    qige = make_community("七格社区", "qige")
    grid = make_grid(qige, "第一网格", square(120.29, 30.29, size=0.02))
    squad = make_team("七格巡防中队", community=qige)
    patrol_team = PatrolTeam(team_id=squad.id, community_id=qige.id, grid_id=grid.id)
    route = PatrolRoute(patrol_team=patrol_team, name="东线", is_active=True)
    for position, (name, lat, lng) in enumerate(POINTS, start=1):
        route.checkpoints.append(Checkpoint(position=position, name=name, latitude=lat, longitude=lng, radius_m=50))
    db.session.add_all([patrol_team, route])
    db.session.commit()
    return Patrols(qige, grid, patrol_team, route, make_volunteer(team=squad, community=qige, name="王巡防"),
                   make_organiser(qige), make_user(community=qige))


@pytest.fixture()
def world(ctx):
    return build()
