"""Request and response shapes of the patrols area (OpenAPI comes from these)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import PATROL_STATUSES
from app.patrols import rules, track
from app.schemas import Id, Opaque, QueryId, Schema, Text


def _latitude(**kwargs):
    return fields.Float(validate=validate.Range(min=-90, max=90, error="纬度应在 -90 到 90 之间"), **kwargs)


def _longitude(**kwargs):
    return fields.Float(validate=validate.Range(min=-180, max=180, error="经度应在 -180 到 180 之间"), **kwargs)




class PatrolTeamCreateSchema(Schema):
    team_id = Id(required=True, metadata={"description": "a volunteer squad (中队)"})
    community_id = Id(required=True)
    grid_id = Id(allow_none=True, metadata={"description": "the one grid it patrols, if not the whole community"})


class PatrolTeamListArgs(Schema):
    community_id = QueryId()


class CheckpointInSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=64, error="巡防点名称须为 1 到 64 个字"))
    latitude = _latitude(required=True)
    longitude = _longitude(required=True)
    radius_m = fields.Integer(load_default=rules.DEFAULT_RADIUS_M,
                              validate=validate.Range(min=10, max=500, error="打卡半径应在 10 到 500 米之间"))


class RouteCreateSchema(Schema):
    patrol_team_id = Id(required=True)
    name = Text(required=True, validate=validate.Length(min=1, max=64, error="路线名称须为 1 到 64 个字"))
    description = Text(allow_none=True, validate=validate.Length(max=500, error="说明不能超过 500 个字"))
    checkpoints = fields.List(fields.Nested(CheckpointInSchema), required=True,
                              validate=validate.Length(min=1, max=rules.MAX_CHECKPOINTS,
                                                       error=f"每条路线 1 到 {rules.MAX_CHECKPOINTS} 个巡防点"))


class RouteUpdateSchema(Schema):
    is_active = fields.Boolean(required=True, metadata={"description": "false: no new patrols on it"})


class RouteListArgs(Schema):
    patrol_team_id = QueryId()


class PosterArgs(Schema):
    format = Text(load_default="png", validate=validate.OneOf(("png", "pdf"), error="格式须为 png 或 pdf"))


class StartSchema(Schema):
    route_id = Id(required=True)


class PatrolListArgs(Schema):
    scope = Text(load_default="mine", validate=validate.OneOf(("mine", "overseen"), error="范围须为 mine 或 overseen"),
                 metadata={"description": "mine: my patrols; overseen: those of the teams I oversee (staff)"})
    status = Text(validate=validate.OneOf(PATROL_STATUSES, error="状态不正确"))
    patrol_team_id = QueryId()
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000, error="偏移量不正确"))


class PassSchema(Schema):
    code = Opaque(validate=validate.Length(min=1, max=512, error="二维码内容过长"),
                  metadata={"description": "the text wx.scanCode read from the checkpoint's poster"})
    checkpoint_id = Id(metadata={"description": "with latitude/longitude: pass by standing within its radius"})
    latitude = _latitude()
    longitude = _longitude()

    @validates_schema
    def _code_or_place(self, data, **kwargs):
        if data.get("code") is None and (data.get("checkpoint_id") is None or data.get("latitude") is None
                                         or data.get("longitude") is None):
            raise ValidationError("请扫描巡防点二维码，或提供巡防点和当前位置", field_name="code")


class TrackPointSchema(Schema):
    latitude = _latitude(required=True)
    longitude = _longitude(required=True)
    recorded_at = LocalDateTime(required=True, metadata={"description": "when the phone took the fix"})
    accuracy_m = fields.Float(allow_none=True, validate=validate.Range(min=0, max=100000, error="精度不正确"))


class TrackSchema(Schema):
    points = fields.List(fields.Nested(TrackPointSchema), required=True,
                         validate=validate.Length(min=1, max=track.MAX_POINTS_PER_BATCH,
                                                  error=f"每次上传 1 到 {track.MAX_POINTS_PER_BATCH} 个位置点"))


class EndSchema(Schema):
    note = Text(allow_none=True, validate=validate.Length(max=200, error="备注不能超过 200 个字"))


# -- answers -----------------------------------------------------------------------------------

class CheckpointSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    name = fields.String()
    latitude = fields.Float()
    longitude = fields.Float()
    radius_m = fields.Integer()


class RouteSchema(Schema):
    id = fields.Integer()
    patrol_team_id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)
    is_active = fields.Boolean()
    checkpoints = fields.List(fields.Nested(CheckpointSchema))


class PatrolTeamSchema(Schema):
    id = fields.Integer()
    team_id = fields.Integer()
    team_name = fields.String()
    community_id = fields.Integer()
    community_name = fields.String()
    grid_id = fields.Integer(allow_none=True)
    grid_name = fields.String(allow_none=True)
    is_member = fields.Boolean(metadata={"description": "the caller patrols with it"})
    may_manage = fields.Boolean()
    routes = fields.List(fields.Nested(RouteSchema))


class PassedSchema(Schema):
    checkpoint_id = fields.Integer()
    name = fields.String()
    position = fields.Integer()
    passed = fields.Boolean()
    passed_at = LocalDateTime(allow_none=True)
    method = fields.String(allow_none=True, metadata={"description": "code | location"})


class PatrolSchema(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    patroller_name = fields.String()
    patrol_team_id = fields.Integer()
    team_name = fields.String()
    route_id = fields.Integer()
    route_name = fields.String()
    community_id = fields.Integer()
    status = fields.String(metadata={"description": "open | ended | auto_closed"})
    status_label = fields.String()
    started_at = LocalDateTime()
    ended_at = LocalDateTime(allow_none=True)
    duration_minutes = fields.Integer()
    distance_m = fields.Float()
    track_points = fields.Integer()
    checkpoints_total = fields.Integer()
    checkpoints_passed = fields.Integer()
    checkpoints = fields.List(fields.Nested(PassedSchema))
    service_record_id = fields.Integer(allow_none=True)
    service_minutes = fields.Integer(allow_none=True, metadata={"description": "credited (rounded) minutes"})
    service_status = fields.String(allow_none=True)
    report_page = fields.String(metadata={"description": "the mini-program page to report a problem found on it"})


class PatrolPageSchema(Schema):
    items = fields.List(fields.Nested(PatrolSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class PassResultSchema(Schema):
    newly_passed = fields.Boolean(metadata={"description": "false: it had been passed already"})
    patrol = fields.Nested(PatrolSchema)


class TrackResultSchema(Schema):
    accepted = fields.Integer(metadata={"description": "points kept (later than any before)"})
    counted = fields.Integer(metadata={"description": "of them, points that count toward the distance"})
    distance_m = fields.Float()
    track_points = fields.Integer()


class TrackPointOutSchema(Schema):
    latitude = fields.Float()
    longitude = fields.Float()
    recorded_at = LocalDateTime()
    counted = fields.Boolean()
