from marshmallow import ValidationError, fields, validate, validates_schema

from app.hours.certificates import verify_url
from app.localtime import CHINA_TZ, LocalDateTime
from app.models import SERVICE_RECORD_STATUSES
from app.paging import offset_field
from app.schemas import Id, Schema, Text
from app.teams.schemas import TeamSchema
from app.validators import SERVICE_DATE, SERVICE_TIME, text

# Blank reasons reach the services, which answer the specific reason_required.
_reason = text(200)


class StarSchema(Schema):
    stars = fields.Integer(metadata={"description": "0-5"})
    title = fields.String(allow_none=True, metadata={"description": "e.g. 一星级志愿者"})
    next_threshold_hours = fields.Integer(allow_none=True)


class RecordSchema(Schema):
    id = fields.Integer()
    event_id = fields.Integer()
    event_title = fields.String()
    place = fields.String()
    checkin_at = LocalDateTime()
    checkout_at = LocalDateTime(allow_none=True)
    started_at = LocalDateTime(metadata={"description": "check-in clipped to the event's start"})
    ended_at = LocalDateTime(allow_none=True, metadata={"description": "check-out clipped to the event's end"})
    minutes = fields.Integer()
    hours = fields.Float()
    status = fields.String(metadata={"description": " / ".join(SERVICE_RECORD_STATUSES)})
    status_label = fields.String(metadata={"description": "缺少签退 only after the check-out window closed; "
                                                          "进行中·未签退 / 未签退 before"})
    awaiting_checkout = fields.Boolean(metadata={"description": "no check-out yet, and the volunteer can still "
                                                               "scan out: nothing to settle yet"})
    review_reason = fields.String(allow_none=True)
    settle_note = fields.String(allow_none=True)


class StaffRecordSchema(RecordSchema):
    user_id = fields.Integer()
    volunteer_name = fields.String(allow_none=True)
    phone_masked = fields.String(allow_none=True)


class MonthSchema(Schema):
    month = fields.String(metadata={"description": "YYYY-MM, China time"})
    minutes = fields.Integer()
    hours = fields.Float()


class HoursSummarySchema(Schema):
    total_minutes = fields.Integer()
    total_hours = fields.Float()
    year = fields.Integer()
    year_minutes = fields.Integer()
    year_hours = fields.Float()
    by_month = fields.List(fields.Nested(MonthSchema))
    star = fields.Nested(StarSchema)
    records = fields.List(fields.Nested(RecordSchema))
    records_total = fields.Integer(metadata={"description": "all my records, every page together"})
    next_offset = fields.Integer(allow_none=True, metadata={"description": "offset of the next page; null on the last"})
    rounding_rule = fields.String()


class MyHoursArgsSchema(Schema):
    limit = fields.Integer(validate=validate.Range(min=1, max=200, error="每页条数应在 1 到 200 之间"),
                           metadata={"description": "records per page (latest first); without it, every record"})
    offset = offset_field()


class LedgerEntrySchema(Schema):
    id = fields.Integer()
    service_record_id = fields.Integer()
    event_id = fields.Integer()
    kind = fields.String(metadata={"description": "approval / correction"})
    minutes = fields.Integer(metadata={"description": "signed: a correction may be negative"})
    hours = fields.Function(lambda e: round(e.minutes / 60, 2))
    reason = fields.String(allow_none=True)
    served_at = LocalDateTime()
    created_by_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()


class EventRecordsArgs(Schema):
    status = Text(validate=validate.OneOf(SERVICE_RECORD_STATUSES))


class BulkApproveSchema(Schema):
    record_ids = fields.List(Id(), validate=validate.Length(min=1, max=500))
    event_id = Id(metadata={"description": "approve every pending record of the event"})

    @validates_schema
    def one_of(self, data, **kwargs):
        if ("record_ids" in data) == ("event_id" in data):
            raise ValidationError("请提供 record_ids 或 event_id 其中之一", "_schema")


class SkippedSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    message = fields.String()


