"""/api/v1/teams: the corps → brigade → squad tree."""
from flask_smorest import Blueprint

from app.auth.permissions import current_user, roles_required
from app.auth.roles import STAFF
from app.teams import service
from app.teams.schemas import TeamCreateSchema, TeamNodeSchema, TeamSchema, TeamUpdateSchema

blp = Blueprint("teams", __name__, url_prefix="/api/v1/teams", description="Volunteer teams (总队—大队—中队)")


@blp.route("", methods=["GET"])
@blp.response(200, TeamNodeSchema(many=True))
def tree():
    """The whole team tree, for pickers and the organisers' overview."""
    return service.team_tree()


@blp.route("", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(TeamCreateSchema)
@blp.response(201, TeamSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope / forbidden")
def create(body):
    """Create a team: admins anywhere; organisers squads of their own community or unit."""
    return service.create_team(current_user(), **body)


@blp.route("/<int:team_id>", methods=["PATCH"])
@roles_required(*STAFF)
@blp.arguments(TeamUpdateSchema)
@blp.response(200, TeamSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope / forbidden")
def update(changes, team_id):
    """Rename a team, move it under another parent (admins), or hand a squad to another community or unit."""
    return service.update_team(current_user(), service.get_team(team_id), changes)


@blp.route("/<int:team_id>", methods=["DELETE"])
@roles_required(*STAFF)
@blp.response(204)
@blp.alt_response(409, schema="Error", description="team_not_empty")
def delete(team_id):
    """Delete a team that has no sub-teams and never had members."""
    service.delete_team(current_user(), service.get_team(team_id))
