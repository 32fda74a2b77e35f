"""Request and response shapes of 议事 (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models.consultations import ASSIGNEE_KINDS, TOPIC_STATUSES
from app.paging import offset_field
from app.schemas import Id, QueryId, Schema, Text


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


class TopicCreateSchema(Schema):
    community_id = Id(required=True)
    title = _text(2, 64, "标题须为 2 到 64 个字", required=True)
    description = _text(2, 4000, "请填写 2 到 4000 字的议题说明", required=True)
    place = _text(0, 128, "地点不能超过 128 个字", allow_none=True,
                  metadata={"description": "where members meet, e.g. 党建文化长廊"})
    options = fields.List(_text(1, 64, "选项须为 1 到 64 个字"), load_default=list,
                          validate=validate.Length(max=10, error="最多 10 个投票选项"),
                          metadata={"description": "a vote when given (2 to 10 options); none: discussion only"})
    vote_closes_at = LocalDateTime(allow_none=True, metadata={"description": "required with options"})
    results_live = fields.Boolean(load_default=False,
                                  metadata={"description": "show the counts while voting; else after the close"})


class TopicListArgs(Schema):
    status = Text(validate=validate.OneOf(TOPIC_STATUSES, error="状态不正确"))
    community_id = QueryId()
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = offset_field()


class CommentCreateSchema(Schema):
    body = _text(1, 500, "评论须为 1 到 500 个字", required=True)


class CommentListArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = offset_field()


class HideSchema(Schema):
    reason = _text(2, 200, "请填写 2 到 200 字的原因", required=True)


class VoteSchema(Schema):
    option_id = Id(required=True)


class ActionInSchema(Schema):
    what = _text(2, 200, "请填写 2 到 200 字的事项", required=True)
    assignee_kind = Text(required=True, validate=validate.OneOf(ASSIGNEE_KINDS, error="负责方类型不正确"),
                         metadata={"description": "person | unit | text"})
    assignee_user_id = Id(allow_none=True)
    assignee_unit_id = Id(allow_none=True)
    assignee_text = _text(1, 64, "负责方不能超过 64 个字", allow_none=True)
    due_on = fields.Date(allow_none=True)


class ResolveSchema(Schema):
    decision = _text(2, 4000, "请填写 2 到 4000 字的决议内容", required=True)
    actions = fields.List(fields.Nested(ActionInSchema), load_default=list,
                          validate=validate.Length(max=20, error="最多 20 项分工"))


# -- answers ----------------------------------------------------------------------

class TopicNamedSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class TopicOptionSchema(Schema):
    id = fields.Integer()
    label = fields.String()
    votes = fields.Integer(allow_none=True, metadata={"description": "null while results are not shown"})


class TopicActionSchema(Schema):
    id = fields.Integer()
    what = fields.String()
    assignee_kind = fields.String()
    assignee = fields.String(metadata={"description": "the person's, unit's name or the text"})
    due_on = fields.Date(allow_none=True)


class TopicSchema(Schema):
    id = fields.Integer()
    community = fields.Nested(TopicNamedSchema)
    title = fields.String()
    description = fields.String()
    place = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "open | resolved"})
    status_label = fields.String(metadata={"description": "讨论中 | 投票中 | 已形成决议"})
    has_vote = fields.Boolean()
    vote_closes_at = LocalDateTime(allow_none=True)
    voting_open = fields.Boolean()
    results_live = fields.Boolean()
    results_shown = fields.Boolean()
    options = fields.List(fields.Nested(TopicOptionSchema))
    votes_total = fields.Integer(allow_none=True)
    my_vote = fields.Integer(allow_none=True, metadata={"description": "the option I chose"})
    comment_count = fields.Integer()
    decision = fields.String(allow_none=True)
    actions = fields.List(fields.Nested(TopicActionSchema))
    resolved_at = LocalDateTime(allow_none=True)
    created_at = LocalDateTime()
    can_take_part = fields.Boolean()
    can_moderate = fields.Boolean()


class TopicPageSchema(Schema):
    items = fields.List(fields.Nested(TopicSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class CommentSchema(Schema):
    id = fields.Integer()
    author = fields.Nested(TopicNamedSchema, allow_none=True)
    body = fields.String(allow_none=True, metadata={"description": "null when hidden (to residents) or erased"})
    hidden = fields.Boolean()
    hidden_reason = fields.String(allow_none=True)
    created_at = LocalDateTime()
    mine = fields.Boolean()


class CommentPageSchema(Schema):
    items = fields.List(fields.Nested(CommentSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class MyVoteSchema(Schema):
    option_id = fields.Integer()
    topic = fields.Nested(TopicSchema)
