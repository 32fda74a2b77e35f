from flask_smorest import Blueprint

from app import paging
from app.admin import service
from app.admin.schemas import AuditArgs, AuditSchema, GrantRequestSchema, UserListArgs
from app.auth import grants, roles
from app.auth.permissions import current_user, roles_required
from app.errors import APIError
from app.extensions import db
from app.models import RoleGrant, User
from app.schemas import GrantSchema, UserSchema

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Subdistrict administration")


def _user_or_404(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        raise APIError("not_found", "用户不存在")
    return user


@blp.route("/users", methods=["GET"])
@roles_required(roles.ADMIN)
@blp.arguments(UserListArgs, location="query")
@blp.response(200, UserSchema(many=True), headers=paging.TOTAL_HEADER_DOC)
def list_users(args):
    """People, optionally those holding one role or matching ``q``; sorted
    by id unless ``sort`` says otherwise, the count in X-Total-Count."""
    return paging.with_total(*service.list_users(**args))


@blp.route("/users/<int:user_id>/grants", methods=["GET"])
@roles_required(roles.ADMIN)
@blp.response(200, GrantSchema(many=True))
def grant_history(user_id):
    """Every role the person has held, live and taken: their history."""
    return grants.history(_user_or_404(user_id).id)


@blp.route("/grants", methods=["POST"])
@roles_required(roles.ADMIN)
@blp.arguments(GrantRequestSchema)
@blp.response(201, GrantSchema)
@blp.alt_response(200, schema=GrantSchema, description="the person already holds this grant")
def give_grant(body):
    """Give a person a role over a scope (organiser of a community, …)."""
    grant, created = grants.give(_user_or_404(body["user_id"]), body["role"], body["scope_kind"], body["scope_id"],
                                 actor=current_user())
    return grant, 201 if created else 200


@blp.route("/grants/<int:grant_id>", methods=["DELETE"])
@roles_required(roles.ADMIN)
@blp.response(204)
def take_grant(grant_id):
    """Take a role away; the grant stays in the person's history."""
    grant = db.session.get(RoleGrant, grant_id)
    if grant is None:
        raise APIError("not_found", "授权不存在")
    grants.take(grant, actor=current_user())


@blp.route("/audit", methods=["GET"])
@roles_required(roles.ADMIN)
@blp.arguments(AuditArgs, location="query")
@blp.response(200, AuditSchema(many=True), headers=paging.TOTAL_HEADER_DOC)
def audit_log(args):
    """The audit trail, newest first, filtered by who, what and when; the
    count in X-Total-Count."""
    return paging.with_total(*service.list_audit(**args))
