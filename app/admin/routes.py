from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.admin import service
from app.auth.permissions import current_user, roles_required
from app.datetimes import LocalDateTime
from app.errors import APIError
from app.extensions import db
from app.models import ROLES, OrganiserScope, User
from app.schemas import Id, ScopeSchema, UserSchema

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Subdistrict administration")


class RoleChangeSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class ScopeGrantSchema(Schema):
    user_id = Id(required=True)
    community_id = Id()
    member_unit_id = Id()


class UserListArgs(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


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
    before_id = Id()


def _user_or_404(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        raise APIError("not_found", "用户不存在")
    return user


@blp.route("/users", methods=["GET"])
@roles_required("admin")
@blp.arguments(UserListArgs, location="query")
@blp.response(200, UserSchema(many=True))
def list_users(args):
    query = db.select(User).order_by(User.id).limit(args["limit"])
    if "role" in args:
        query = query.where(User.role == args["role"])
    return db.session.execute(query).scalars().all()


@blp.route("/users/<int:user_id>/role", methods=["PUT"])
@roles_required("admin")
@blp.arguments(RoleChangeSchema)
@blp.response(200, UserSchema)
def change_role(body, user_id):
    return service.set_role(_user_or_404(user_id), body["role"], actor=current_user())


@blp.route("/organiser-scopes", methods=["POST"])
@roles_required("admin")
@blp.arguments(ScopeGrantSchema)
@blp.response(201, ScopeSchema)
def grant_scope(body):
    return service.grant_scope(
        _user_or_404(body["user_id"]),
        community_id=body.get("community_id"),
        member_unit_id=body.get("member_unit_id"),
        actor=current_user(),
    )


@blp.route("/organiser-scopes/<int:scope_id>", methods=["DELETE"])
@roles_required("admin")
@blp.response(204)
def revoke_scope(scope_id):
    scope = db.session.get(OrganiserScope, scope_id)
    if scope is None:
        raise APIError("not_found", "授权不存在")
    service.revoke_scope(scope, actor=current_user())


@blp.route("/audit", methods=["GET"])
@roles_required("admin")
@blp.arguments(AuditArgs, location="query")
@blp.response(200, AuditSchema(many=True))
def audit_log(args):
    return service.list_audit(limit=args["limit"], before_id=args.get("before_id"))
