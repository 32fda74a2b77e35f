"""Request and response shapes of /api/v1/hall (the offline contest)."""
from marshmallow import fields, validate, validates_schema

from app.errors import invalid
from app.localtime import LocalDateTime
from app.models import CONTEST_STATUSES, ENTRY_OUTCOMES, ROUND_KINDS
from app.schemas import Id, QueryId, Schema, Text

MAX_TEAMS = 30
MAX_ROUNDS = 10
MAX_MEMBERS = 12


def _name(length, **kwargs):
    return Text(validate=validate.Length(min=1, max=length), **kwargs)


def _points(low, high, **kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=low, max=high), **kwargs)


class HallRoundCreateSchema(Schema):
    name = _name(32, metadata={"description": "shown on the board; default 第一轮 必答题 ..."})
    kind = Text(required=True, validate=validate.OneOf(ROUND_KINDS, error="题型须为必答题、抢答题或风险题"),
                metadata={"description": "required (必答), buzz (抢答), risk (风险题)"})
    points_correct = _points(1, 100, metadata={"description": "points for a correct answer (default 10)"})
    penalty_wrong = _points(0, 100, metadata={"description": "buzz rounds: points lost for a wrong answer "
                                                            "(default 10; other kinds 0)"})
    risk_tiers = fields.List(_points(1, 100), validate=validate.Length(min=1, max=5),
                             metadata={"description": "risk rounds: the tiers a team picks (default 10/20/30)"})
    question_count = _points(1, 100, metadata={"description": "questions per team (必答) or in all (default 10)"})


class HallTeamCreateSchema(Schema):
    name = _name(64, required=True)
    community_id = Id(allow_none=True, metadata={"description": "the community it represents (or a unit)"})
    member_unit_id = Id(allow_none=True, metadata={"description": "the member unit it represents (or a community)"})
    members = fields.List(_name(32), validate=validate.Length(max=MAX_MEMBERS), load_default=list,
                          metadata={"description": "the players' names, as announced"})


class HallJudgeAppointSchema(Schema):
    user_id = Id(required=True)
    head = fields.Boolean(load_default=False, metadata={"description": "the head judge (裁判长) corrects entries"})


class HallContestCreateSchema(Schema):
    title = _name(64, required=True)
    held_on = fields.Date(required=True)
    place = _name(128, allow_none=True)
    award_places = _points(1, 10, load_default=3, metadata={"description": "places that get a certificate"})
    rounds = fields.List(fields.Nested(HallRoundCreateSchema), required=True,
                         validate=validate.Length(min=1, max=MAX_ROUNDS))
    teams = fields.List(fields.Nested(HallTeamCreateSchema), load_default=list,
                        validate=validate.Length(max=MAX_TEAMS))
    judges = fields.List(fields.Nested(HallJudgeAppointSchema), load_default=list, validate=validate.Length(max=20))


