"""Request and response shapes of the needs area (OpenAPI comes from these)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import NEED_STATUSES, NEED_URGENCIES, RESOURCE_KINDS
from app.models.needs import DUTY_STATUSES
from app.schemas import Id, QueryId, Schema, Text

MAX_PHOTOS = 9
MAX_OFFSET = 1_000_000


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


def _photo_ids():
    return fields.List(Id(), load_default=list, validate=validate.Length(max=MAX_PHOTOS, error="最多 9 张照片"),
                       metadata={"description": "ids of uploads (POST /api/v1/uploads)"})


class NeedCreateSchema(Schema):
    title = _text(2, 64, "标题需为 2 到 64 个字", required=True)
    description = _text(0, 2000, "描述不能超过 2000 个字", allow_none=True)
    kind = Text(required=True, validate=validate.OneOf(RESOURCE_KINDS, error="需求类别不正确"),
                metadata={"description": "venue | lecturer | volunteers | funds | professional | goods"})
    service = _text(0, 32, "服务项目不能超过 32 个字", allow_none=True,
                    metadata={"description": "the specific service, e.g. 家电维修, 义诊"})
    urgency = Text(load_default="normal", validate=validate.OneOf(NEED_URGENCIES, error="紧急程度不正确"))
    community_id = Id(metadata={"description": "default: the signed-in person's community"})
    place = _text(0, 255, "地点不能超过 255 个字", allow_none=True)
    latitude = fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90, error="纬度应在 -90 到 90 之间"),
                            metadata={"description": "GCJ-02, as wx.chooseLocation returns"})
    longitude = fields.Float(allow_none=True,
                             validate=validate.Range(min=-180, max=180, error="经度应在 -180 到 180 之间"))
    wanted_by = fields.Date(allow_none=True, metadata={"description": "希望完成日期"})
    photo_ids = _photo_ids()
    contact_name = _text(1, 32, "联系人不能超过 32 个字", allow_none=True,
                         metadata={"description": "default: the raiser's name"})
    contact_phone = Text(allow_none=True, validate=validate.Regexp(r"^[0-9+\- ]{5,20}$", error="联系电话不正确"),
                         metadata={"description": "default: the raiser's bound phone"})
    is_public = fields.Boolean(load_default=False,
                               metadata={"description": "listed to everyone (without personal details); units may claim it"})
    for_user_id = Id(allow_none=True, metadata={"description": "community staff: the resident it is raised for"})

    @validates_schema
    def _both_or_neither(self, data, **kwargs):
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError("经纬度须同时填写", field_name="latitude")


class NeedListArgs(Schema):
    scope = Text(load_default="visible", validate=validate.OneOf(("visible", "mine", "public", "community")),
                 metadata={"description": "visible: all I may see; mine: raised by me; public: public ones; "
                                          "community: my communities' (staff)"})
    status = Text(validate=validate.OneOf(NEED_STATUSES, error="状态不正确"))
    community_id = QueryId()
    kind = Text(validate=validate.OneOf(RESOURCE_KINDS, error="需求类别不正确"))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量不正确"))


class StepReasonSchema(Schema):
    reason = _text(2, 200, "请填写 2 到 200 字的原因", required=True)


class DispatchSchema(Schema):
    unit_ids = fields.List(Id(), required=True, validate=validate.Length(min=1, max=20, error="请选择 1 到 20 个单位"))
    accept_by = LocalDateTime(allow_none=True, metadata={"description": "answer before; default: in 2 days"})
    due_by = LocalDateTime(allow_none=True, metadata={"description": "done before; default: the wanted-by day, "
                                                                       "else in 7 days"})
    note = _text(0, 200, "说明不能超过 200 个字", allow_none=True)


class NeedClaimSchema(Schema):
    unit_id = Id(required=True, metadata={"description": "the unit I speak for that claims it"})
    note = _text(0, 200, "说明不能超过 200 个字", allow_none=True)


class StepNoteSchema(Schema):
    note = _text(0, 200, "说明不能超过 200 个字", allow_none=True)


class DutyProgressSchema(Schema):
    note = _text(2, 500, "请填写 2 到 500 字的进展说明", required=True)
    photo_ids = _photo_ids()


class DutyDoneSchema(Schema):
    note = _text(2, 1000, "请填写 2 到 1000 字的办结说明", required=True)
    photo_ids = _photo_ids()


class DutyRatingSchema(Schema):
    rating = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=5, error="评分须为 1 到 5 星"))
    comment = _text(0, 500, "评价不能超过 500 个字", allow_none=True)


class DutyListArgs(Schema):
    status = Text(validate=validate.OneOf(DUTY_STATUSES, error="状态不正确"))
    overdue = fields.Boolean(load_default=False, metadata={"description": "only duties past their deadline"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量不正确"))


# -- answers ------------------------------------------------------------------

class NeedNamedSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class NeedPhotoSchema(Schema):
    id = fields.Integer()
    url = fields.String(allow_none=True)
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)


class NeedBriefSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    service = fields.String(allow_none=True)
    urgency = fields.String()
    community = fields.Nested(NeedNamedSchema)
    status = fields.String()
    wanted_by = fields.Date(allow_none=True)


class DutySchema(Schema):
    id = fields.Integer()
    need_id = fields.Integer()
    unit = fields.Nested(NeedNamedSchema)
    status = fields.String(metadata={"description": "offered | claimed | accepted | done | closed | declined | withdrawn"})
    status_label = fields.String()
    accept_by = LocalDateTime(allow_none=True)
    due_by = LocalDateTime(allow_none=True)
    accepted_at = LocalDateTime(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    done_at = LocalDateTime(allow_none=True)
    done_note = fields.String(allow_none=True)
    evidence = fields.List(fields.Nested(NeedPhotoSchema))
    rating = fields.Integer(allow_none=True)
    rating_comment = fields.String(allow_none=True)
    rated_at = LocalDateTime(allow_none=True)
    closed_at = LocalDateTime(allow_none=True)
    overdue = fields.Boolean(metadata={"description": "an answer or the work past its deadline"})
    escalation_level = fields.Integer(metadata={"description": "0 unit, 1 community, 2 office: who was last reminded"})
    reopen_until = LocalDateTime(allow_none=True)
    need = fields.Nested(NeedBriefSchema, metadata={"description": "in a unit's 履职清单"})


class NeedSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String(allow_none=True)
    kind = fields.String()
    service = fields.String(allow_none=True)
    urgency = fields.String()
    community = fields.Nested(NeedNamedSchema)
    wanted_by = fields.Date(allow_none=True)
    source = fields.String()
    is_public = fields.Boolean()
    status = fields.String(metadata={"description": "open | claimed | dispatched | in_progress | done | closed | cancelled"})
    status_label = fields.String()
    created_at = LocalDateTime()
    closed_at = LocalDateTime(allow_none=True)
    full = fields.Boolean(metadata={"description": "personal details included (false: a public need seen by others)"})
    mine = fields.Boolean()
    can_manage = fields.Boolean(metadata={"description": "community staff: may dispatch and confirm claims"})
    can_rate = fields.Boolean(metadata={"description": "may rate and reopen its done duties"})
    source_ref = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    raised_by = fields.Nested(NeedNamedSchema, allow_none=True)
    photos = fields.List(fields.Nested(NeedPhotoSchema))
    duties = fields.List(fields.Nested(DutySchema))


class NeedPageSchema(Schema):
    items = fields.List(fields.Nested(NeedSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class DutyPageSchema(Schema):
    items = fields.List(fields.Nested(DutySchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class NeedStepSchema(Schema):
    id = fields.Integer()
    action = fields.String()
    action_label = fields.String()
    duty_id = fields.Integer(allow_none=True)
    unit = fields.Nested(NeedNamedSchema, allow_none=True)
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    actor = fields.Nested(NeedNamedSchema, allow_none=True)
    photos = fields.List(fields.Nested(NeedPhotoSchema))
    at = LocalDateTime()


class SuggestionPartsSchema(Schema):
    match = fields.Float()
    distance = fields.Float()
    load = fields.Float()
    rating = fields.Float()


class DispatchSuggestionSchema(Schema):
    unit = fields.Nested(NeedNamedSchema)
    score = fields.Float(metadata={"description": "out of 100: the sum of parts"})
    parts = fields.Nested(SuggestionPartsSchema)
    distance_km = fields.Float(allow_none=True)
    open_duties = fields.Integer()
    average_rating = fields.Float(allow_none=True)
    reasons = fields.List(fields.String(), metadata={"description": "why, in Chinese"})
    resource_ids = fields.List(fields.Integer())


class SuggestionArgs(Schema):
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50, error="数量应在 1 到 50 之间"))
