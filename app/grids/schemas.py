"""Request and response shapes of the grids area (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.auth import roles
from app.schemas import Id, QueryId, Schema, Text

BOUNDARY_HELP = ('GeoJSON Polygon in GCJ-02, [lng, lat] pairs, closed: '
                 '{"type": "Polygon", "coordinates": [[[120.3, 30.3], ...]]}')


def _name(**kwargs):
    return Text(validate=validate.Length(min=1, max=64, error="网格名称须为 1 到 64 个字"), **kwargs)


def _code(**kwargs):
    return Text(validate=validate.Regexp(r"^[A-Za-z0-9_-]{1,32}$", error="网格编号为 1 到 32 位字母、数字、-、_"),
                **kwargs)


class GridListArgs(Schema):
    community_id = QueryId(metadata={"description": "only this community's grids"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500, error="每页 1 到 500 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000, error="偏移量不正确"))


class GridCreateSchema(Schema):
    community_id = Id(required=True)
    name = _name(required=True)
    code = _code(metadata={"description": "default: <community code>-<number>"})
    boundary = fields.Dict(allow_none=True, metadata={"description": BOUNDARY_HELP})


class GridUpdateSchema(Schema):
    name = _name()
    code = _code()
    boundary = fields.Dict(allow_none=True, metadata={"description": BOUNDARY_HELP + "; null clears it"})


class LocateArgs(Schema):
    latitude = fields.Float(required=True, validate=validate.Range(min=-90, max=90, error="纬度应在 -90 到 90 之间"))
    longitude = fields.Float(required=True,
                             validate=validate.Range(min=-180, max=180, error="经度应在 -180 到 180 之间"))
    community_id = QueryId(metadata={"description": "look only among this community's grids"})


class AppointSchema(Schema):
    user_id = Id(required=True)
    role = Text(required=True, validate=validate.OneOf((roles.GRID_LEADER, roles.GRID_WORKER),
                                                       error="角色须为 grid_leader（网格长）或 grid_worker（网格员）"))


class GridPersonSchema(Schema):
    grant_id = fields.Integer()
    user_id = fields.Integer()
    name = fields.String()
    role = fields.String(metadata={"description": "grid_leader | grid_worker"})
    role_label = fields.String()


class GridSchema(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    community_name = fields.String()
    name = fields.String()
    code = fields.String()
    boundary = fields.Dict(allow_none=True,
                           metadata={"description": "shown to the grid's people, its community's staff, the office"})
    leaders = fields.List(fields.Nested(GridPersonSchema))
    workers = fields.List(fields.Nested(GridPersonSchema))
    may_manage = fields.Boolean(metadata={"description": "the caller may redraw it and appoint its people"})


class GridPageSchema(Schema):
    items = fields.List(fields.Nested(GridSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
