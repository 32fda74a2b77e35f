"""Schemas shared across areas (area-specific ones live in each area)."""
from marshmallow import Schema, fields, validate

from app.datetimes import LocalDateTime

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
    id = fields.Integer()
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)


class UserSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    role = fields.String()
    community = fields.Nested(CommunitySchema, allow_none=True)
    scopes = fields.List(fields.Nested(ScopeSchema))
    created_at = LocalDateTime()
