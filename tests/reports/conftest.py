"""A small subdistrict for the work-order tests: community A (its office
located) with two grids, community B with one; the workers of each grid,
community staff, a resident reporter, a neighbour and the office."""
from dataclasses import dataclass

import pytest

from app.auth import roles
from app.extensions import db
from app.grids.geo import bounding_box, polygon_from_geojson
from app.models import Grid, RoleGrant, WorkOrder, WorkOrderStep
from tests.factories import auth_headers, make_community, make_organiser, make_user

# Grid A1 is the square with its south-west corner here; A2 lies east of it, B1 north.
A1 = (120.350, 30.300)
A2 = (120.360, 30.300)
B1 = (120.350, 30.320)
SIZE = 0.01


def square(lng, lat, size=SIZE):
    return {"type": "Polygon", "coordinates": [[[lng, lat], [lng + size, lat], [lng + size, lat + size],
                                                [lng, lat + size], [lng, lat]]]}


def make_grid(community, name, corner):
    boundary = square(*corner)
    min_lat, max_lat, min_lng, max_lng = bounding_box(polygon_from_geojson(boundary))
    grid = Grid(community_id=community.id, name=name, code=f"{community.code}-{name}", boundary=boundary,
                min_lat=min_lat, max_lat=max_lat, min_lng=min_lng, max_lng=max_lng)
    db.session.add(grid)
    db.session.commit()
    return grid


def grid_grant(user, role, grid):
    db.session.add(RoleGrant(user_id=user.id, role=role, scope_kind=roles.GRID, scope_id=grid.id))
    db.session.commit()
    db.session.expire(user, ["grants"])
    return user


def inside(corner):
    """A point in the middle of the grid with that corner: (latitude, longitude)."""
    return corner[1] + SIZE / 2, corner[0] + SIZE / 2


@dataclass
class Subdistrict:
    a: object
    b: object
    a1: object
    a2: object
    b1: object
    reporter: object
    neighbour: object
    workers: list  # two grid workers of A1
    leader: object  # grid leader of A1
    worker_a2: object
    staff: object  # organiser of A
    staff_b: object
    admin: object


@pytest.fixture()
def town(ctx):
    a, b = make_community("智格社区"), make_community("七格社区")
    a.latitude, a.longitude = 30.305, 120.365
    b.latitude, b.longitude = 30.325, 120.355
    db.session.commit()
    a1, a2, b1 = make_grid(a, "第一网格", A1), make_grid(a, "第二网格", A2), make_grid(b, "第一网格", B1)
    return Subdistrict(
        a=a, b=b, a1=a1, a2=a2, b1=b1,
        reporter=make_user(community=a, name="刘大伯"), neighbour=make_user(community=a, name="陈阿姨"),
        workers=[grid_grant(make_user(name=f"网格员{i}"), roles.GRID_WORKER, a1) for i in (1, 2)],
        leader=grid_grant(make_user(name="网格长"), roles.GRID_LEADER, a1),
        worker_a2=grid_grant(make_user(name="二网格员"), roles.GRID_WORKER, a2),
        staff=make_organiser(a, name="智格王书记"), staff_b=make_organiser(b, name="七格李主任"),
        admin=make_user(role="admin", name="街道办"))


def report_body(corner=A1, **fields):
    latitude, longitude = inside(corner)
    body = {"category": "facilities", "description": "3 幢门口路灯不亮，晚上很黑", "latitude": latitude,
            "longitude": longitude, "place": "3 幢门口"}
    body.update(fields)
    return body


def post(client, user, path, body=None):
    return client.post(f"/api/v1{path}", json=body if body is not None else {}, headers=auth_headers(user))


def get(client, user, path, **query):
    return client.get(f"/api/v1{path}", query_string=query, headers=auth_headers(user))


def filed(client, town, corner=A1, **fields):
    response = post(client, town.reporter, "/reports", report_body(corner, **fields))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fresh(order_id):
    db.session.expire_all()
    return db.session.get(WorkOrder, order_id)


def steps(order_id):
    db.session.expire_all()
    return db.session.execute(db.select(WorkOrderStep).where(WorkOrderStep.work_order_id == order_id)
                              .order_by(WorkOrderStep.id)).scalars().all()
