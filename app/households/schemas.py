"""Request and response shapes of 党员联户 (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models import AGE_BANDS, HOUSEHOLD_STATUSES, MEMBER_RELATIONS, NEED_URGENCIES, RESOURCE_KINDS, VISIT_KINDS
from app.reports.rules import CATEGORIES as REPORT_CATEGORIES
from app.schemas import Id, QueryId, Schema, Text

PHONE = validate.Regexp(r"^[0-9+\- ]{5,20}$", error="电话号码不正确")


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


class MemberInSchema(Schema):
    name = _text(1, 32, "姓名需为 1 到 32 个字", required=True)
    relation = Text(load_default="other", validate=validate.OneOf(MEMBER_RELATIONS, error="与户主关系不正确"),
                    metadata={"description": "head 户主 | spouse 配偶 | child 子女 | parent 父母 | grandchild 孙辈 | "
                                             "sibling 兄弟姐妹 | other 其他"})
    age_band = Text(allow_none=True, validate=validate.OneOf(AGE_BANDS, error="年龄段不正确"),
                    metadata={"description": "child <18 | youth 18-39 | adult 40-59 | senior 60-79 | elderly 80+"})
    phone = Text(allow_none=True, validate=PHONE)


def _members():
    return fields.List(fields.Nested(MemberInSchema), validate=validate.Length(max=20, error="每户最多 20 人"))


class HouseholdCreateSchema(Schema):
    grid_id = Id(required=True)
    address = _text(2, 255, "地址需为 2 到 255 个字", required=True)
    members = _members()
    notes = _text(0, 2000, "备注不能超过 2000 个字", allow_none=True)


class HouseholdUpdateSchema(Schema):
    grid_id = Id(metadata={"description": "another grid of the same community"})
    address = _text(2, 255, "地址需为 2 到 255 个字")
    members = _members()
    notes = _text(0, 2000, "备注不能超过 2000 个字", allow_none=True)
    status = Text(validate=validate.OneOf(HOUSEHOLD_STATUSES, error="状态不正确"),
                  metadata={"description": "archived: moved away (its pairing ends)"})


class HouseholdListArgs(Schema):
    grid_id = QueryId()
    community_id = QueryId()
    status = Text(load_default="active", validate=validate.OneOf(HOUSEHOLD_STATUSES, error="状态不正确"))
    paired = fields.Boolean(metadata={"description": "only paired (true) or unpaired (false) households"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000, error="偏移量不正确"))


class ExportArgs(Schema):
    grid_id = QueryId()
    community_id = QueryId()


class PersonRefSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class GridRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    community_id = fields.Integer()


class MemberSchema(Schema):
    name = fields.String(allow_none=True)
    relation = fields.String()
    relation_label = fields.String()
    age_band = fields.String(allow_none=True)
    age_band_label = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class PairingSchema(Schema):
    id = fields.Integer()
    party_member = fields.Nested(PersonRefSchema, allow_none=True)
    started_at = LocalDateTime()
    ended_at = LocalDateTime(allow_none=True)
    end_reason = fields.String(allow_none=True)


class HouseholdSchema(Schema):
    id = fields.Integer()
    grid = fields.Nested(GridRefSchema)
    community_id = fields.Integer()
    address = fields.String()
    status = fields.String()
    members = fields.List(fields.Nested(MemberSchema))
    head_name = fields.String(allow_none=True, metadata={"description": "the first member's name"})
    notes = fields.String(allow_none=True, metadata={"description": "detail only"})
    pairing = fields.Nested(PairingSchema, allow_none=True, metadata={"description": "the open pairing"})
    history = fields.List(fields.Nested(PairingSchema), metadata={"description": "detail only: every pairing"})
    last_contact_on = fields.Date(allow_none=True)
    overdue = fields.Boolean(metadata={"description": "paired and not contacted for HOUSEHOLD_CONTACT_DAYS"})
    can_edit = fields.Boolean()
    can_pair = fields.Boolean()
    can_log_visit = fields.Boolean()


class HouseholdPageSchema(Schema):
    items = fields.List(fields.Nested(HouseholdSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class PairSchema(Schema):
    party_member_id = Id(required=True, metadata={"description": "a person with a confirmed party membership"})
    replace = fields.Boolean(load_default=False,
                             metadata={"description": "end the household's current pairing (更换联户党员)"})


class UnpairSchema(Schema):
    reason = _text(0, 200, "原因不能超过 200 个字", allow_none=True)


class NeedFromVisitSchema(Schema):
    title = _text(2, 64, "需求标题需为 2 到 64 个字", required=True)
    kind = Text(required=True, validate=validate.OneOf(RESOURCE_KINDS, error="需求类别不正确"),
                metadata={"description": "venue | lecturer | volunteers | funds | professional | goods"})
    service = _text(0, 32, "服务项目不能超过 32 个字", allow_none=True)
    urgency = Text(load_default="normal", validate=validate.OneOf(NEED_URGENCIES, error="紧急程度不正确"))
    description = _text(0, 2000, "描述不能超过 2000 个字", allow_none=True)


class ReportFromVisitSchema(Schema):
    category = Text(required=True, validate=validate.OneOf(tuple(REPORT_CATEGORIES), error="请选择问题类别"),
                    metadata={"description": ", ".join(f"{k} {v}" for k, v in REPORT_CATEGORIES.items())})
    description = _text(2, 500, "问题描述需为 2 到 500 个字", required=True)


class VisitCreateSchema(Schema):
    visited_on = fields.Date(required=True)
    kind = Text(required=True, validate=validate.OneOf(VISIT_KINDS, error="联系方式须为走访、电话或微信"),
                metadata={"description": "visit 走访 | call 电话 | wechat 微信"})
    discussed = _text(2, 2000, "交流内容需为 2 到 2000 个字", required=True)
    needs_found = _text(0, 1000, "发现的需求不能超过 1000 个字", allow_none=True)
    need = fields.Nested(NeedFromVisitSchema, allow_none=True,
                         metadata={"description": "put the need found on the alliance's 需求清单"})
    report = fields.Nested(ReportFromVisitSchema, allow_none=True,
                           metadata={"description": "file the problem found as a 随手拍 work order of the grid"})


class VisitSchema(Schema):
    id = fields.Integer()
    household_id = fields.Integer()
    visited_on = fields.Date()
    kind = fields.String()
    kind_label = fields.String()
    discussed = fields.String()
    needs_found = fields.String(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    work_order_id = fields.Integer(allow_none=True)
    author = fields.Nested(PersonRefSchema, allow_none=True, metadata={"description": "null: account closed"})
    author_name = fields.String()
    created_at = LocalDateTime()


class VisitPageSchema(Schema):
    items = fields.List(fields.Nested(VisitSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class PageArgs(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000, error="偏移量不正确"))


class CoverageArgs(Schema):
    community_id = QueryId()


class CoverageRowSchema(Schema):
    community_id = fields.Integer()
    community = fields.String()
    grid_id = fields.Integer(allow_none=True)
    grid = fields.String(allow_none=True)
    households = fields.Integer()
    paired = fields.Integer()
    contacted = fields.Integer(metadata={"description": "paired and contacted within HOUSEHOLD_CONTACT_DAYS"})
    paired_rate = fields.Float()
    contacted_rate = fields.Float()
    party_members = fields.Integer()


class CoverageMonthSchema(Schema):
    community_id = fields.Integer()
    month = fields.String(metadata={"description": "YYYY-MM"})
    visits = fields.Integer()


class CoverageSchema(Schema):
    days = fields.Integer(metadata={"description": "HOUSEHOLD_CONTACT_DAYS"})
    as_of = fields.Date()
    communities = fields.List(fields.Nested(CoverageRowSchema))
    grids = fields.List(fields.Nested(CoverageRowSchema))
    months = fields.List(fields.Nested(CoverageMonthSchema))
