from marshmallow import ValidationError, fields, validate, validates

from app.localtime import LocalDateTime
from app.models import SUBSCRIPTION_ANSWERS
from app.schemas import Schema, Text


class TemplateFieldSchema(Schema):
    key = fields.String(required=True)
    type = fields.String(required=True, metadata={"description": "WeChat keyword type: thing, time, date, ..."})
    label = fields.String(required=True)
    max_length = fields.Integer(allow_none=True, metadata={"description": "most characters WeChat accepts"})
    rule = fields.String(required=True, metadata={"description": "WeChat's rule for the value, in Chinese"})


class TemplateSchema(Schema):
    id = fields.String(required=True, metadata={"description": "the template id for wx.requestSubscribeMessage"})
    name = fields.String(required=True)
    title = fields.String(required=True)
    template_fields = fields.List(fields.Nested(TemplateFieldSchema), required=True, data_key="fields")


class AnswersSchema(Schema):
    results = fields.Dict(
        keys=Text(validate=validate.Length(min=1, max=64)),
        values=Text(validate=validate.OneOf(SUBSCRIPTION_ANSWERS)),
        required=True,
        metadata={"description": "wx.requestSubscribeMessage's success result without errMsg: "
                                 "{template_id: accept | reject | ban | filter}"},
    )
    request_id = Text(
        load_default=None, validate=validate.Length(min=8, max=64),
        metadata={"description": "optional id the phone picks per answer, so a retried report counts once"},
    )

    @validates("results")
    def _at_most_three(self, value, **kwargs):
        if not value:
            raise ValidationError("至少包含一个模板的结果")
        if len(value) > 3:
            raise ValidationError("一次最多订阅 3 个模板")


class SubscriptionSchema(Schema):
    template_id = fields.String(required=True)
    name = fields.String(required=True)
    title = fields.String(required=True)
    remaining = fields.Integer(required=True, metadata={"description": "sends this user still allows"})
    accepted_total = fields.Integer(required=True)
    last_answer = fields.String(allow_none=True)
    last_answered_at = LocalDateTime(allow_none=True)
