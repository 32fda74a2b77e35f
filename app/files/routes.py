"""Uploading a photo, and the local backend's signed file URLs."""
import time

from flask import Response, current_app
from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.errors import APIError
from app.files import service
from app.files.schemas import SignedFileArgs, UploadedSchema, UploadFileSchema, UploadPurposeArgs
from app.files.storage import StoredFileMissing

blp = Blueprint("files", __name__, url_prefix="/api/v1", description="Photos and files (uploads)")

FILE_ROUTE = "/api/v1/files"
_CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


@blp.route("/uploads", methods=["POST"])
@login_required
@blp.arguments(UploadPurposeArgs, location="query")
@blp.arguments(UploadFileSchema, location="files")
@blp.response(201, UploadedSchema)
@blp.alt_response(413, schema="Error", description="upload_too_large")
@blp.alt_response(415, schema="Error", description="upload_type_unsupported: not a JPEG, PNG or WebP image")
@blp.alt_response(503, schema="Error", description="storage_unavailable: the object store failed")
def upload(args, files):
    """Upload one image (multipart, field ``file``; ``?purpose=need_photo``).

    The type is read from the bytes; the image is turned upright, scaled to
    fit 2048 px and re-encoded without any metadata (EXIF location included).
    WeChat's media check follows in the background (``check_status``)."""
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    data = files["file"].stream.read(limit + 1)
    return service.present(service.store_upload(current_user(), data, args["purpose"]))


@blp.route("/files/<path:key>", methods=["GET"])
@blp.arguments(SignedFileArgs, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="image/jpeg",
              description="the file's bytes (image/jpeg or image/png)")
@blp.alt_response(403, schema="Error", description="file_link_invalid: forged or expired")
def signed_file(args, key):
    """A stored file through a signed URL (local storage only; an object
    store serves its own presigned URLs). No login: the URL is the
    capability, and it expires (FILE_URL_TTL)."""
    storage = service.storage()
    if getattr(storage, "kind", None) != "local":
        raise APIError("not_found")
    if not storage.verify(key, args["expires"], args["signature"]):
        raise APIError("file_link_invalid")
    try:
        data = storage.read(key)
    except StoredFileMissing:
        raise APIError("not_found") from None
    response = Response(data, mimetype=_CONTENT_TYPES[key.rsplit(".", 1)[1]])
    response.headers["Cache-Control"] = f"private, max-age={max(0, int(args['expires']) - int(time.time()))}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
