"""Schemas shared across areas (area-specific ones live in each area)."""
from marshmallow import Schema, fields, pre_dump, validate

from app.auth import policy, roles

MAX_ID = 2**31 - 1


def Id(**kwargs):
    """A row id in a request: a positive integer the database can hold."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), strict=True, **kwargs)


class ErrorDetailSchema(Schema):
    code = fields.String(required=True, metadata={"description": "stable machine-readable code"})
    message = fields.String(required=True, metadata={"description": "Chinese message for the user"})
    details = fields.Raw(metadata={"description": "optional extra facts, e.g. field errors"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class CommunitySchema(Schema):
    id = fields.Integer()
    name = fields.String()
    code = fields.String()


class ScopeSchema(Schema):
    """An organiser's community or member unit (kept for older clients; ``roles`` says more)."""

    id = fields.Integer(metadata={"description": "the role grant's id"})
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)


class HeldRoleSchema(Schema):
    role = fields.String(metadata={"description": "resident | volunteer | organiser | unit_contact | admin"})
    scope_kind = fields.String(metadata={"description": "subdistrict | community | grid | member_unit | party_branch | squad"})
    scope_id = fields.Integer(allow_none=True)
    grant_id = fields.Integer(allow_none=True, metadata={"description": "null for roles that follow from who one is"})


class GrantSchema(Schema):
    """A role held over a scope, live or (with revoked_at) taken away."""

    id = fields.Integer()
    user_id = fields.Integer()
    role = fields.String()
    scope_kind = fields.String()
    scope_id = fields.Integer(allow_none=True)
    granted_by_id = fields.Integer(allow_none=True)
    granted_at = fields.DateTime()
    revoked_by_id = fields.Integer(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


def _organiser_scopes(user):
    return [{"id": g.id, "community_id": g.scope_id if g.scope_kind == roles.COMMUNITY else None,
             "member_unit_id": g.scope_id if g.scope_kind == roles.MEMBER_UNIT else None}
            for g in sorted(user.grants, key=lambda g: g.id) if g.role == roles.ORGANISER]


class UserSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    role = fields.String(metadata={"description": "the most powerful role held, for display; see roles"})
    roles = fields.List(fields.Nested(HeldRoleSchema), metadata={"description": "every role held and its scope"})
    community = fields.Nested(CommunitySchema, allow_none=True)
    scopes = fields.List(fields.Nested(ScopeSchema))
    created_at = fields.DateTime()

    @pre_dump
    def present(self, user, **kwargs):
        """A person as every area shows them: their roles come from the policy."""
        if isinstance(user, dict):
            return user
        return {"id": user.id, "name": user.name, "phone": user.phone, "role": policy.primary_role(user),
                "roles": policy.roles_held(user), "community": user.community,
                "scopes": _organiser_scopes(user), "created_at": user.created_at}
