from marshmallow import fields, validate

from app.schemas import Opaque, Schema, UserSchema


class LoginSchema(Schema):
    code = Opaque(required=True, validate=validate.Length(min=1, max=128),
                  metadata={"description": "the one-time code from wx.login"})


class PhoneCodeSchema(Schema):
    code = Opaque(required=True, validate=validate.Length(min=1, max=128),
                  metadata={"description": "the code from the getPhoneNumber button"})


class LoginResultSchema(Schema):
    token = fields.String(required=True)
    expires_in = fields.Integer(required=True)
    user = fields.Nested(UserSchema, required=True)
