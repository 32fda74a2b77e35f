"""Shapes of the front door's resident calls: the resident code, cards, family links."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.paging import paged_args
from app.residents.family import RELATIONS
from app.schemas import Id, Opaque, Schema, Text

PHONE = validate.Regexp(r"^1\d{10}$", error="手机号码须为 11 位数字")


class CodeArgs(Schema):
    format = Text(load_default="json", validate=validate.OneOf(("json", "png")))


class ResidentCodeSchema(Schema):
    code = fields.String(required=True, metadata={"description": "the signed code (organisers scan it)"})
    url = fields.String(required=True, metadata={"description": "the text to draw as the QR code"})
    expires_at = LocalDateTime(required=True)
    refresh_in = fields.Float(required=True, metadata={"description": "seconds until a new code should be drawn"})


class ResidentCardRequestSchema(Schema):
    user_id = Id()
    phone = Text(validate=PHONE)
    name = Text(validate=validate.Length(min=1, max=32),
                metadata={"description": "with phone: registers a resident who has no WeChat account"})
    community_id = Id(metadata={"description": "with phone and name: where the new resident lives"})

    @validates_schema
    def one_person(self, data, **kwargs):
        if ("user_id" in data) == ("phone" in data):
            raise ValidationError("请提供 user_id 或 phone 其中之一", "_schema")


class ResidentCardSchema(Schema):
    id = fields.Integer(required=True)
    serial = fields.String(required=True)
    user_id = fields.Integer(required=True)
    holder_name = fields.String(allow_none=True)
    masked_name = fields.String(required=True, metadata={"description": "as printed on the card"})
    community_id = fields.Integer(allow_none=True)
    issued_at = LocalDateTime(required=True)
    revoked_at = LocalDateTime(allow_none=True)
    revoke_reason = fields.String(allow_none=True)


class ResidentCardListArgs(paged_args()):
    community_id = Id()
    include_revoked = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class ResidentCardPageSchema(Schema):
    items = fields.List(fields.Nested(ResidentCardSchema), required=True)
    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)


class RevokeSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=1, max=100))


class InvitationSchema(Schema):
    code = fields.String(required=True, metadata={"description": "the family member scans it (or types it)"})
    qr_png = fields.String(required=True, metadata={"description": "the code as a QR image, a data: URI"})
    expires_at = LocalDateTime(required=True)


class AcceptSchema(Schema):
    invitation = Opaque(required=True, validate=validate.Length(min=1, max=64))
    relation = Text(validate=validate.OneOf(RELATIONS))


class WitnessSchema(Schema):
    family_phone = Text(required=True, validate=PHONE,
                        metadata={"description": "the family member's phone (they use the mini-program)"})
    relation = Text(validate=validate.OneOf(RELATIONS))


class PersonSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(allow_none=True)


class FamilyLinkSchema(Schema):
    id = fields.Integer(required=True)
    elder = fields.Nested(PersonSchema, required=True)
    family = fields.Nested(PersonSchema, required=True)
    relation = fields.String(allow_none=True)
    consent = fields.String(required=True, metadata={"description": "elder (their own invitation) or witnessed"})
    status = fields.String(required=True)
    created_at = LocalDateTime(required=True)


class MyFamilySchema(Schema):
    elders = fields.List(fields.Nested(FamilyLinkSchema), required=True,
                         metadata={"description": "people I may check in (家属代签)"})
    family = fields.List(fields.Nested(FamilyLinkSchema), required=True,
                         metadata={"description": "people who may check me in"})
