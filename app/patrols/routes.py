"""/api/v1/patrols: patrol teams, routes with checkpoints, and patrols
(巡防): start, pass checkpoints, send the track, end."""
from io import BytesIO

from flask import send_file
from flask_smorest import Blueprint
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError
from app.extensions import db
from app.grids.service import community_or_404, grid_or_404
from app.models import Checkpoint, Patrol, PatrolRoute, PatrolTeam, TrackPoint, utcnow
from app.paging import total
from app.patrols import poster, service, views
from app.patrols.schemas import (
    EndSchema,
    PassResultSchema,
    PassSchema,
    PatrolListArgs,
    PatrolPageSchema,
    PatrolSchema,
    PatrolTeamCreateSchema,
    PatrolTeamListArgs,
    PatrolTeamSchema,
    PosterArgs,
    RouteCreateSchema,
    RouteListArgs,
    RouteSchema,
    RouteUpdateSchema,
    StartSchema,
    TrackPointOutSchema,
    TrackResultSchema,
    TrackSchema,
)

blp = Blueprint("patrols", __name__, url_prefix="/api/v1",
                description="Patrols (巡防): teams, routes and checkpoints, patrols that count as volunteer service")


def _team(patrol_team_id, user):
    patrol_team = db.session.get(PatrolTeam, patrol_team_id)
    if patrol_team is None or not policy.patrols.may_see_team(user, patrol_team):
        raise APIError("patrol_team_not_found")
    return patrol_team


def _route(route_id, user):
    route = db.session.get(PatrolRoute, route_id)
    if route is None or not policy.patrols.may_see_team(user, route.patrol_team):
        raise APIError("route_not_found")
    return route


def _patrol(patrol_id, user):
    patrol = db.session.get(Patrol, patrol_id)
    if patrol is None or not policy.patrols.may_see(user, patrol):
        raise APIError("patrol_not_found")
    return patrol


# -- teams and routes ---------------------------------------------------------------------------

@blp.route("/patrols/teams", methods=["GET"])
@login_required
@blp.arguments(PatrolTeamListArgs, location="query")
@blp.response(200, PatrolTeamSchema(many=True))
def list_patrol_teams(args):
    """The patrol teams I patrol with or oversee, with their routes."""
    user = current_user()
    query = select(PatrolTeam).where(policy.patrols.teams_clause(user)).order_by(PatrolTeam.id)
    if args.get("community_id") is not None:
        query = query.where(PatrolTeam.community_id == args["community_id"])
    return [views.team_view(t, user) for t in db.session.execute(query).scalars()]


@blp.route("/patrols/teams", methods=["POST"])
@login_required
@blp.arguments(PatrolTeamCreateSchema)
@blp.response(201, PatrolTeamSchema)
@blp.alt_response(409, schema="Error", description="patrol_team_exists")
def create_patrol_team(body):
    """Mark a volunteer squad as patrolling a community (or one of its
    grids): the community's staff and the office."""
    user = current_user()
    community = community_or_404(body["community_id"])
    policy.require(policy.patrols.may_set_up(user, community.id))
    if body.get("grid_id") is not None and grid_or_404(body["grid_id"]).community_id != community.id:
        raise APIError("grid_not_found", "该网格不属于所选社区")
    patrol_team = service.set_up_team(user, body["team_id"], community.id, body.get("grid_id"))
    return views.team_view(patrol_team, user)


@blp.route("/patrols/teams/<int:patrol_team_id>", methods=["GET"])
@login_required
@blp.response(200, PatrolTeamSchema)
@blp.alt_response(404, schema="Error", description="patrol_team_not_found")
def get_patrol_team(patrol_team_id):
    user = current_user()
    return views.team_view(_team(patrol_team_id, user), user)