class BulkApproveResultSchema(Schema):
    approved = fields.List(fields.Integer())
    skipped = fields.List(fields.Nested(SkippedSchema))


class ReasonSchema(Schema):
    reason = Text(required=True, validate=_reason)


class SettleSchema(Schema):
    reason = Text(required=True, validate=_reason)
    ended_at = fields.AwareDateTime(default_timezone=CHINA_TZ, validate=SERVICE_TIME, metadata={
        "description": "when the volunteer left; without a zone it is China time"})
    refuse = fields.Boolean(load_default=False, metadata={"description": "true: no hours for this record"})

    @validates_schema
    def end_or_refuse(self, data, **kwargs):
        if not data.get("refuse") and data.get("ended_at") is None:
            raise ValidationError("请提供签退时间 ended_at，或设置 refuse: true", "ended_at")


class CorrectionSchema(Schema):
    hours = fields.Float(required=True, validate=validate.Range(min=0, max=24),
                         metadata={"description": "what the record should be, in 0.25 h steps"})
    reason = Text(required=True, validate=_reason)


class VolunteerHoursSchema(HoursSummarySchema):
    user_id = fields.Integer()
    name = fields.String(allow_none=True)


class MemberTotalSchema(Schema):
    user_id = fields.Integer()
    name = fields.String()
    team_id = fields.Integer()
    joined_at = LocalDateTime()
    total_minutes = fields.Integer()
    total_hours = fields.Float()
    star = fields.Nested(StarSchema)


class TeamTotalsSchema(Schema):
    team = fields.Nested(TeamSchema)
    total_minutes = fields.Integer()
    total_hours = fields.Float()
    year = fields.Integer()
    year_minutes = fields.Integer()
    year_hours = fields.Float()
    member_count = fields.Integer()
    members = fields.List(fields.Nested(MemberTotalSchema))


class LeaderboardArgs(Schema):
    by = Text(required=True, validate=validate.OneOf(("squad", "community")))
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class LeaderboardRowSchema(Schema):
    rank = fields.Integer()
    id = fields.Integer()
    name = fields.String()
    minutes = fields.Integer()
    hours = fields.Float()
    volunteers = fields.Integer()


class LeaderboardSchema(Schema):
    by = fields.String()
    year = fields.Integer(allow_none=True)
    rows = fields.List(fields.Nested(LeaderboardRowSchema))


class StarLevelSchema(Schema):
    stars = fields.Integer()
    title = fields.String()
    min_hours = fields.Integer()


class StarRulesSchema(Schema):
    levels = fields.List(fields.Nested(StarLevelSchema))
    source = fields.String()
    rounding_rule = fields.String()


class DateRangeArgs(Schema):
    date_from = fields.Date(data_key="from", validate=SERVICE_DATE,
                            metadata={"description": "YYYY-MM-DD, China time, inclusive"})
    date_to = fields.Date(data_key="to", validate=SERVICE_DATE,
                          metadata={"description": "YYYY-MM-DD, China time, inclusive"})


class ExportArgs(Schema):
    date_from = fields.Date(data_key="from", required=True, validate=SERVICE_DATE)
    date_to = fields.Date(data_key="to", required=True, validate=SERVICE_DATE)


class CertificateSchema(Schema):
    serial = fields.String()
    holder_name_masked = fields.String()
    id_number_masked = fields.String(allow_none=True)
    total_minutes = fields.Integer()
    total_hours = fields.Function(lambda c: round(c.total_minutes / 60, 2))
    record_count = fields.Integer()
    period_start = LocalDateTime()
    period_end = LocalDateTime()
    issuer = fields.String()
    issued_at = LocalDateTime()
    revoked_at = LocalDateTime(allow_none=True)
    revoke_reason = fields.String(allow_none=True)
    verify_url = fields.Function(lambda c: verify_url(c.serial), metadata={"description": "the QR code's page"})
    pdf_url = fields.Function(lambda c: f"/api/v1/certificates/{c.serial}/pdf")
