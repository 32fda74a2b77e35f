"""Request and response shapes of the party area (OpenAPI comes from these)."""
from datetime import date

from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import BRANCH_KINDS, MEMBERSHIP_STATUSES, REPORT_STATUSES
from app.schemas import Id, QueryId, Schema, Text

MAX_OFFSET = 1_000_000
# The Communist Party of China was founded on 1921-07-01: no one joined before.
FOUNDED = date(1921, 7, 1)
KIND_LABELS = {"community": "社区党组织", "unit": "单位党组织", "other": "其他党组织"}
STATUS_LABELS = {"pending": "待确认", "confirmed": "已确认", "rejected": "未通过", "left": "已转出"}
REPORT_LABELS = {"active": "已报到", "ended": "已结束"}


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


class PartyPageArgs(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(
        min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"))


class PartyYearArgs(Schema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100, error="年份须在 2000 到 2100 之间"),
                          metadata={"description": "default: this year (Beijing time)"})


class PartyNamed(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


# -- branches -------------------------------------------------------------------------------------

class PartyBranchFieldsSchema(Schema):
    name = _text(2, 128, "党组织名称须为 2 到 128 个字")
    kind = Text(validate=validate.OneOf(BRANCH_KINDS, error="党组织类型须为 community、unit 或 other"),
                metadata={"description": "community 社区党组织 | unit 单位党组织 | other"})
    community_id = Id(allow_none=True, metadata={"description": "the community it belongs to (kind community)"})
    member_unit_id = Id(allow_none=True, metadata={"description": "the member unit it belongs to (kind unit)"})


class PartyBranchCreateSchema(PartyBranchFieldsSchema):
    name = _text(2, 128, "党组织名称须为 2 到 128 个字", required=True)
    kind = Text(required=True, validate=validate.OneOf(BRANCH_KINDS, error="党组织类型须为 community、unit 或 other"),
                metadata={"description": "community 社区党组织 | unit 单位党组织 | other"})


class PartyBranchListArgs(PartyPageArgs):
    kind = Text(validate=validate.OneOf(BRANCH_KINDS, error="党组织类型须为 community、unit 或 other"))
    community_id = QueryId()
    member_unit_id = QueryId()
    q = _text(1, 64, "搜索词不能超过 64 个字", metadata={"description": "part of the branch's name"})
    organised = fields.Boolean(load_default=False,
                               metadata={"description": "only the branches I organise (all for the office)"})


class PartyBranchSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    community = fields.Nested(PartyNamed, allow_none=True)
    member_unit = fields.Nested(PartyNamed, allow_none=True)
    can_review = fields.Boolean(metadata={"description": "I organise it: its members and their records are mine to see"})
    member_count = fields.Integer(allow_none=True, metadata={"description": "confirmed members; organisers only"})
    pending_count = fields.Integer(allow_none=True, metadata={"description": "declarations to review; organisers only"})


class PartyBranchPageSchema(Schema):
    items = fields.List(fields.Nested(PartyBranchSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


# -- memberships ----------------------------------------------------------------------------------

class PartyDeclareSchema(Schema):
    branch_id = Id(required=True, metadata={"description": "the branch (党组织) I belong to"})
    joined_on = fields.Date(allow_none=True, metadata={"description": "入党日期"})
    in_service = fields.Boolean(required=True, metadata={"description": "在职党员: works in a member unit"})
    work_unit_id = Id(allow_none=True, metadata={"description": "the member unit I work in; required when in_service"})

    @validates_schema
    def _dates_and_unit(self, data, **kwargs):
        joined = data.get("joined_on")
        if joined is not None and not FOUNDED <= joined <= date.today():
            raise ValidationError("入党日期须在 1921 年 7 月 1 日之后、不晚于今天", field_name="joined_on")
        if data.get("in_service") and data.get("work_unit_id") is None:
            raise ValidationError("在职党员请选择工作单位", field_name="work_unit_id")


class PartyReasonSchema(Schema):
    reason = _text(2, 200, "请填写 2 到 200 字的原因", required=True)


class PartyMemberListArgs(PartyPageArgs):
    status = Text(validate=validate.OneOf(MEMBERSHIP_STATUSES, error="状态须为 pending、confirmed、rejected 或 left"))
    in_service = fields.Boolean(metadata={"description": "only 在职党员 (true) or only the others (false)"})
    work_unit_id = QueryId()
    q = _text(1, 32, "搜索词不能超过 32 个字", metadata={"description": "part of the member's name"})
    sort = Text(load_default="declared", validate=validate.OneOf(("declared", "joined_on", "name"),
                                                                 error="排序字段须为 declared、joined_on 或 name"))
    order = Text(load_default="desc", validate=validate.OneOf(("asc", "desc"), error="排序方向须为 asc 或 desc"))


class PartyMembershipSchema(Schema):
    id = fields.Integer()
    user = fields.Nested(PartyNamed)
    branch = fields.Nested(PartyNamed)
    joined_on = fields.Date(allow_none=True)
    in_service = fields.Boolean()
    work_unit = fields.Nested(PartyNamed, allow_none=True)
    status = fields.String(metadata={"description": "pending | confirmed | rejected | left"})
    status_label = fields.String()
    review_reason = fields.String(allow_none=True)
    reviewed_at = LocalDateTime(allow_none=True)
    declared_at = LocalDateTime()
    updated_at = LocalDateTime()


class PartyMemberPageSchema(Schema):
    items = fields.List(fields.Nested(PartyMembershipSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


# -- 报到 ------------------------------------------------------------------------------------------

class PartyPostFieldsSchema(Schema):
    name = _text(2, 32, "岗位名称须为 2 到 32 个字")
    description = _text(0, 200, "岗位说明不能超过 200 个字", allow_none=True)
    capacity = fields.Integer(strict=True, allow_none=True, validate=validate.Range(
        min=1, max=1000, error="岗位人数须为 1 到 1000"), metadata={"description": "members wanted; null: any number"})
    active = fields.Boolean(metadata={"description": "false retires the post (kept on reports that chose it)"})


class PartyPostCreateSchema(PartyPostFieldsSchema):
    name = _text(2, 32, "岗位名称须为 2 到 32 个字", required=True)


class PartyPostListArgs(Schema):
    include_retired = fields.Boolean(load_default=False, metadata={"description": "staff: retired posts too"})


class PartyPostSchema(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)
    capacity = fields.Integer(allow_none=True)
    taken = fields.Integer(metadata={"description": "members now reported on this post"})
    active = fields.Boolean()


class PartyReportInSchema(Schema):
    community_id = Id(metadata={"description": "default and only choice: the community I live in"})
    post_ids = fields.List(Id(), required=True,
                           validate=validate.Length(min=1, max=5, error="请选择 1 到 5 个服务岗位"))
    note = _text(0, 200, "说明不能超过 200 个字", allow_none=True,
                 metadata={"description": "what I can offer, in my own words"})


class PartyActivitySchema(Schema):
    events_attended = fields.Integer(metadata={"description": "check-ins at the community's events in the year"})
    hours = fields.Float(metadata={"description": "approved service hours at the community's events in the year"})
    duties = fields.List(fields.Nested(type("PartyDutyBrief", (Schema,), {
        "id": fields.Integer(), "need_title": fields.String(), "status": fields.String(),
        "status_label": fields.String(), "unit_name": fields.String()})),
        metadata={"description": "duties my work unit took on for the community's needs (履职清单)"})


class PartyReportSchema(Schema):
    id = fields.Integer()
    community = fields.Nested(PartyNamed)
    status = fields.String(metadata={"description": "active | ended"})
    status_label = fields.String()
    posts = fields.List(fields.Nested(PartyNamed))
    note = fields.String(allow_none=True)
    reported_at = LocalDateTime()
    ended_at = LocalDateTime(allow_none=True)


class PartyCommunityReportSchema(PartyReportSchema):
    member = fields.Nested(PartyNamed)
    branch = fields.Nested(PartyNamed, allow_none=True)
    work_unit = fields.Nested(PartyNamed, allow_none=True)
    activity = fields.Nested(PartyActivitySchema)


class PartyCommunityReportArgs(PartyPageArgs, PartyYearArgs):
    status = Text(load_default="active", validate=validate.OneOf(REPORT_STATUSES + ("all",),
                                                                 error="状态须为 active、ended 或 all"))
    post_id = QueryId(metadata={"description": "only members on this post"})


class PartyCommunityReportPageSchema(Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(PartyCommunityReportSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class MyPartySchema(Schema):
    membership = fields.Nested(PartyMembershipSchema, allow_none=True, metadata={"description": "null: not declared"})
    report = fields.Nested(PartyReportSchema, allow_none=True, metadata={"description": "my active 报到, if any"})
    can_report = fields.Boolean(metadata={"description": "a confirmed 在职党员 with a home community"})


# -- learning records -----------------------------------------------------------------------------

class PartyLectureSchema(Schema):
    event_id = fields.Integer()
    title = fields.String()
    kind = fields.String(metadata={"description": "lecture | party_day"})
    starts_at = LocalDateTime()
    checked_in_at = LocalDateTime()


class PartyHoursByYearSchema(Schema):
    year = fields.Integer()
    hours = fields.Float()


class LearningRecordSchema(Schema):
    year = fields.Integer()
    user = fields.Nested(PartyNamed)
    membership = fields.Nested(PartyMembershipSchema, allow_none=True)
    lectures = fields.List(fields.Nested(PartyLectureSchema), metadata={"description": "lectures and party days attended"})
    lecture_count = fields.Integer()
    hours = fields.Float(metadata={"description": "approved volunteer service hours in the year"})
    hours_by_year = fields.List(fields.Nested(PartyHoursByYearSchema))
    sections = fields.Dict(keys=fields.String(), metadata={
        "description": "what other areas add (app/contributions.py learning_record): e.g. online (lectures "
                       "area), contests (quiz area); each ideally {title, summary, items}"})


class PartyBranchLearningArgs(PartyPageArgs, PartyYearArgs):
    format = Text(load_default="json", validate=validate.OneOf(("json", "xlsx"), error="格式须为 json 或 xlsx"))


class PartyBranchLearningRowSchema(Schema):
    member = fields.Nested(PartyNamed)
    in_service = fields.Boolean()
    work_unit = fields.Nested(PartyNamed, allow_none=True)
    lecture_count = fields.Integer()
    hours = fields.Float()
    sections = fields.Dict(keys=fields.String(), metadata={"description": "each section's summary line"})


class PartyBranchLearningSchema(Schema):
    year = fields.Integer()
    branch = fields.Nested(PartyNamed)
    section_titles = fields.Dict(keys=fields.String(), values=fields.String())
    items = fields.List(fields.Nested(PartyBranchLearningRowSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
