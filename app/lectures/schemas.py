"""Request and response shapes of 聚沙讲堂 (the OpenAPI document comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models import MATERIAL_KINDS, ORDER_STATUSES
from app.schemas import Id, QueryId, Schema, Text, Url

MAX_OFFSET = 1_000_000


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


class PageArgs(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量不正确"))


def _page_of(item_schema, name):
    return type(name, (Schema,), {"items": fields.List(fields.Nested(item_schema)), "total": fields.Integer(),
                                  "limit": fields.Integer(), "offset": fields.Integer()})


# --- lecturers (宣讲团) -----------------------------------------------------------------------------------

class LecturerCreateSchema(Schema):
    name = _text(1, 32, "姓名需为 1 到 32 个字", required=True)
    title = _text(0, 64, "职称或身份不能超过 64 个字", allow_none=True,
                  metadata={"description": "职称或身份, e.g. 马克思主义学院教授, 老党员"})
    bio = _text(0, 2000, "简介不能超过 2000 个字", allow_none=True)
    topics = fields.List(_text(1, 32, "每个专题不能超过 32 个字"), load_default=list,
                         validate=validate.Length(max=10, error="最多 10 个专题"))
    member_unit_id = Id(allow_none=True, metadata={"description": "the member unit the lecturer belongs to"})
    user_id = Id(allow_none=True, metadata={"description": "the lecturer's own account, if any"})


class LecturerPatchSchema(LecturerCreateSchema):
    class Meta:
        partial = True

    name = _text(1, 32, "姓名需为 1 到 32 个字")
    topics = fields.List(_text(1, 32, "每个专题不能超过 32 个字"), validate=validate.Length(max=10, error="最多 10 个专题"))
    active = fields.Boolean()


class LecturerListArgs(PageArgs):
    q = _text(1, 32, "搜索词不能超过 32 个字", metadata={"description": "part of the name"})
    member_unit_id = QueryId()
    include_inactive = fields.Boolean(load_default=False, metadata={"description": "the office: stopped ones too"})


class LecturerSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    title = fields.String(allow_none=True)
    bio = fields.String(allow_none=True)
    topics = fields.List(fields.String())
    member_unit_id = fields.Integer(allow_none=True)
    member_unit_name = fields.String(allow_none=True)
    user_id = fields.Integer(allow_none=True, metadata={"description": "shown to the office only"})
    active = fields.Boolean()


LecturerPageSchema = _page_of(LecturerSchema, "LecturerPageSchema")


# --- courses and materials ---------------------------------------------------------------------------------

class CourseCreateSchema(Schema):
    title = _text(2, 64, "课程名称需为 2 到 64 个字", required=True)
    topic = _text(1, 32, "专题需为 1 到 32 个字", required=True, metadata={"description": "e.g. 党史, 理论学习"})
    summary = _text(0, 2000, "简介不能超过 2000 个字", allow_none=True)
    duration_minutes = fields.Integer(required=True, validate=validate.Range(
        min=10, max=480, error="时长应在 10 到 480 分钟之间"))
    lecturer_id = Id(allow_none=True, metadata={"description": "the lecturer who usually gives it"})


class CoursePatchSchema(CourseCreateSchema):
    class Meta:
        partial = True

    title = _text(2, 64, "课程名称需为 2 到 64 个字")
    topic = _text(1, 32, "专题需为 1 到 32 个字")
    duration_minutes = fields.Integer(validate=validate.Range(min=10, max=480, error="时长应在 10 到 480 分钟之间"))
    active = fields.Boolean()


class CourseListArgs(PageArgs):
    q = _text(1, 32, "搜索词不能超过 32 个字", metadata={"description": "part of the title"})
    topic = _text(1, 32, "专题不能超过 32 个字")
    lecturer_id = QueryId()
    include_inactive = fields.Boolean(load_default=False, metadata={"description": "the office: stopped ones too"})


class MaterialCreateSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(MATERIAL_KINDS, error="材料类型须为 text、audio、video 或 attachment"),
                metadata={"description": "text 图文 | audio 音频 | video 视频 | attachment 附件 (images)"})
    title = _text(1, 64, "材料标题需为 1 到 64 个字", required=True)
    body = _text(0, 50000, "正文不能超过 50000 个字", allow_none=True, metadata={"description": "text: the text itself"})
    url = Url(allow_none=True, schemes={"https"}, require_tld=True,
              validate=validate.Length(max=512, error="链接不能超过 512 个字符"),
              metadata={"description": "audio / video: an https link"})
    photo_ids = fields.List(Id(), validate=validate.Length(max=9, error="最多 9 张图片"),
                            metadata={"description": "attachment: uploads with purpose course_material (images)"})
    length_seconds = fields.Integer(allow_none=True, validate=validate.Range(
        min=30, max=6 * 3600, error="时长应在 30 秒到 6 小时之间"),
        metadata={"description": "how long it takes; required for audio and video; text: 300 字 a minute"})
    position = fields.Integer(validate=validate.Range(min=0, max=1000, error="排序应在 0 到 1000 之间"))


class MaterialPatchSchema(MaterialCreateSchema):
    class Meta:
        partial = True
        exclude = ("kind",)

    title = _text(1, 64, "材料标题需为 1 到 64 个字")
    active = fields.Boolean()


class MyProgressSchema(Schema):
    counted_seconds = fields.Integer()
    completed = fields.Boolean()
    completed_at = LocalDateTime(allow_none=True)


class MaterialSchema(Schema):
    id = fields.Integer()
    course_id = fields.Integer()
    kind = fields.String()
    kind_label = fields.String()
    title = fields.String()
    body = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    photos = fields.List(fields.Dict(), metadata={"description": "[{id, url, width, height}]"})
    length_seconds = fields.Integer()
    floor_seconds = fields.Integer(metadata={"description": "counted time that completes it"})
    position = fields.Integer()
    active = fields.Boolean()
    my_progress = fields.Nested(MyProgressSchema, allow_none=True)


class CourseSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    topic = fields.String()
    summary = fields.String(allow_none=True)
    duration_minutes = fields.Integer()
    lecturer = fields.Nested(LecturerSchema, allow_none=True)
    active = fields.Boolean()
    material_count = fields.Integer()


class CourseDetailSchema(CourseSchema):
    materials = fields.List(fields.Nested(MaterialSchema))
    can_manage = fields.Boolean()


class CoursePageSchema(_page_of(CourseSchema, "CoursePageBase")):
    topics = fields.List(fields.String(), metadata={"description": "every topic in use, for the filter"})


# --- course orders (点课 / 送学) -------------------------------------------------------------------------------

class OrderCreateSchema(Schema):
    course_id = Id(required=True)
    community_id = Id(allow_none=True, metadata={"description": "ordering community (or member_unit_id)"})
    member_unit_id = Id(allow_none=True, metadata={"description": "ordering member unit (or community_id)"})
    starts_at = LocalDateTime(required=True)
    ends_at = LocalDateTime(allow_none=True, metadata={"description": "default: start + the course's length"})
    place = _text(2, 128, "地点需为 2 到 128 个字", required=True,
                  metadata={"description": "where; 送学上门 is a place, e.g. 七格社区居家养老服务中心"})
    audience = _text(0, 128, "听课对象不能超过 128 个字", allow_none=True,
                     metadata={"description": "e.g. 社区老年党员（送学上门）, 下沙中学学生"})
    expected_size = fields.Integer(required=True, validate=validate.Range(min=1, max=5000, error="预计人数应在 1 到 5000 之间"))
    note = _text(0, 500, "备注不能超过 500 个字", allow_none=True)
    invited_unit_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=50, error="最多邀请 50 个单位"),
                                   metadata={"description": "member units invited to the shared lecture"})


class OrderConfirmSchema(Schema):
    lecturer_id = Id(required=True)
    invited_unit_ids = fields.List(Id(), validate=validate.Length(max=50, error="最多邀请 50 个单位"),
                                   metadata={"description": "replaces the orderer's list when given"})
    capacity = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=5000, error="名额应在 1 到 5000 之间"))
    registration_required = fields.Boolean(load_default=False)


class OrderReasonSchema(Schema):
    reason = _text(2, 200, "原因需为 2 到 200 个字", required=True)


class OrderListArgs(PageArgs):
    status = Text(validate=validate.OneOf(ORDER_STATUSES, error="状态不正确"))
    course_id = QueryId()
    lecturer_id = QueryId()


class UnitBriefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class OrderSchema(Schema):
    id = fields.Integer()
    course_id = fields.Integer()
    course_title = fields.String()
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)
    orderer_name = fields.String(metadata={"description": "the ordering community or unit"})
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    place = fields.String()
    audience = fields.String(allow_none=True)
    expected_size = fields.Integer()
    note = fields.String(allow_none=True)
    status = fields.String()
    status_label = fields.String()
    reason = fields.String(allow_none=True)
    lecturer = fields.Nested(LecturerSchema, allow_none=True)
    invited_units = fields.List(fields.Nested(UnitBriefSchema))
    event_id = fields.Integer(allow_none=True, metadata={"description": "the shared lecture (共享党课) event"})
    checked_in_count = fields.Integer(allow_none=True)
    decided_at = LocalDateTime(allow_none=True)
    created_at = LocalDateTime()
    can_decide = fields.Boolean()
    can_cancel = fields.Boolean()


OrderPageSchema = _page_of(OrderSchema, "OrderPageSchema")


# --- online learning -------------------------------------------------------------------------------------------

class HeartbeatSchema(Schema):
    seq = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31 - 1, error="序号须为正整数"),
                         metadata={"description": "1, 2, 3 ... per session; a repeated one counts nothing"})


class LearningStateSchema(Schema):
    session_id = fields.Integer()
    material_id = fields.Integer()
    floor_seconds = fields.Integer()
    counted_seconds = fields.Integer(metadata={"description": "all counted time on this material"})
    session_seconds = fields.Integer()
    completed = fields.Boolean()
    completed_at = LocalDateTime(allow_none=True)
    credited_seconds = fields.Integer(metadata={"description": "what this beat added"})
    replay = fields.Boolean()
    just_completed = fields.Boolean(metadata={"description": "true on the one beat that completed it"})
    heartbeat_seconds = fields.Integer(metadata={"description": "how often the page should beat while visible"})
    cap_seconds = fields.Integer(metadata={"description": "the most one beat counts"})
