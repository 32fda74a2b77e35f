"""Requests and answers of /api/v1/admin: grants, people, the audit trail."""
from datetime import date

from marshmallow import fields, validate

from app import paging
from app.auth import roles
from app.localtime import LocalDateTime
from app.schemas import Id, QueryId, Schema, Text

# Days the trail can hold, so a day's bounds never overflow a datetime.
_AUDIT_DAYS = validate.Range(min=date(2000, 1, 1), max=date(2999, 12, 31))
USER_SORTS = ("id", "name", "created_at", "last_login_at")
AUDIT_SORTS = ("id", "created_at", "action")


class GrantRequestSchema(Schema):
    user_id = Id(required=True)
    role = Text(required=True, validate=validate.OneOf(roles.GRANTED_ROLES, error="角色不存在"))
    scope_kind = Text(required=True, validate=validate.OneOf(roles.SCOPE_KINDS, error="范围类型不存在"))
    scope_id = Id(allow_none=True, load_default=None)


class UserListArgs(paging.paged_args(USER_SORTS)):
    role = Text(validate=validate.OneOf((roles.VOLUNTEER,) + roles.GRANTED_ROLES, error="角色不存在"))
    q = Text(validate=validate.Length(max=32), metadata={
        "description": "part of a name or phone number, or a person's id"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    after_id = QueryId()


class AuditSchema(Schema):
    id = fields.Integer()
    actor_id = fields.Integer(allow_none=True)
    actor_label = fields.String(allow_none=True)
    actor_name = fields.Function(lambda row: row.actor.name if row.actor is not None else None, allow_none=True,
                                 metadata={"description": "the acting person's name, when a person acted"})
    action = fields.String()
    target_type = fields.String(allow_none=True)
    target_id = fields.String(allow_none=True)
    detail = fields.Dict()
    created_at = LocalDateTime()


class AuditArgs(paging.paged_args(AUDIT_SORTS)):
    actor_id = QueryId(metadata={"description": "only what this person did"})
    action = Text(validate=validate.Length(max=64), metadata={
        "description": "an action (grant.give) or the start of one (grant.)"})
    target_type = Text(validate=validate.Length(max=32))
    from_ = fields.Date(data_key="from", validate=_AUDIT_DAYS, metadata={"description": "from this day on (Asia/Shanghai)"})
    to = fields.Date(validate=_AUDIT_DAYS, metadata={"description": "up to the end of this day (Asia/Shanghai)"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    before_id = QueryId()
