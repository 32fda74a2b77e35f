"""Request and response shapes of the check-in area (the mini-program's contract)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.schemas import Id, Opaque, Schema, Text

PURPOSE = validate.OneOf(("checkin", "checkout"))
DIRECTION = validate.OneOf(("in", "out"))
SCAN_CODES = ("checked_in", "checked_out", "already_checked_in", "already_checked_out")


class CheckinRequestSchema(Schema):
    # Any scanned text is judged by the token check (token_invalid), not refused as malformed.
    token = Opaque(validate=validate.Length(min=1, max=2048),
                          metadata={"description": "the text of the on-screen QR code"})
    scene = Opaque(validate=validate.Length(min=1, max=32),
                          metadata={"description": "the poster's scene (the mini-program gets it in onLoad's options.scene, URL-decoded)"})
    event_id = Id(metadata={"description": "the event the phone believes it is at; a code of another event is refused"})
    # GCJ-02, as wx.getLocation({type: "gcj02"}) gives: the datum events are stored in.
    latitude = fields.Float(validate=validate.Range(min=-90, max=90), allow_nan=False)
    longitude = fields.Float(validate=validate.Range(min=-180, max=180), allow_nan=False)

    @validates_schema
    def one_code(self, data, **kwargs):
        if ("token" in data) == ("scene" in data):
            raise ValidationError("请提供 token 或 scene 其中之一", "_schema")
        if ("latitude" in data) != ("longitude" in data):
            raise ValidationError("latitude 和 longitude 须同时提供", "_schema")


class CheckinResultSchema(Schema):
    code = fields.String(required=True, validate=validate.OneOf(SCAN_CODES),
                         metadata={"description": ", ".join(SCAN_CODES)})
    message = fields.String(required=True, metadata={"description": "Chinese, to show as it is"})
    event_id = fields.Integer(required=True)
    event_title = fields.String(required=True)
    direction = fields.String(required=True, validate=DIRECTION)
    method = fields.String(required=True, metadata={"description": "qr, poster or manual"})
    user_id = fields.Integer(required=True)
    checked_in_at = LocalDateTime(allow_none=True)
    checked_out_at = LocalDateTime(allow_none=True)
    minutes = fields.Integer(allow_none=True, metadata={"description": "time served, on check-out"})


class ManualCheckinSchema(Schema):
    user_id = Id()
    phone = Text(validate=validate.Regexp(r"^1\d{10}$"),
                          metadata={"description": "mainland mobile number, 11 digits"})
    name = Text(validate=validate.Length(min=1, max=32),
                         metadata={"description": "with phone: registers a resident who has no WeChat account yet"})
    direction = Text(load_default="in", validate=DIRECTION)
    note = Text(validate=validate.Length(max=128))

    @validates_schema
    def one_person(self, data, **kwargs):
        if ("user_id" in data) == ("phone" in data):
            raise ValidationError("请提供 user_id 或 phone 其中之一", "_schema")
        if "name" in data and "phone" not in data:
            raise ValidationError("name 须与 phone 一同提供", "_schema")


class QrcodeArgs(Schema):
    purpose = Text(load_default="checkin", validate=PURPOSE)
    format = Text(load_default="png", validate=validate.OneOf(("png", "svg", "json")))


class QrcodeSchema(Schema):
    event_id = fields.Integer(required=True)
    purpose = fields.String(required=True, validate=PURPOSE)
    token = fields.String(required=True, metadata={"description": "the signed token (a scan may send it bare)"})
    url = fields.String(required=True, metadata={"description": "the text to encode in the QR code: "
                                                 "PUBLIC_BASE_URL/q/c?t=<token>, which WeChat's scanner opens in the mini-program"})
    expires_at = LocalDateTime(required=True, metadata={"description": "when this token's window ends"})
    refresh_in = fields.Float(required=True, metadata={"description": "seconds until a new token should be drawn"})
    window_seconds = fields.Integer(required=True)
    grace_seconds = fields.Integer(required=True, metadata={"description": "an old token still counts this long after expires_at"})


class PurposeArgs(Schema):
    purpose = Text(load_default="checkin", validate=PURPOSE)


class ProjectorLinkSchema(Schema):
    url = fields.String(required=True, metadata={"description": "open in any browser on the hall's computer"})
    path = fields.String(required=True)
    expires_at = LocalDateTime(required=True)


class ProjectorStateSchema(Schema):
    event_id = fields.Integer(required=True)
    title = fields.String(required=True)
    purpose = fields.String(required=True, validate=PURPOSE)
    phase = fields.String(required=True, validate=validate.OneOf(("not_open", "open", "closed", "cancelled")))
    opens_at = LocalDateTime(required=True)
    closes_at = LocalDateTime(required=True)
    token = fields.String(required=True)
    svg = fields.String(required=True, metadata={"description": "the QR code as an inline <svg> element"})
    expires_at = LocalDateTime(required=True)
    refresh_in = fields.Float(required=True)
    checked_in = fields.Integer(required=True)
    checked_out = fields.Integer(required=True)


class AttendanceArgs(Schema):
    format = Text(load_default="json", validate=validate.OneOf(("json", "csv", "xlsx")))
    limit = fields.Integer(validate=validate.Range(min=1, max=1000),
                           metadata={"description": "format=json: a page of the list (default: the whole list)"})
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class AttendeeSchema(Schema):
    user_id = fields.Integer(required=True)
    name = fields.String(allow_none=True)
    phone_masked = fields.String(allow_none=True, metadata={"description": "e.g. 138****5678"})
    checked_in_at = LocalDateTime(allow_none=True)
    checkin_method = fields.String(allow_none=True)
    checked_out_at = LocalDateTime(allow_none=True)
    checkout_method = fields.String(allow_none=True)
    minutes = fields.Integer(allow_none=True)


class AttendanceSchema(Schema):
    event_id = fields.Integer(required=True)
    title = fields.String(required=True)
    capacity = fields.Integer(allow_none=True)
    registration_required = fields.Boolean(required=True)
    registered = fields.Integer(required=True)
    checked_in = fields.Integer(required=True)
    checked_out = fields.Integer(required=True)
    present = fields.Integer(required=True, metadata={"description": "checked in and not yet checked out"})
    items = fields.List(fields.Nested(AttendeeSchema), required=True)


class MonthArgs(Schema):
    month = Text(validate=validate.Regexp(r"^20\d{2}-(0[1-9]|1[0-2])$"),
                 metadata={"description": "YYYY-MM (Beijing time); default: this month"})
