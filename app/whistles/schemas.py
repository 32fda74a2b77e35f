"""Request and response shapes of whistles and roundtables (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models import NEED_URGENCIES, RESOURCE_KINDS, ROUNDTABLE_STATUSES, WHISTLE_STATUSES
from app.schemas import Id, QueryId, Schema, Text

MAX_PHOTOS = 9
MAX_PEOPLE = 500
LATITUDE = validate.Range(min=-90, max=90, error="纬度应在 -90 到 90 之间")
LONGITUDE = validate.Range(min=-180, max=180, error="经度应在 -180 到 180 之间")
GCJ02 = {"description": "GCJ-02 (WeChat's map datum), as wx.chooseLocation returns"}


def _text(max_length, **kwargs):
    return Text(validate=validate.Length(max=max_length, error=f"不能超过 {max_length} 个字"), **kwargs)


def _title(max_length=40, **kwargs):
    return Text(validate=validate.Length(min=1, max=max_length, error=f"标题需为 1 到 {max_length} 个字"), **kwargs)


class WhistleNamedSchema(Schema):
    id = fields.Integer()
    name = fields.String()


# -- whistles ---------------------------------------------------------------------------------------

class WhistleCreateSchema(Schema):
    community_id = Id(required=True, metadata={"description": "the community blowing the whistle"})
    title = _title(required=True, metadata={"description": "what is needed, e.g. 暴雨后积水清理"})
    description = _text(2000, allow_none=True)
    place = Text(required=True, validate=validate.Length(min=1, max=255, error="请填写地点（255 字以内）"))
    latitude = fields.Float(allow_none=True, validate=LATITUDE, metadata=GCJ02)
    longitude = fields.Float(allow_none=True, validate=LONGITUDE, metadata=GCJ02)
    needed_by = LocalDateTime(required=True, metadata={"description": "1 to 72 hours from now"})
    to_all_units = fields.Boolean(load_default=False, metadata={"description": "every active unit of the alliance"})
    unit_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=200, error="最多选择 200 个单位"),
                           metadata={"description": "the chosen units (when not to_all_units)"})
    photo_ids = fields.List(Id(), load_default=list,
                            validate=validate.Length(max=MAX_PHOTOS, error=f"最多 {MAX_PHOTOS} 张照片"))


class _PageArgs(Schema):
    community_id = QueryId()
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class WhistleListArgs(_PageArgs):
    status = Text(validate=validate.OneOf(WHISTLE_STATUSES, error="状态不正确"))


class WhistleReportCreateSchema(Schema):
    unit_id = Id(required=True, metadata={"description": "the unit reporting (one I am a contact of)"})
    people_count = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=MAX_PEOPLE, error=f"人数应在 1 到 {MAX_PEOPLE} 之间"))
    brings = _text(500, allow_none=True, metadata={"description": "what it brings: tools, goods, vehicles"})
    arrive_at = LocalDateTime(allow_none=True, metadata={"description": "when its people arrive"})


class WhistleReportSchema(Schema):
    id = fields.Integer()
    unit = fields.Nested(WhistleNamedSchema)
    people_count = fields.Integer()
    brings = fields.String(allow_none=True)
    arrive_at = LocalDateTime(allow_none=True)
    reported_at = LocalDateTime()
    response_minutes = fields.Integer(metadata={"description": "minutes from the whistle to the first report"})


class WhistleNeedSpecSchema(Schema):
    title = _title(64, required=True)
    kind = Text(required=True, validate=validate.OneOf(RESOURCE_KINDS, error="需求类别不正确"))
    description = _text(2000, allow_none=True)
    urgency = Text(validate=validate.OneOf(NEED_URGENCIES, error="紧急程度不正确"))
    wanted_by = fields.Date(allow_none=True)


class WhistleProjectSpecSchema(Schema):
    unit_id = Id(required=True, metadata={"description": "the unit that leads it (one of its five 自选 a year)"})
    title = _title(64, required=True)
    goals = _text(2000, allow_none=True)


class WhistleCloseSchema(Schema):
    summary = Text(required=True, validate=validate.Length(min=2, max=2000, error="请填写 2 到 2000 字的总结"))
    needs = fields.List(fields.Nested(WhistleNeedSpecSchema), load_default=list,
                        validate=validate.Length(max=10, error="一次最多转出 10 条需求"),
                        metadata={"description": "needs to raise from the summary (source 'whistle')"})
    project = fields.Nested(WhistleProjectSpecSchema, allow_none=True,
                            metadata={"description": "an optional (自选) project for one unit"})


class WhistleCancelSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=2, max=200, error="请填写 2 到 200 字的取消原因"))


class WhistleNeedRefSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    status = fields.String()


class WhistleSchema(Schema):
    id = fields.Integer()
    community = fields.Nested(WhistleNamedSchema)
    title = fields.String()
    description = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    needed_by = LocalDateTime()
    to_all_units = fields.Boolean()
    status = fields.String(metadata={"description": "open | closed | cancelled"})
    event_id = fields.Integer(allow_none=True, metadata={"description": "check in here (the rotating QR code)"})
    photo_ids = fields.List(fields.Integer())
    created_at = LocalDateTime()
    closed_at = LocalDateTime(allow_none=True)
    summary = fields.String(allow_none=True, metadata={"description": "closing summary, or why it was cancelled"})
    unit_count = fields.Integer()
    reported_count = fields.Integer()
    can_manage = fields.Boolean()
    my_unit_ids = fields.List(fields.Integer(), metadata={"description": "addressed units I may report for"})


class WhistleDetailSchema(WhistleSchema):
    units = fields.List(fields.Nested(WhistleNamedSchema))
    reports = fields.List(fields.Nested(WhistleReportSchema))
    needs = fields.List(fields.Nested(WhistleNeedRefSchema), metadata={"description": "needs raised from it"})


class WhistlePageSchema(Schema):
    items = fields.List(fields.Nested(WhistleSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class WhistleProjectRefSchema(Schema):
    id = fields.Integer()
    unit_id = fields.Integer()
    title = fields.String()
    year = fields.Integer()


class WhistleClosedSchema(WhistleDetailSchema):
    project = fields.Nested(WhistleProjectRefSchema, allow_none=True)


class RollCallUnitSchema(Schema):
    unit = fields.Nested(WhistleNamedSchema)
    reported = fields.Boolean()
    reported_at = LocalDateTime(allow_none=True)
    response_minutes = fields.Integer(allow_none=True)
    people_promised = fields.Integer()
    brings = fields.String(allow_none=True)
    arrive_at = LocalDateTime(allow_none=True)
    checked_in = fields.Integer(metadata={"description": "its people checked in at the whistle's event"})
    checked_out = fields.Integer()
    contacts = fields.Integer(metadata={"description": "people told (its contacts)"})


class RollCallTotalsSchema(Schema):
    units = fields.Integer()
    reported = fields.Integer()
    not_reported = fields.Integer()
    response_rate = fields.Float(metadata={"description": "reported / units, 0..1"})
    average_response_minutes = fields.Float(allow_none=True)
    people_promised = fields.Integer()
    checked_in = fields.Integer(metadata={"description": "everyone checked in at the event"})
    checked_in_for_units = fields.Integer(metadata={"description": "of them, people belonging to an addressed unit"})
    checked_out = fields.Integer()


class RollCallSchema(Schema):
    whistle_id = fields.Integer()
    status = fields.String()
    title = fields.String()
    needed_by = LocalDateTime()
    raised_at = LocalDateTime()
    event_id = fields.Integer(allow_none=True)
    as_of = LocalDateTime()
    totals = fields.Nested(RollCallTotalsSchema)
    units = fields.List(fields.Nested(RollCallUnitSchema), metadata={"description": "reported first, fastest first"})


# -- roundtables --------------------------------------------------------------------------------------

class RoundtableItemCreateSchema(Schema):
    title = _title(64, metadata={"description": "left out: the need's or whistle's title"})
    note = _text(2000, allow_none=True)
    need_id = Id(allow_none=True, metadata={"description": "an open need of the roundtable's community"})
    whistle_id = Id(allow_none=True, metadata={"description": "an open whistle of the roundtable's community"})


class RoundtableCreateSchema(Schema):
    title = _title(64, required=True)
    held_at = LocalDateTime(required=True, metadata={"description": "when it meets"})
    place = _text(255, allow_none=True)
    community_id = Id(allow_none=True, metadata={"description": "empty: a subdistrict roundtable (the office's)"})
    items = fields.List(fields.Nested(RoundtableItemCreateSchema), load_default=list,
                        validate=validate.Length(max=30, error="议程最多 30 项"))


class RoundtablePatchSchema(Schema):
    title = _title(64)
    held_at = LocalDateTime()
    place = _text(255, allow_none=True)
    minutes = _text(20000, allow_none=True, metadata={"description": "the minutes (会议纪要)"})


class RoundtableHeldSchema(Schema):
    minutes = _text(20000, allow_none=True)


class RoundtableResolutionCreateSchema(Schema):
    text = Text(required=True, validate=validate.Length(min=2, max=500, error="请填写 2 到 500 字的决议内容"))
    owner_unit_id = Id(allow_none=True)
    owner_user_id = Id(allow_none=True)
    due_on = fields.Date(allow_none=True)
    need = fields.Nested(WhistleNeedSpecSchema, allow_none=True,
                         metadata={"description": "raise a need from it (source 'roundtable')"})
    project_title = _title(64, allow_none=True,
                           metadata={"description": "make it an optional project of owner_unit_id"})


class RoundtableListArgs(_PageArgs):
    status = Text(validate=validate.OneOf(ROUNDTABLE_STATUSES, error="状态不正确"))


class RoundtableItemSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    title = fields.String()
    note = fields.String(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    whistle_id = fields.Integer(allow_none=True)


class RoundtableResolutionSchema(Schema):
    id = fields.Integer()
    text = fields.String()
    owner_unit = fields.Nested(WhistleNamedSchema, allow_none=True)
    owner_user = fields.Nested(WhistleNamedSchema, allow_none=True)
    due_on = fields.Date(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    project_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()


class RoundtableSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    community = fields.Nested(WhistleNamedSchema, allow_none=True)
    held_at = LocalDateTime()
    place = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "planned | held"})
    can_manage = fields.Boolean()


class RoundtableDetailSchema(RoundtableSchema):
    minutes = fields.String(allow_none=True)
    items = fields.List(fields.Nested(RoundtableItemSchema))
    resolutions = fields.List(fields.Nested(RoundtableResolutionSchema))


class RoundtablePageSchema(Schema):
    items = fields.List(fields.Nested(RoundtableSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class AgendaCandidateSchema(Schema):
    kind = fields.String(metadata={"description": "need | whistle"})
    id = fields.Integer()
    title = fields.String()
    community_id = fields.Integer()
    status = fields.String()
    created_at = LocalDateTime()
    on_agenda = fields.Boolean(metadata={"description": "already an item of this roundtable"})
