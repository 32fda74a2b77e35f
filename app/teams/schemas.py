from marshmallow import Schema, fields, validate

from app.models import TEAM_LEVELS
from app.validators import ROW_ID, text

_name = text(64, min_length=1)
_id = ROW_ID


class TeamSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    level = fields.String(metadata={"description": "corps 总队 / brigade 大队 / squad 中队"})
    parent_id = fields.Integer(allow_none=True)
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)


class TeamNodeSchema(TeamSchema):
    member_count = fields.Integer(metadata={"description": "current members"})
    children = fields.List(fields.Nested(lambda: TeamNodeSchema()))


class TeamCreateSchema(Schema):
    name = fields.String(required=True, validate=_name)
    level = fields.String(required=True, validate=validate.OneOf(TEAM_LEVELS))
    parent_id = fields.Integer(allow_none=True, validate=_id)
    community_id = fields.Integer(allow_none=True, validate=_id)
    member_unit_id = fields.Integer(allow_none=True, validate=_id)


class TeamUpdateSchema(Schema):
    name = fields.String(validate=_name)
    parent_id = fields.Integer(allow_none=True, validate=_id)
    community_id = fields.Integer(allow_none=True, validate=_id)
    member_unit_id = fields.Integer(allow_none=True, validate=_id)
