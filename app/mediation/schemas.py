"""Request and response shapes of 钱塘阿姨 mediation (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models import CASE_STATUSES, DISPUTE_KINDS
from app.models.mediation import OUTCOMES, PARTY_SIDES
from app.paging import offset_field
from app.schemas import Id, QueryId, Schema, Text

PHONE = validate.Regexp(r"^[0-9+\- ]{5,20}$", error="联系电话不正确")


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


class SquadSetSchema(Schema):
    team_id = Id(required=True, metadata={"description": "a squad (中队) whose members are the mediators"})


class PartyInSchema(Schema):
    side = Text(load_default="applicant", validate=validate.OneOf(PARTY_SIDES, error="当事人身份不正确"),
                metadata={"description": "applicant | respondent | other"})
    name = _text(1, 32, "当事人姓名须为 1 到 32 个字", required=True)
    phone = Text(allow_none=True, validate=PHONE)
    address = _text(0, 128, "住址不能超过 128 个字", allow_none=True)


class CaseCreateSchema(Schema):
    community_id = Id(required=True)
    grid_id = Id(allow_none=True)
    kind = Text(required=True, validate=validate.OneOf(DISPUTE_KINDS, error="纠纷类别不正确"),
                metadata={"description": "neighbour 邻里纠纷 | family 家庭纠纷 | property 物业纠纷 | noise 噪音 | "
                                         "leak 漏水 | parking 停车 | other 其他"})
    summary = _text(0, 2000, "案情简介不能超过 2000 个字", allow_none=True)
    parties = fields.List(fields.Nested(PartyInSchema), required=True,
                          validate=validate.Length(min=2, max=10, error="请填写 2 到 10 位当事人"))


class CaseListArgs(Schema):
    status = Text(validate=validate.OneOf(CASE_STATUSES, error="状态不正确"))
    community_id = QueryId()
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = offset_field()


class AssignSchema(Schema):
    user_id = Id(required=True, metadata={"description": "a current member of the community's mediation squad"})


class SessionCreateSchema(Schema):
    held_at = LocalDateTime(allow_none=True, metadata={"description": "default: now"})
    place = _text(0, 128, "地点不能超过 128 个字", allow_none=True)
    notes = _text(2, 4000, "请填写 2 到 4000 字的调解记录", required=True)


class OutcomeSchema(Schema):
    outcome = Text(required=True, validate=validate.OneOf(OUTCOMES, error="调解结果不正确"),
                   metadata={"description": "settled | referred | not_settled"})
    terms = _text(0, 4000, "协议内容不能超过 4000 个字", allow_none=True,
                  metadata={"description": "settled: what the parties agreed (printed on the agreement)"})
    referred_to = _text(0, 64, "移交部门不能超过 64 个字", allow_none=True,
                        metadata={"description": "referred: e.g. 人民调解委员会, 派出所, 法院"})
    note = _text(0, 1000, "说明不能超过 1000 个字", allow_none=True)


class FollowUpCreateSchema(Schema):
    visited_at = LocalDateTime(allow_none=True, metadata={"description": "default: now"})
    notes = _text(2, 2000, "请填写 2 到 2000 字的回访记录", required=True)


class StatsArgs(Schema):
    community_id = QueryId(required=True)
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100, error="年份不正确"))


# -- answers ----------------------------------------------------------------------

class MediationNamedSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class MediatorSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class SquadSchema(Schema):
    community = fields.Nested(MediationNamedSchema)
    team = fields.Nested(MediationNamedSchema)
    mediators = fields.List(fields.Nested(MediatorSchema))


class CaseBriefSchema(Schema):
    id = fields.Integer()
    number = fields.String(metadata={"description": "钱塘阿姨调〔year〕id号"})
    community = fields.Nested(MediationNamedSchema)
    grid = fields.Nested(MediationNamedSchema, allow_none=True)
    kind = fields.String()
    kind_label = fields.String()
    status = fields.String(metadata={"description": "open | in_mediation | settled | referred | not_settled | closed"})
    status_label = fields.String()
    outcome = fields.String(allow_none=True)
    outcome_label = fields.String(allow_none=True)
    party_names = fields.List(fields.String())
    mediators = fields.List(fields.Nested(MediationNamedSchema), metadata={"description": "a closed account: 已注销"})
    created_at = LocalDateTime()
    closed_at = LocalDateTime(allow_none=True)


class CasePageSchema(Schema):
    items = fields.List(fields.Nested(CaseBriefSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class PartySchema(Schema):
    id = fields.Integer()
    side = fields.String()
    side_label = fields.String()
    name = fields.String()
    phone = fields.String(allow_none=True)
    address = fields.String(allow_none=True)


class FollowUpSchema(Schema):
    id = fields.Integer()
    visited_at = LocalDateTime()
    notes = fields.String()
    logged_by = fields.Nested(MediationNamedSchema, allow_none=True)


class CaseSchema(CaseBriefSchema):
    summary = fields.String(allow_none=True)
    parties = fields.List(fields.Nested(PartySchema))
    opened_by = fields.Nested(MediationNamedSchema, allow_none=True)
    outcome_at = LocalDateTime(allow_none=True)
    agreement_terms = fields.String(allow_none=True)
    referred_to = fields.String(allow_none=True)
    outcome_note = fields.String(allow_none=True)
    follow_ups = fields.List(fields.Nested(FollowUpSchema))
    can_manage = fields.Boolean(metadata={"description": "the lead: assign, close"})
    can_work = fields.Boolean(metadata={"description": "log sessions, the outcome, follow-ups"})


class SessionSchema(Schema):
    id = fields.Integer()
    held_at = LocalDateTime()
    place = fields.String(allow_none=True)
    notes = fields.String()
    logged_by = fields.Nested(MediationNamedSchema, allow_none=True)


class MediationCountSchema(Schema):
    kind = fields.String()
    outcome = fields.String()
    status = fields.String()
    label = fields.String()
    count = fields.Integer()


class StatsSchema(Schema):
    community_id = fields.Integer()
    year = fields.Integer()
    total = fields.Integer()
    by_kind = fields.List(fields.Nested(MediationCountSchema))
    by_outcome = fields.List(fields.Nested(MediationCountSchema))
    by_status = fields.List(fields.Nested(MediationCountSchema))
