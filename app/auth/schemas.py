from marshmallow import Schema, fields, validate

from app.schemas import UserSchema


class LoginSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=128),
                         metadata={"description": "the one-time code from wx.login"})


class PhoneCodeSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=128),
                         metadata={"description": "the code from the getPhoneNumber button"})


class LoginResultSchema(Schema):
    token = fields.String(required=True)
    expires_in = fields.Integer(required=True)
    user = fields.Nested(UserSchema, required=True)
