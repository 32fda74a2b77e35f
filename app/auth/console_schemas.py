"""Shapes of the console sign-in (app/auth/console_routes.py)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.schemas import Opaque, Schema, UserSchema

STATUSES = ("pending", "scanned", "confirmed", "cancelled", "expired")


class NonceSchema(Schema):
    nonce = Opaque(required=True, validate=validate.Length(min=16, max=64),
                   metadata={"description": "the nonce from POST /auth/console/nonce (the code's scene after cl=)"})


class NewNonceSchema(Schema):
    nonce = fields.String(required=True)
    scene = fields.String(required=True, metadata={"description": "the mini-program code's scene: cl=<nonce>"})
    page = fields.String(required=True, metadata={"description": "the mini-program page the code opens"})
    expires_in = fields.Integer(required=True, metadata={"description": "seconds the code may be confirmed"})
    expires_at = LocalDateTime(required=True)
    qrcode = fields.String(required=True, metadata={"description": "the mini-program code, a data:image/png URL"})


class ScanResultSchema(Schema):
    status = fields.String(required=True, metadata={"description": "scanned"})
    address = fields.String(allow_none=True, metadata={"description": "the address of the computer signing in"})
    agent = fields.String(allow_none=True, metadata={"description": "its browser (User-Agent)"})
    expires_in = fields.Integer(metadata={"description": "seconds left to confirm"})


class PhoneAnswerSchema(Schema):
    status = fields.String(required=True, metadata={"description": "confirmed or cancelled"})


class PollResultSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES), metadata={
        "description": "pending (shown), scanned (opened on a phone), confirmed (this answer carries the token; "
                       "only the first poll after confirmation gets it), cancelled, expired (or already taken)"})
    token = fields.String(metadata={"description": "the console's bearer token (only with confirmed)"})
    expires_in = fields.Integer(metadata={"description": "seconds the token lives (only with confirmed)"})
    user = fields.Nested(UserSchema, metadata={"description": "who signed in (only with confirmed)"})


class DemoPersonSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    role = fields.String()
    role_label = fields.String()


class DemoConfirmSchema(NonceSchema):
    user_id = fields.Integer(required=True, strict=True)
