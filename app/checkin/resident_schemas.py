"""Shapes of the front door's check-in calls: scanning a resident's code,
checking a family member in, and the offline batch."""
from flask import current_app
from marshmallow import ValidationError, fields, validate

from app.checkin.schemas import DIRECTION, CheckinRequestSchema, CheckinResultSchema
from app.errors import APIError
from app.localtime import LocalDateTime
from app.schemas import Id, Opaque, Schema, Text

NONCE = validate.Regexp(r"^[A-Za-z0-9_-]{8,64}$", error="编号须为 8 到 64 位字母、数字、- 或 _")
ITEM_STATUSES = ("recorded", "already", "refused", "invalid")


class ResidentScanSchema(Schema):
    code = Opaque(required=True, validate=validate.Length(min=1, max=512),
                  metadata={"description": "the text of the resident's QR code (居民码 or 居民卡)"})
    direction = Text(load_default="in", validate=DIRECTION)


class ResidentScanResultSchema(CheckinResultSchema):
    person_name = fields.String(required=True, metadata={"description": "who was scanned, for the organiser to confirm"})


class FamilyCheckinSchema(CheckinRequestSchema):
    elder_id = Id(required=True, metadata={"description": "the family member being checked in (家属代签)"})


class BatchItemSchema(Schema):
    nonce = Text(required=True, validate=NONCE,
                 metadata={"description": "made by the phone when it scanned; the same scan uploaded again keeps it"})
    code = Opaque(required=True, validate=validate.Length(min=1, max=512))
    direction = Text(load_default="in", validate=DIRECTION)
    scanned_at = LocalDateTime(required=True, metadata={"description": "when the phone scanned (its own clock)"})


class ItemsOneByOne(fields.List):
    """A list whose items are judged one by one: a malformed item becomes
    ``{"_invalid": messages, "nonce": ...}`` for the service to answer, and
    the rest of the batch still counts. Too many items refuse the batch."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise self.make_error("invalid")
        limit = current_app.config["CHECKIN_BATCH_MAX"]
        if len(value) > limit:
            raise APIError("batch_too_large", f"一次最多上传 {limit} 条签到记录，请分批上传",
                           details={"max_items": limit, "items": len(value)})
        items = []
        for item in value:
            try:
                items.append(self.inner.deserialize(item, **kwargs))
            except ValidationError as error:
                nonce = item.get("nonce") if isinstance(item, dict) else None
                items.append({"_invalid": error.messages, "nonce": nonce})
        return items


class BatchSchema(Schema):
    items = ItemsOneByOne(fields.Nested(BatchItemSchema), required=True,
                          validate=validate.Length(min=1, error="请至少上传一条记录"))


class BatchItemAnswerSchema(Schema):
    nonce = fields.String(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(ITEM_STATUSES),
                           metadata={"description": "recorded (a new row), already (the row was there, or this "
                                                    "nonce was applied before), refused, invalid"})
    code = fields.String(required=True, metadata={"description": "checked_in, already_checked_in, ..., or the "
                                                                 "refusal's error code"})
    message = fields.String(required=True, metadata={"description": "Chinese, to show beside the scan"})
    replayed = fields.Boolean(required=True, metadata={"description": "this nonce had been uploaded before"})
    user_id = fields.Integer(allow_none=True)
    person_name = fields.String(allow_none=True)
    checked_in_at = LocalDateTime(allow_none=True)
    checked_out_at = LocalDateTime(allow_none=True)


class BatchResultSchema(Schema):
    items = fields.List(fields.Nested(BatchItemAnswerSchema), required=True)
    recorded = fields.Integer(required=True)
    already = fields.Integer(required=True)
    refused = fields.Integer(required=True)
    invalid = fields.Integer(required=True)
