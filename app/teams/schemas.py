from marshmallow import fields, validate

from app.models import TEAM_LEVELS
from app.schemas import Id, Schema, Text
from app.validators import text

_name = text(64, min_length=1)


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
    name = Text(required=True, validate=_name)
    level = Text(required=True, validate=validate.OneOf(TEAM_LEVELS))
    parent_id = Id(allow_none=True)
    community_id = Id(allow_none=True)
    member_unit_id = Id(allow_none=True)


class TeamUpdateSchema(Schema):
    name = Text(validate=_name)
    parent_id = Id(allow_none=True)
    community_id = Id(allow_none=True)
    member_unit_id = Id(allow_none=True)
