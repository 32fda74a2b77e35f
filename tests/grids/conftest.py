"""Grids for the grid and patrol tests: squares near 下沙, people over them."""
from app.auth import roles
from app.extensions import db
from app.grids import geo
from app.models import Grid, RoleGrant


def square(lng, lat, size=0.01):
    return {"type": "Polygon", "coordinates": [[[lng, lat], [lng + size, lat], [lng + size, lat + size],
                                                [lng, lat + size], [lng, lat]]]}


def make_grid(community, name, boundary=None, code=None):
    grid = Grid(community_id=community.id, name=name, code=code or f"{community.code}-{name}")
    if boundary is not None:
        polygon = geo.polygon_from_geojson(boundary)
        grid.boundary = boundary
        grid.min_lat, grid.max_lat, grid.min_lng, grid.max_lng = geo.bounding_box(polygon)
    db.session.add(grid)
    db.session.commit()
    return grid


def grid_grant(user, grid, role=roles.GRID_WORKER):
    db.session.add(RoleGrant(user_id=user.id, role=role, scope_kind=roles.GRID, scope_id=grid.id))
    db.session.commit()
    db.session.expire(user, ["grants"])
    return user