@blp.route("/patrols/routes", methods=["GET"])
@login_required
@blp.arguments(RouteListArgs, location="query")
@blp.response(200, RouteSchema(many=True))
def list_routes(args):
    """Routes of the teams I patrol with or oversee, with their checkpoints."""
    user = current_user()
    query = (select(PatrolRoute).join(PatrolTeam, PatrolTeam.id == PatrolRoute.patrol_team_id)
             .where(policy.patrols.teams_clause(user)).order_by(PatrolRoute.id))
    if args.get("patrol_team_id") is not None:
        query = query.where(PatrolRoute.patrol_team_id == args["patrol_team_id"])
    return [views.route_view(r) for r in db.session.execute(query).scalars()]


@blp.route("/patrols/routes", methods=["POST"])
@login_required
@blp.arguments(RouteCreateSchema)
@blp.response(201, RouteSchema)
@blp.alt_response(409, schema="Error", description="route_name_taken")
def create_route(body):
    """A route with its checkpoints in walking order: the community's staff."""
    user = current_user()
    patrol_team = service.get_or_404(PatrolTeam, body["patrol_team_id"], "patrol_team_not_found")
    policy.require(policy.patrols.may_manage_team(user, patrol_team))
    service.check_route_body(body["checkpoints"])
    route = service.create_route(user, patrol_team, body["name"], body.get("description"), body["checkpoints"])
    return views.route_view(route)


@blp.route("/patrols/routes/<int:route_id>", methods=["GET"])
@login_required
@blp.response(200, RouteSchema)
@blp.alt_response(404, schema="Error", description="route_not_found")
def get_route(route_id):
    return views.route_view(_route(route_id, current_user()))


@blp.route("/patrols/routes/<int:route_id>", methods=["PATCH"])
@login_required
@blp.arguments(RouteUpdateSchema)
@blp.response(200, RouteSchema)
def update_route(body, route_id):
    """Stop (or resume) patrols on a route; its history stays."""
    user = current_user()
    route = _route(route_id, user)
    policy.require(policy.patrols.may_manage_team(user, route.patrol_team))
    return views.route_view(service.set_route_active(user, route, body["is_active"]))


@blp.route("/patrols/checkpoints/<int:checkpoint_id>/poster", methods=["GET"])
@login_required
@blp.arguments(PosterArgs, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="image/png",
              description="the checkpoint's signed code as a QR code: PNG, or an A5 PDF with ?format=pdf")
@blp.alt_response(404, schema="Error", description="checkpoint_not_found")
def checkpoint_poster(args, checkpoint_id):
    """The poster to print and hang at a checkpoint: whoever sets up its route."""
    user = current_user()
    checkpoint = db.session.get(Checkpoint, checkpoint_id)
    if checkpoint is None or not policy.patrols.may_see_team(user, checkpoint.route.patrol_team):
        raise APIError("checkpoint_not_found")
    policy.require(policy.patrols.may_manage_team(user, checkpoint.route.patrol_team))
    if args["format"] == "pdf":
        return send_file(BytesIO(poster.pdf(checkpoint)), mimetype="application/pdf",
                         download_name=f"巡防点_{checkpoint.id}.pdf")
    return send_file(BytesIO(poster.png(checkpoint)), mimetype="image/png", download_name=f"巡防点_{checkpoint.id}.png")


# -- patrols ------------------------------------------------------------------------------------

@blp.route("/patrols", methods=["POST"])
@login_required
@blp.arguments(StartSchema)
@blp.response(201, PatrolSchema)
@blp.alt_response(409, schema="Error", description="patrol_already_open (details.patrol_id), route_inactive")
def start_patrol(body):
    """Start a patrol on a route of my squad's patrol team: one at a time."""
    user = current_user()
    route = service.get_or_404(PatrolRoute, body["route_id"], "route_not_found")
    patrol = service.start(user, route)
    return views.patrol_view(patrol, utcnow())


