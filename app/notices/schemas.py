from marshmallow import ValidationError, fields, validate, validates_schema

from app import paging
from app.localtime import LocalDateTime
from app.notices.deliveries import DELIVERY_STATES
from app.notices.audience import AUDIENCE_KINDS
from app.schemas import Id, QueryId, Schema, Text


class AudienceSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(AUDIENCE_KINDS))
    community_id = Id()
    team_id = Id()
    event_id = Id()
    user_ids = fields.List(Id(), validate=validate.Length(min=1, max=1000))

    _NEEDS = {"community": "community_id", "team": "team_id", "event_registrants": "event_id",
              "event_attendees": "event_id", "users": "user_ids"}

    @validates_schema
    def _one_target(self, data, **kwargs):
        needed = self._NEEDS[data["kind"]]
        if needed not in data:
            raise ValidationError(f"请提供 {needed}", needed)
        extra = [k for k in ("community_id", "team_id", "event_id", "user_ids") if k in data and k != needed]
        if extra:
            raise ValidationError(f"{data['kind']} 不需要 {'、'.join(extra)}", extra[0])


class ComposeSchema(Schema):
    template_id = Text(required=True, validate=validate.Length(min=1, max=64),
                       metadata={"description": "template id (or its configured name)"})
    values = fields.Dict(keys=Text(validate=validate.Length(max=32)),
                         values=Text(validate=validate.Length(max=200)), required=True,
                         metadata={"description": "{field key: value}, e.g. {\"thing1\": \"市民公益日\"}"})
    shorten = fields.Boolean(load_default=False, metadata={
        "description": "shorten thing fields over 20 characters to 19 and \"…\" instead of refusing them"})
    page = Text(load_default=None, allow_none=True, validate=validate.Length(max=256),
                metadata={"description": "mini-program page the message opens, e.g. pages/event/detail?id=3"})
    audience = fields.Nested(AudienceSchema, required=True)


class CreateNoticeSchema(ComposeSchema):
    send_at = fields.AwareDateTime(load_default=None, allow_none=True, metadata={
        "description": "when to send (ISO 8601 with zone); empty or past: now; at most 30 days ahead"})


class FieldValueSchema(Schema):
    key = fields.String()
    label = fields.String()
    value = fields.String()


class ShortenedSchema(Schema):
    key = fields.String()
    label = fields.String()
    original = fields.String()
    value = fields.String()


class AudienceOutSchema(Schema):
    kind = fields.String()
    label = fields.String()
    community_id = fields.Integer()
    team_id = fields.Integer()
    event_id = fields.Integer()
    user_ids = fields.List(fields.Integer())


class PreviewSchema(Schema):
    template_id = fields.String()
    template_name = fields.String()
    title = fields.String()
    values = fields.Dict(keys=fields.String(), values=fields.String())
    field_values = fields.List(fields.Nested(FieldValueSchema), data_key="fields",
                               metadata={"description": "each field with its label, in template order"})
    shortened = fields.List(fields.Nested(ShortenedSchema), metadata={"description": "values cut by the rule"})
    page = fields.String(allow_none=True)
    audience = fields.Nested(AudienceOutSchema)
    content_check = fields.String()
    recipients = fields.Integer(metadata={"description": "people in the audience now"})
    with_quota = fields.Integer(metadata={"description": "of them, how many allow one more message"})
    will_skip = fields.Integer()
    skip_reasons = fields.Dict(keys=fields.String(), values=fields.Integer())


class CountsSchema(Schema):
    total = fields.Integer()
    queued = fields.Integer()
    sending = fields.Integer()
    sent = fields.Integer()
    skipped = fields.Integer()
    failed = fields.Integer()
    unconfirmed = fields.Integer(metadata={"description": "a send interrupted where WeChat may or may not "
                                                          "have delivered it; never sent twice"})
    cancelled = fields.Integer()


class NoticeSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    template_id = fields.String()
    template_name = fields.String(metadata={"description": "the template's configured key, e.g. event_reminder"})
    template_title = fields.String(metadata={"description": "the template's Chinese title, e.g. 活动开始提醒: "
                                                            "what lists and reports show"})
    values = fields.Dict(keys=fields.String(), values=fields.String())
    page = fields.String(allow_none=True)
    audience = fields.Nested(AudienceOutSchema)
    status = fields.String(metadata={"description": "scheduled, queued, fanning_out, sending, done or cancelled"})
    send_at = LocalDateTime(allow_none=True)
    started_at = LocalDateTime(allow_none=True)
    finished_at = LocalDateTime(allow_none=True)
    cancelled_at = LocalDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    created_at = LocalDateTime()
    created_by_id = fields.Integer(allow_none=True)
    counts = fields.Nested(CountsSchema)


class NotReachedSchema(Schema):
    user_id = fields.Integer()
    name = fields.String(allow_none=True)
    state = fields.String()
    reason = fields.String(allow_none=True)
    errcode = fields.Integer(allow_none=True)
    error = fields.String(allow_none=True)
    attempts = fields.Integer()


class ReportSchema(NoticeSchema):
    skipped_reasons = fields.Dict(keys=fields.String(), values=fields.Integer(),
                                  metadata={"description": "no_subscription, quota_spent"})
    failed_codes = fields.Dict(keys=fields.String(), values=fields.Integer(),
                               metadata={"description": "WeChat errcode (or interrupted) -> count"})
    confirmed_by_quota = fields.Integer(metadata={"description": "interrupted sends settled as delivered"})
    not_reached = fields.List(fields.Nested(NotReachedSchema))


class NoticeListArgs(paging.paged_args()):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    before_id = QueryId()


class DeliveryListArgs(paging.paged_args()):
    state = Text(validate=validate.OneOf(DELIVERY_STATES))
    q = Text(validate=validate.Length(max=32), metadata={"description": "part of the recipient's name"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class DeliverySchema(Schema):
    user_id = fields.Integer()
    name = fields.String(allow_none=True)
    state = fields.String(metadata={"description": " / ".join(DELIVERY_STATES)})
    reason = fields.String(allow_none=True, metadata={"description": "why skipped (no_subscription, "
                                                                     "quota_spent) or how settled"})
    errcode = fields.Integer(allow_none=True, metadata={"description": "WeChat's errcode of the last attempt"})
    error = fields.String(allow_none=True)
    attempts = fields.Integer()
    sent_at = LocalDateTime(allow_none=True)


class DeliveryPageSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
