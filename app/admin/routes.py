from flask_smorest import Blueprint
from marshmallow import fields, validate

from app.admin import service
from app.auth import grants, roles
from app.auth.permissions import current_user, roles_required
from app.errors import APIError
from app.extensions import db
from app.localtime import LocalDateTime
from app.models import RoleGrant, User
from app.schemas import GrantSchema, Id, QueryId, Schema, Text, UserSchema

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Subdistrict administration")


class GrantRequestSchema(Schema):
    user_id = Id(required=True)
    role = Text(required=True, validate=validate.OneOf(roles.GRANTED_ROLES, error="角色不存在"))
    scope_kind = Text(required=True, validate=validate.OneOf(roles.SCOPE_KINDS, error="范围类型不存在"))
    scope_id = Id(allow_none=True, load_default=None)


class UserListArgs(Schema):
    role = Text(validate=validate.OneOf((roles.VOLUNTEER,) + roles.GRANTED_ROLES, error="角色不存在"))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    after_id = QueryId()


class AuditSchema(Schema):
    id = fields.Integer()
    actor_id = fields.Integer(allow_none=True)
    actor_label = fields.String(allow_none=True)
    action = fields.String()
    target_type = fields.String(allow_none=True)
    target_id = fields.String(allow_none=True)
    detail = fields.Dict()
    created_at = LocalDateTime()


class AuditArgs(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    before_id = QueryId()


def _user_or_404(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        raise APIError("not_found", "用户不存在")
    return user


@blp.route("/users", methods=["GET"])
@roles_required(roles.ADMIN)
@blp.arguments(UserListArgs, location="query")
@blp.response(200, UserSchema(many=True))
def list_users(args):
    """People, optionally those holding one role."""
    return service.list_users(role=args.get("role"), limit=args["limit"], after_id=args.get("after_id"))


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
@blp.response(200, AuditSchema(many=True))
def audit_log(args):
    return service.list_audit(limit=args["limit"], before_id=args.get("before_id"))
