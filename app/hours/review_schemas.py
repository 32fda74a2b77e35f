from marshmallow import fields, validate

from app.hours.review import MAX_BULK
from app.hours.schemas import StaffRecordSchema
from app.models import SERVICE_RECORD_STATUSES
from app.schemas import Id, QueryId, Schema, Text
from app.validators import text


class ReviewListArgs(Schema):
    status = Text(validate=validate.OneOf(SERVICE_RECORD_STATUSES),
                  metadata={"description": "default: waiting (pending and missing_checkout)"})
    event_id = QueryId()
    community = QueryId(metadata={"description": "events hosted by this community"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class ReviewPageSchema(Schema):
    items = fields.List(fields.Nested(StaffRecordSchema))
    total = fields.Integer()


class BulkDecisionSchema(Schema):
    action = Text(required=True, validate=validate.OneOf(("approve", "reject"), error="操作须为 approve 或 reject"))
    record_ids = fields.List(Id(), required=True, validate=validate.Length(min=1, max=MAX_BULK))
    reason = Text(validate=text(200), metadata={"description": "required to reject"})


class DecisionSchema(Schema):
    id = fields.Integer()
    ok = fields.Boolean()
    status = fields.String(allow_none=True, metadata={"description": "the record's status now"})
    code = fields.String(metadata={"description": "why not (record_not_found, record_not_pending, own_record, ...)"})
    message = fields.String()


class BulkDecisionResultSchema(Schema):
    results = fields.List(fields.Nested(DecisionSchema))