@blp.route("/patrols", methods=["GET"])
@login_required
@blp.arguments(PatrolListArgs, location="query")
@blp.response(200, PatrolPageSchema)
def list_patrols(args):
    """My patrols, newest first; ``scope=overseen``: the patrols of the teams
    I oversee (the community's staff, the grid's people, the office)."""
    user = current_user()
    query = select(Patrol)
    if args["scope"] == "mine":
        query = query.where(Patrol.user_id == user.id)
    else:
        query = query.where(policy.patrols.visible_clause(user))
    for key, column in (("status", Patrol.status), ("patrol_team_id", Patrol.patrol_team_id)):
        if args.get(key) is not None:
            query = query.where(column == args[key])
    query = query.order_by(Patrol.started_at.desc(), Patrol.id.desc())
    rows = db.session.execute(query.limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": views.patrol_views(rows, utcnow()), "total": total(query), "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/patrols/current", methods=["GET"])
@login_required
@blp.response(200, PatrolSchema)
@blp.alt_response(404, schema="Error", description="no_open_patrol")
def current_patrol():
    """My patrol in progress, to resume the live page."""
    patrol = service.open_patrol_of(current_user().id)
    if patrol is None:
        raise APIError("no_open_patrol")
    return views.patrol_view(patrol, utcnow())


@blp.route("/patrols/<int:patrol_id>", methods=["GET"])
@login_required
@blp.response(200, PatrolSchema)
@blp.alt_response(404, schema="Error", description="patrol_not_found")
def get_patrol(patrol_id):
    """A patrol: its route, time, distance and checkpoints passed."""
    return views.patrol_view(_patrol(patrol_id, current_user()), utcnow())


@blp.route("/patrols/<int:patrol_id>/track", methods=["GET"])
@login_required
@blp.response(200, TrackPointOutSchema(many=True))
def get_track(patrol_id):
    """The patrol's track points in time order (jumps marked not counted)."""
    patrol = _patrol(patrol_id, current_user())
    return db.session.execute(select(TrackPoint).where(TrackPoint.patrol_id == patrol.id)
                              .order_by(TrackPoint.recorded_at, TrackPoint.id)).scalars().all()


@blp.route("/patrols/<int:patrol_id>/track", methods=["POST"])
@login_required
@blp.arguments(TrackSchema)
@blp.response(200, TrackResultSchema)
@blp.alt_response(409, schema="Error", description="patrol_not_open")
def send_track(body, patrol_id):
    """A batch of locations from the patroller's phone (at most 100)."""
    user = current_user()
    patrol = _patrol(patrol_id, user)
    policy.require(policy.patrols.may_walk(user, patrol))
    accepted, counted = service.add_track(patrol, body["points"])
    db.session.refresh(patrol)
    return {"accepted": accepted, "counted": counted, "distance_m": round(patrol.distance_m, 1),
            "track_points": patrol.track_points}


@blp.route("/patrols/<int:patrol_id>/checkpoints", methods=["POST"])
@login_required
@blp.arguments(PassSchema)
@blp.response(200, PassResultSchema)
@blp.alt_response(409, schema="Error", description="checkpoint_too_far, checkpoint_not_on_route, patrol_not_open")
def pass_checkpoint(body, patrol_id):
    """Pass a checkpoint: scan its poster code, or be within its radius."""
    user = current_user()
    patrol = _patrol(patrol_id, user)
    policy.require(policy.patrols.may_walk(user, patrol))
    _, newly = service.pass_checkpoint(patrol, code=body.get("code"), checkpoint_id=body.get("checkpoint_id"),
                                       latitude=body.get("latitude"), longitude=body.get("longitude"))
    db.session.expire_all()
    return {"newly_passed": newly, "patrol": views.patrol_view(db.session.get(Patrol, patrol_id), utcnow())}


@blp.route("/patrols/<int:patrol_id>/end", methods=["POST"])
@login_required
@blp.arguments(EndSchema)
@blp.response(200, PatrolSchema)
@blp.alt_response(409, schema="Error", description="patrol_not_open")
def end_patrol(body, patrol_id):
    """End a patrol: the patroller, or the community's staff for one left
    open. Its time counts as volunteer service (a record awaiting approval)."""
    user = current_user()
    patrol = _patrol(patrol_id, user)
    policy.require(policy.patrols.may_end(user, patrol))
    service.end(user, patrol)
    db.session.expire_all()
    return views.patrol_view(db.session.get(Patrol, patrol_id), utcnow())
