"""Drawing grids and appointing their people. Plain functions over the
session; handlers and the import command call them and commit."""
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import grants, roles
from app.errors import APIError, invalid
from app.extensions import db
from app.grids import geo
from app.models import Community, Grid, RoleGrant, User

GRID_ROLES = (roles.GRID_LEADER, roles.GRID_WORKER)


def community_or_404(community_id):
    community = db.session.get(Community, community_id)
    if community is None:
        raise APIError("not_found", "社区不存在")
    return community


def grid_or_404(grid_id):
    grid = db.session.get(Grid, grid_id)
    if grid is None:
        raise APIError("grid_not_found")
    return grid


def others_of(community_id, except_id=None):
    """(name, polygon) of the community's other grids that have a boundary."""
    query = select(Grid).where(Grid.community_id == community_id, Grid.boundary.is_not(None))
    if except_id is not None:
        query = query.where(Grid.id != except_id)
    return [(g.name, shape(g.boundary)) for g in db.session.execute(query).scalars()]


def checked_polygon(boundary, community_id, except_id=None):
    """The boundary as a polygon, refused (422, in Chinese) when invalid or
    when it overlaps another grid of the community."""
    try:
        polygon = geo.polygon_from_geojson(boundary)
    except geo.BoundaryError as error:
        raise invalid("boundary", str(error)) from None
    except (TypeError, ValueError, AttributeError, IndexError):  # rings that are not lists of points
        raise invalid("boundary", "边界格式不正确：须为 GeoJSON Polygon") from None
    clashes = geo.overlapping(polygon, others_of(community_id, except_id))
    if clashes:
        raise invalid("boundary", f"边界与本社区的网格重叠：{'、'.join(clashes)}")
    return polygon


def set_boundary(grid, boundary, polygon):
    grid.boundary = boundary
    grid.min_lat, grid.max_lat, grid.min_lng, grid.max_lng = geo.bounding_box(polygon)


def _next_code(community):
    count = db.session.execute(select(db.func.count()).where(Grid.community_id == community.id)).scalar_one()
    return f"{community.code}-{count + 1:02d}"


def _flush_or_conflict():
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise APIError("grid_name_taken") from None


def create(actor, community, name, code=None, boundary=None):
    polygon = checked_polygon(boundary, community.id) if boundary is not None else None
    grid = Grid(community_id=community.id, name=name, code=code or _next_code(community))
    if polygon is not None:
        set_boundary(grid, boundary, polygon)
    db.session.add(grid)
    _flush_or_conflict()
    audit.record("grid.create", actor=actor, target=grid, detail={"community_id": community.id, "name": name})
    return grid


def update(actor, grid, changes):
    if "boundary" in changes:
        if changes["boundary"] is None:
            grid.boundary = grid.min_lat = grid.max_lat = grid.min_lng = grid.max_lng = None
        else:
            set_boundary(grid, changes["boundary"], checked_polygon(changes["boundary"], grid.community_id, grid.id))
    for key in ("name", "code"):
        if changes.get(key):
            setattr(grid, key, changes[key])
    _flush_or_conflict()
    audit.record("grid.update", actor=actor, target=grid, detail={"fields": sorted(changes)})
    return grid


def people_of(grid_ids):
    """{grid_id: [(grant, user)]} of the live leader and worker grants."""
    if not grid_ids:
        return {}
    rows = db.session.execute(
        select(RoleGrant, User).join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.scope_kind == roles.GRID, RoleGrant.scope_id.in_(sorted(grid_ids)),
               RoleGrant.role.in_(GRID_ROLES), RoleGrant.revoked_at.is_(None), User.is_active.is_(True))
        .order_by(RoleGrant.id)).all()
    answer = {}
    for grant, user in rows:
        answer.setdefault(grant.scope_id, []).append((grant, user))
    return answer


def appoint(actor, grid, user_id, role):
    person = db.session.get(User, user_id)
    if person is None or not person.is_active:
        raise invalid("user_id", "该用户不存在或已停用")
    grant, _ = grants.give(person, role, roles.GRID, grid.id, actor=actor)
    return grant


def remove(actor, grid, grant_id):
    grant = db.session.get(RoleGrant, grant_id)
    if (grant is None or grant.scope_kind != roles.GRID or grant.scope_id != grid.id
            or grant.role not in GRID_ROLES or grant.revoked_at is not None):
        raise APIError("not_found", "该网格没有这位网格长或网格员")
    grants.take(grant, actor=actor)
