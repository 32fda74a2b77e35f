"""Request and response shapes of the quiz (OpenAPI comes from these).
No schema of a running attempt has an ``answer`` or ``explanation`` field:
the key is only in ``ReviewItemSchema`` (a finished attempt) and the bank's."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import DIFFICULTIES, ENTRY_RULES, LEADERBOARD_MODES, QUESTION_KINDS
from app.schemas import Id, QueryId, Schema, Text

MAX_OFFSET = 1_000_000


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


def _limit(default=20, high=100):
    return fields.Integer(load_default=default, validate=validate.Range(min=1, max=high, error=f"每页 1 到 {high} 条"))


def _offset():
    return fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量不正确"))


def _choice():
    return fields.List(fields.Integer(strict=True, validate=validate.Range(min=0, max=5, error="选项不存在")),
                       required=True, validate=validate.Length(max=6, error="最多 6 个选项"),
                       metadata={"description": "the places chosen (0 = the first option shown); [] = no answer"})


# -- the bank ---------------------------------------------------------------------

class QuestionCreateSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(QUESTION_KINDS, error="题型不正确"),
                metadata={"description": "single 单选 | multiple 多选 | judge 判断"})
    topic = _text(1, 32, "主题需为 1 到 32 个字", required=True)
    difficulty = Text(required=True, validate=validate.OneOf(DIFFICULTIES, error="难度不正确"),
                      metadata={"description": "easy | medium | hard"})
    stem = _text(4, 500, "题干需为 4 到 500 个字", required=True)
    options = fields.List(_text(1, 200, "选项需为 1 到 200 个字"), load_default=list,
                          metadata={"description": "2–6 options; a judge question's are 正确, 错误"})
    answer = fields.List(fields.Integer(strict=True), required=True,
                         metadata={"description": "indexes of the right options (0-based)"})
    explanation = _text(1, 2000, "解析需为 1 到 2000 个字", required=True)
    source = _text(0, 255, "出处不能超过 255 个字", allow_none=True)
    is_active = fields.Boolean(load_default=True)


class QuestionChangeSchema(QuestionCreateSchema):
    class Meta:
        partial = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class QuestionSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    topic = fields.String()
    difficulty = fields.String()
    stem = fields.String()
    options = fields.List(fields.String())
    answer = fields.List(fields.Integer())
    explanation = fields.String()
    source = fields.String(allow_none=True)
    is_active = fields.Boolean()


class QuestionListArgs(Schema):
    topic = _text(1, 32, "主题需为 1 到 32 个字")
    difficulty = Text(validate=validate.OneOf(DIFFICULTIES, error="难度不正确"))
    kind = Text(validate=validate.OneOf(QUESTION_KINDS, error="题型不正确"))
    q = _text(1, 50, "搜索词不能超过 50 个字", metadata={"description": "words in the stem"})
    limit = _limit()
    offset = _offset()


class QuestionPageSchema(Schema):
    items = fields.List(fields.Nested(QuestionSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
    topics = fields.Dict(keys=fields.String(), values=fields.Dict(keys=fields.String(), values=fields.Integer()),
                         metadata={"description": "active questions per topic and difficulty (for quotas)"})


# -- contests -----------------------------------------------------------------------

class QuizQuotaSchema(Schema):
    topic = _text(1, 32, "主题需为 1 到 32 个字", load_default=None, allow_none=True,
                  metadata={"description": "null: any topic"})
    difficulty = Text(load_default=None, allow_none=True, validate=validate.OneOf(DIFFICULTIES, error="难度不正确"),
                      metadata={"description": "null: any difficulty"})
    count = fields.Integer(required=True, validate=validate.Range(min=1, max=50, error="每组 1 到 50 题"))


class QuizContestCreateSchema(Schema):
    title = _text(2, 64, "标题需为 2 到 64 个字", required=True)
    description = _text(0, 2000, "说明不能超过 2000 个字", allow_none=True)
    starts_at = LocalDateTime(required=True)
    ends_at = LocalDateTime(required=True)
    quotas = fields.List(fields.Nested(QuizQuotaSchema), required=True,
                         validate=validate.Length(min=1, max=12, error="抽题规则需为 1 到 12 条"))
    seconds_per_question = fields.Integer(load_default=30, validate=validate.Range(
        min=5, max=600, error="每题限时 5 到 600 秒"))
    attempts_allowed = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10, error="答题次数 1 到 10 次"))
    entry = Text(load_default="everyone", validate=validate.OneOf(ENTRY_RULES, error="参赛范围不正确"),
                 metadata={"description": "everyone | party_members (confirmed) | units (unit_ids)"})
    unit_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=200, error="最多 200 家单位"))
    leaderboard = Text(load_default="at_close", validate=validate.OneOf(LEADERBOARD_MODES, error="排行榜公布方式不正确"),
                       metadata={"description": "at_close: published when the contest closes; live: at once"})
    certificate_top = fields.Integer(load_default=3, validate=validate.Range(min=0, max=100, error="证书名额 0 到 100"))

    @validates_schema
    def _total(self, data, **kwargs):
        if sum(q["count"] for q in data.get("quotas") or ()) > 100:
            raise ValidationError("每次答题最多 100 题", field_name="quotas")


class QuizContestChangeSchema(QuizContestCreateSchema):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class QuizMyAttemptSchema(Schema):
    id = fields.Integer()
    number = fields.Integer()
    status = fields.String()
    correct_count = fields.Integer(allow_none=True)
    total_ms = fields.Integer(allow_none=True)


class QuizContestSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String(allow_none=True)
    starts_at = fields.String()
    ends_at = fields.String()
    state = fields.String(metadata={"description": "upcoming | running | closed"})
    question_count = fields.Integer()
    seconds_per_question = fields.Integer()
    attempts_allowed = fields.Integer()
    entry = fields.String()
    unit_ids = fields.List(fields.Integer())
    quotas = fields.List(fields.Nested(QuizQuotaSchema))
    leaderboard = fields.String()
    leaderboard_published = fields.Boolean()
    certificate_top = fields.Integer()
    may_enter = fields.Boolean(allow_none=True)
    my_attempts = fields.List(fields.Nested(QuizMyAttemptSchema))
    next_number = fields.Integer(allow_none=True, metadata={"description": "the attempt number to start; null: used up"})
    may_manage = fields.Boolean()
    may_read_results = fields.Boolean(metadata={"description": "organisers and community staff: /results"})


class QuizContestListArgs(Schema):
    state = Text(validate=validate.OneOf(("upcoming", "running", "closed"), error="状态不正确"))
    limit = _limit()
    offset = _offset()


class QuizContestPageSchema(Schema):
    items = fields.List(fields.Nested(QuizContestSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


# -- attempts ------------------------------------------------------------------------

class QuizStartSchema(Schema):
    number = fields.Integer(required=True, validate=validate.Range(min=1, max=10, error="答题次数不正确"),
                            metadata={"description": "which attempt (the contest's next_number): a second start "
                                                     "of the same number is 409 attempt_taken"})


class ShownQuestionSchema(Schema):
    """A question as the attempt shows it: NO key."""
    position = fields.Integer(allow_none=True)
    id = fields.Integer()
    kind = fields.String()
    kind_label = fields.String()
    topic = fields.String()
    difficulty = fields.String()
    difficulty_label = fields.String()
    stem = fields.String()
    options = fields.List(fields.String())


class ReviewItemSchema(ShownQuestionSchema):
    answer = fields.List(fields.Integer(), metadata={"description": "the right places, as shown"})
    chosen = fields.List(fields.Integer())
    is_correct = fields.Boolean()
    late = fields.Boolean()
    elapsed_ms = fields.Integer(allow_none=True)
    explanation = fields.String()
    source = fields.String(allow_none=True)


class QuizAttemptSchema(Schema):
    id = fields.Integer()
    contest_id = fields.Integer()
    contest_title = fields.String()
    number = fields.Integer()
    status = fields.String(metadata={"description": "running | finished"})
    question_count = fields.Integer()
    position = fields.Integer()
    seconds_per_question = fields.Integer()
    started_at = fields.String()
    server_time = fields.String(metadata={"description": "the server's clock: the countdown runs from it"})
    question = fields.Nested(ShownQuestionSchema, metadata={"description": "running: the question to answer"})
    served_at = fields.String()
    answer_by = fields.String(metadata={"description": "running: later than this the answer is wrong"})
    finished_at = fields.String()
    correct_count = fields.Integer()
    total_ms = fields.Integer()
    review = fields.List(fields.Nested(ReviewItemSchema), metadata={"description": "finished: every question with its key"})


class QuizAnswerSchema(Schema):
    position = fields.Integer(required=True, validate=validate.Range(min=0, max=99, error="题号不正确"))
    choice = _choice()


# -- leaderboards and results -----------------------------------------------------

class QuizLeaderboardArgs(Schema):
    by = Text(load_default="person", validate=validate.OneOf(("person", "community", "unit"), error="排行方式不正确"))
    community_id = QueryId(metadata={"description": "by=person: only this community's people"})
    unit_id = QueryId(metadata={"description": "by=person: only this unit's people"})
    limit = _limit(10, 100)


class QuizBoardRowSchema(Schema):
    rank = fields.Integer()
    user_id = fields.Integer()
    id = fields.Integer(metadata={"description": "by=community/unit: the group"})
    name = fields.String(metadata={"description": "a person's name masked (张*), or the group's name"})
    community = fields.String(allow_none=True)
    correct_count = fields.Integer()
    total_ms = fields.Integer()
    participants = fields.Integer()
    average_correct = fields.Float()
    average_ms = fields.Integer()
    is_me = fields.Boolean()
    is_mine = fields.Boolean()


class QuizLeaderboardSchema(Schema):
    by = fields.String()
    participants = fields.Integer()
    top = fields.List(fields.Nested(QuizBoardRowSchema))
    mine = fields.Nested(QuizBoardRowSchema, allow_none=True)
    published = fields.Boolean()


class QuizResultArgs(Schema):
    limit = _limit(50, 200)
    offset = _offset()


class QuizResultRowSchema(Schema):
    rank = fields.Integer()
    user_id = fields.Integer()
    name = fields.String()
    community = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    correct_count = fields.Integer()
    question_count = fields.Integer()
    total_ms = fields.Integer()
    attempts = fields.Integer()
    finished_at = LocalDateTime()


class QuizResultPageSchema(Schema):
    items = fields.List(fields.Nested(QuizResultRowSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class QuizCertificateArgs(Schema):
    user_id = QueryId(metadata={"description": "managers: whose certificate (default: mine)"})


# -- 每日一练 and 错题本 ---------------------------------------------------------------

class PracticeItemSchema(ShownQuestionSchema):
    chosen = fields.List(fields.Integer())
    is_correct = fields.Boolean()
    answer = fields.List(fields.Integer(), metadata={"description": "only once answered"})
    explanation = fields.String()
    source = fields.String(allow_none=True)
    wrong_count = fields.Integer()
    last_wrong_at = LocalDateTime()


class QuizDailySchema(Schema):
    day = fields.String()
    items = fields.List(fields.Nested(PracticeItemSchema))
    answered = fields.Integer()
    correct = fields.Integer()


class PracticeAnswerSchema(Schema):
    question_id = Id(required=True)
    choice = _choice()


class PracticeResultSchema(Schema):
    question_id = fields.Integer()
    chosen = fields.List(fields.Integer())
    is_correct = fields.Boolean()
    answer = fields.List(fields.Integer())
    explanation = fields.String()
    source = fields.String(allow_none=True)
    on_wrong_list = fields.Boolean()


class WrongListArgs(Schema):
    limit = _limit()
    offset = _offset()


class WrongPageSchema(Schema):
    items = fields.List(fields.Nested(PracticeItemSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
