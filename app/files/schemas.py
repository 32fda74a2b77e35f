"""Upload schemas, and the ``photo_ids`` field other areas put in theirs."""
from flask_smorest.fields import Upload as UploadField
from marshmallow import fields, validate

from app.files.service import MAX_PHOTOS
from app.models import UPLOAD_PURPOSES
from app.schemas import Id, Opaque, Schema, Text


def photo_ids_field(**kwargs):
    """A list of upload ids (at most MAX_PHOTOS), for an area's request
    schema: ``photo_ids = photo_ids_field()``. The ids' owner and purpose are
    checked by ``app.files.service.attachable_uploads``."""
    kwargs.setdefault("load_default", list)
    kwargs.setdefault("metadata", {"description": f"ids from POST /api/v1/uploads, at most {MAX_PHOTOS}"})
    return fields.List(Id(), validate=validate.Length(max=MAX_PHOTOS, error=f"最多只能附 {MAX_PHOTOS} 张图片"),
                       **kwargs)


class PhotoIdsSchema(Schema):
    """``{"photo_ids": [...]}`` alone, or a base to extend."""

    photo_ids = photo_ids_field()


class UploadFileSchema(Schema):
    file = UploadField(required=True, metadata={"description": "a JPEG, PNG or WebP image (wx.uploadFile name=file)"})


class UploadPurposeArgs(Schema):
    purpose = Text(required=True, validate=validate.OneOf(UPLOAD_PURPOSES),
                   metadata={"description": "what the photo is for: " + ", ".join(UPLOAD_PURPOSES)})


class PhotoSchema(Schema):
    """An upload as other areas show it (``present_uploads``)."""

    id = fields.Integer()
    url = fields.String(metadata={"description": "a signed URL that works for FILE_URL_TTL (10 minutes)"})
    width = fields.Integer()
    height = fields.Integer()


class UploadedSchema(PhotoSchema):
    url = fields.String(allow_none=True, metadata={"description": "signed, short-lived; null once found risky"})
    check_status = fields.String(metadata={"description": "WeChat's media check: pending | pass | risky | error"})


class SignedFileArgs(Schema):
    expires = Opaque(required=True, metadata={"description": "Unix time the URL stops working"})
    signature = Opaque(required=True, metadata={"description": "HMAC-SHA256 of key and expiry"})
