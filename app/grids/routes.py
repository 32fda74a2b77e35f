"""/api/v1/grids: the grids (网格) of each community, their boundaries and people."""
from flask_smorest import Blueprint
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError
from app.extensions import db
from app.grids import geo, service, views
from app.grids.schemas import (
    AppointSchema,
    GridCreateSchema,
    GridListArgs,
    GridPageSchema,
    GridSchema,
    GridUpdateSchema,
    LocateArgs,
)
from app.models import Grid
from app.paging import total

blp = Blueprint("grids", __name__, url_prefix="/api/v1",
                description="Grids (网格): 小事不出网格，大事不出社区")


@blp.route("/grids", methods=["GET"])
@login_required
@blp.arguments(GridListArgs, location="query")
@blp.response(200, GridPageSchema)
def list_grids(args):
    """Every grid (of one community with ``community_id``), by community then
    code. Names and people for everyone signed in; boundaries for those who
    work the grid."""
    query = select(Grid)
    if args.get("community_id") is not None:
        query = query.where(Grid.community_id == args["community_id"])
    query = query.order_by(Grid.community_id, Grid.code, Grid.id)
    grids = db.session.execute(query.limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": views.grid_views(grids, current_user()), "total": total(query), "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/grids", methods=["POST"])
@login_required
@blp.arguments(GridCreateSchema)
@blp.response(201, GridSchema)
@blp.alt_response(409, schema="Error", description="grid_name_taken")
def create_grid(body):
    """Draw a grid: the community's staff and the office. A boundary that is
    not a closed valid polygon in China, or overlaps another grid of the
    community, is refused with the reason in Chinese."""
    user = current_user()
    community = service.community_or_404(body["community_id"])
    policy.require(policy.grids.may_manage(user, community.id))
    grid = service.create(user, community, body["name"], body.get("code"), body.get("boundary"))
    db.session.commit()
    return views.grid_view(grid, user)


@blp.route("/grids/locate", methods=["GET"])
@login_required
@blp.arguments(LocateArgs, location="query")
@blp.response(200, GridSchema)
@blp.alt_response(404, schema="Error", description="location_outside_grids")
def locate_grid(args):
    """The grid a (GCJ-02) location lies in, e.g. for a report or a patrol."""
    grid = geo.grid_for_location(args["latitude"], args["longitude"], args.get("community_id"))
    if grid is None:
        raise APIError("location_outside_grids")
    return views.grid_view(grid, current_user())


@blp.route("/grids/<int:grid_id>", methods=["GET"])
@login_required
@blp.response(200, GridSchema)
@blp.alt_response(404, schema="Error", description="grid_not_found")
def get_grid(grid_id):
    """One grid with its leader and workers."""
    return views.grid_view(service.grid_or_404(grid_id), current_user())


@blp.route("/grids/<int:grid_id>", methods=["PATCH"])
@login_required
@blp.arguments(GridUpdateSchema)
@blp.response(200, GridSchema)
@blp.alt_response(409, schema="Error", description="grid_name_taken")
def update_grid(body, grid_id):
    """Rename or redraw a grid: the community's staff and the office."""
    user = current_user()
    grid = service.grid_or_404(grid_id)
    policy.require(policy.grids.may_manage(user, grid.community_id))
    service.update(user, grid, body)
    db.session.commit()
    return views.grid_view(grid, user)


@blp.route("/grids/<int:grid_id>/people", methods=["POST"])
@login_required
@blp.arguments(AppointSchema)
@blp.response(201, GridSchema)
def appoint_grid_person(body, grid_id):
    """Appoint a grid leader (网格长) or worker (网格员): a grid_leader or
    grid_worker grant over the grid, given as the grants API gives it (with
    history and audit). The community's staff and the office."""
    user = current_user()
    grid = service.grid_or_404(grid_id)
    policy.require(policy.grids.may_manage(user, grid.community_id))
    service.appoint(user, grid, body["user_id"], body["role"])
    return views.grid_view(grid, user)


@blp.route("/grids/<int:grid_id>/people/<int:grant_id>", methods=["DELETE"])
@login_required
@blp.response(200, GridSchema)
def remove_grid_person(grid_id, grant_id):
    """Take a grid leader's or worker's grant back (kept as history)."""
    user = current_user()
    grid = service.grid_or_404(grid_id)
    policy.require(policy.grids.may_manage(user, grid.community_id))
    service.remove(user, grid, grant_id)
    return views.grid_view(grid, user)