class HallContestListArgs(Schema):
    status = Text(validate=validate.OneOf(CONTEST_STATUSES, error="状态不正确"))
    judging = fields.Boolean(load_default=False, metadata={"description": "only the contests I judge"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class _Scored(Schema):
    outcome = Text(required=True, validate=validate.OneOf(ENTRY_OUTCOMES, error="判定须为答对、答错、给分或作废"),
                   metadata={"description": "correct, wrong, points (必答 partial marks), void (corrections only)"})
    tier = _points(1, 100, allow_none=True, metadata={"description": "风险题: the tier the team chose"})
    points = _points(0, 100, allow_none=True, metadata={"description": "with outcome points: the marks given"})


class HallEntryCreateSchema(_Scored):
    round_id = Id(required=True)
    team_id = Id(required=True, metadata={"description": "the contest team (not a volunteer team)"})
    question_no = _points(1, 100, required=True)


class HallCorrectionSchema(_Scored):
    reason = _name(200, required=True, metadata={"description": "why the head judge corrects it"})

    @validates_schema
    def _reason_given(self, data, **kwargs):
        if not data.get("reason"):
            raise invalid("reason", "请填写更正原因")


class HallEntryArgs(Schema):
    round_id = QueryId()
    team_id = QueryId(metadata={"description": "the contest team"})


# -- answers ---------------------------------------------------------------------------------------------

class HallRoundSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    name = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    points_correct = fields.Integer()
    penalty_wrong = fields.Integer()
    risk_tiers = fields.List(fields.Integer())
    question_count = fields.Integer()


class HallContestTeamSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    name = fields.String()
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)
    represents = fields.String(allow_none=True)
    members = fields.List(fields.String())


class HallJudgeSchema(Schema):
    user_id = fields.Integer()
    name = fields.String(allow_none=True)
    head = fields.Boolean()


class HallMyRoleSchema(Schema):
    judge = fields.Boolean()
    head_judge = fields.Boolean()
    manager = fields.Boolean()


class HallContestSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    held_on = fields.Date()
    place = fields.String(allow_none=True)
    status = fields.String()
    award_places = fields.Integer()
    closed_at = LocalDateTime(allow_none=True)
    team_count = fields.Integer()
    round_count = fields.Integer()
    my_role = fields.Nested(HallMyRoleSchema)


class HallContestDetailSchema(HallContestSchema):
    rounds = fields.List(fields.Nested(HallRoundSchema))
    teams = fields.List(fields.Nested(HallContestTeamSchema))
    judges = fields.List(fields.Nested(HallJudgeSchema))


class HallContestPageSchema(Schema):
    items = fields.List(fields.Nested(HallContestSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class HallEntrySchema(Schema):
    id = fields.Integer()
    round_id = fields.Integer()
    team_id = fields.Integer()
    question_no = fields.Integer()
    revision = fields.Integer(metadata={"description": "0 as entered; n: the head judge's n-th correction"})
    outcome = fields.String()
    tier = fields.Integer(allow_none=True)
    points = fields.Integer(metadata={"description": "signed: what this entry adds to the total"})
    judge_id = fields.Integer(allow_none=True)
    supersedes_id = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    entered_at = LocalDateTime()
    current = fields.Boolean(metadata={"description": "the latest revision of its question: it counts"})


class HallRoundPointsSchema(Schema):
    round_id = fields.Integer()
    points = fields.Integer()


class HallResultRowSchema(Schema):
    team = fields.Nested(HallContestTeamSchema)
    rank = fields.Integer()
    total = fields.Integer()
    wrong = fields.Integer()
    answered = fields.Integer()
    by_round = fields.List(fields.Nested(HallRoundPointsSchema))
    award = fields.String(allow_none=True, metadata={"description": "一等奖… once closed, for the award places"})


class HallResultsSchema(Schema):
    contest_id = fields.Integer()
    status = fields.String()
    final = fields.Boolean()
    rounds = fields.List(fields.Nested(HallRoundSchema))
    rows = fields.List(fields.Nested(HallResultRowSchema))
    tie_rule = fields.String()


class HallScoreboardLinkSchema(Schema):
    url = fields.String()
    path = fields.String()
    expires_at = LocalDateTime()


class HallBoardRowSchema(Schema):
    team_id = fields.Integer()
    name = fields.String()
    represents = fields.String(allow_none=True)
    rank = fields.Integer()
    total = fields.Integer()
    wrong = fields.Integer()
    by_round = fields.List(fields.Nested(HallRoundPointsSchema))
    award = fields.String(allow_none=True)


class HallBoardContestSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    held_on = fields.String()
    place = fields.String(allow_none=True)
    status = fields.String()


class HallBoardRoundSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class HallScoreboardStateSchema(Schema):
    contest = fields.Nested(HallBoardContestSchema)
    rounds = fields.List(fields.Nested(HallBoardRoundSchema))
    rows = fields.List(fields.Nested(HallBoardRowSchema))
    last_change = fields.Nested(HallEntrySchema, allow_none=True)
    version = fields.String(metadata={"description": "changes whenever the board would"})
    poll_seconds = fields.Integer()
