"""Uploads: store a re-encoded image, and the small public API other areas
use to attach and show photos (docs/files.md):

- ``attachable_uploads(user, ids, purpose)``: the Upload rows behind a
  ``photo_ids`` field, or the app's 422 on field ``photo_ids``;
- ``present_uploads(uploads_or_ids)``: ``[{id, url, width, height}]`` with
  short-lived signed URLs, risky and deleted uploads left out.

Knows nothing of Flask's request."""
import logging
import secrets

from flask import current_app

from app import signals
from app.auth.policy import uploads as upload_policy
from app.errors import APIError, invalid
from app.extensions import db
from app.files import images
from app.models import UPLOAD_PURPOSES, Upload, utcnow

log = logging.getLogger(__name__)

MAX_PHOTOS = 9  # what wx.chooseMedia lets a person pick at once
PHOTO_IDS_FIELD = "photo_ids"


def storage():
    """This app's storage backend (built in app.files.init_app)."""
    return current_app.extensions["jusha_storage"]


def new_key(purpose, extension, now=None):
    now = now or utcnow()
    return f"{purpose}/{now:%Y%m}/{secrets.token_urlsafe(18)}.{extension}"


def max_bytes_message(limit):
    return f"图片不能超过 {limit / (1024 * 1024):g} MB，请压缩后重新上传"


def store_upload(owner, data, purpose):
    """Re-encode ``data``, store it, write its row (committed) and queue
    WeChat's media check. The bytes were read within UPLOAD_MAX_BYTES."""
    config = current_app.config
    if purpose not in UPLOAD_PURPOSES:
        raise invalid("purpose", "图片用途不正确", location="query")
    if len(data) > config["UPLOAD_MAX_BYTES"]:
        raise APIError("upload_too_large", max_bytes_message(config["UPLOAD_MAX_BYTES"]))
    if not data:
        raise invalid("file", "请选择要上传的图片", location="files")
    image = images.reencode(data, max_dimension=config["UPLOAD_MAX_DIMENSION"],
                            jpeg_quality=config["UPLOAD_JPEG_QUALITY"])
    key = new_key(purpose, image.extension)
    try:
        storage().put(key, image.data, image.content_type)
    except Exception as exc:  # noqa: BLE001  (botocore's many errors, a full disk: the store failed)
        log.warning("storing an upload failed: %s", exc)
        raise APIError("storage_unavailable") from exc
    upload = Upload(owner_id=owner.id, storage_key=key, purpose=purpose, content_type=image.content_type,
                    size=len(image.data), width=image.width, height=image.height, check_status="pending")
    db.session.add(upload)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        _forget_bytes(key)  # no row: nothing could ever reach these bytes
        raise
    from app.files import media_check

    media_check.request_check(upload)
    return upload


def _forget_bytes(key):
    try:
        storage().delete(key)
    except Exception:  # noqa: BLE001  (the caller's own error matters more)
        log.warning("could not delete stored file %s", key, exc_info=True)


def url_for(upload, expires_in=None):
    """A short-lived URL to ``upload``'s bytes; None for a risky or deleted one."""
    if not upload.visible:
        return None
    return storage().signed_url(upload.storage_key, expires_in or current_app.config["FILE_URL_TTL"])


def present(upload):
    """The upload as its owner sees it right after uploading."""
    return {"id": upload.id, "url": url_for(upload), "width": upload.width, "height": upload.height,
            "check_status": upload.check_status}


# -- for other areas -----------------------------------------------------------

def attachable_uploads(user, ids, purpose):
    """The uploads ``ids`` (in the given order, repeats once) that ``user``
    may attach for ``purpose``; 422 on field ``photo_ids`` when there are
    more than MAX_PHOTOS, or one is missing, not theirs, of another purpose,
    deleted or found risky."""
    wanted = list(dict.fromkeys(ids or ()))
    if len(wanted) > MAX_PHOTOS:
        raise invalid(PHOTO_IDS_FIELD, f"最多只能附 {MAX_PHOTOS} 张图片")
    if not wanted:
        return []
    found = {u.id: u for u in db.session.execute(
        db.select(Upload).where(Upload.id.in_(wanted), Upload.owner_id == user.id)).scalars()}
    for upload_id in wanted:
        upload = found.get(upload_id)
        if upload is None or upload.deleted_at is not None:
            raise invalid(PHOTO_IDS_FIELD, f"图片 {upload_id} 不存在或不是您上传的")
        if upload.check_status == "risky":
            raise invalid(PHOTO_IDS_FIELD, f"图片 {upload_id} 未通过内容安全检测，请更换")
        if not upload_policy.may_attach(user, upload, purpose):
            raise invalid(PHOTO_IDS_FIELD, f"图片 {upload_id} 不是为此用途上传的，请重新上传")
    return [found[upload_id] for upload_id in wanted]


def present_uploads(uploads_or_ids):
    """``[{id, url, width, height}]`` in the given order, each URL valid for
    FILE_URL_TTL; risky, deleted and unknown uploads are left out. The caller
    has decided that the reader may see these uploads."""
    items = list(uploads_or_ids or ())
    ids = [item for item in items if isinstance(item, int)]
    loaded = {u.id: u for u in db.session.execute(db.select(Upload).where(Upload.id.in_(ids))).scalars()} \
        if ids else {}
    shown = []
    for item in items:
        upload = loaded.get(item) if isinstance(item, int) else item
        if upload is None or not upload.visible:
            continue
        shown.append({"id": upload.id, "url": url_for(upload), "width": upload.width, "height": upload.height})
    return shown


# -- the media check's verdict, and closing an account ---------------------------------

def record_verdict(trace_id, suggest, errcode=0):
    """Store WeChat's verdict for the check ``trace_id``; returns the upload,
    or None for a trace not (yet) known. ``upload_flagged`` is sent once,
    when an upload first becomes risky. ``review`` (WeChat not sure; a
    person there decides later) leaves the upload pending."""
    upload = db.session.execute(
        db.select(Upload).where(Upload.check_trace_id == trace_id).with_for_update()).scalar_one_or_none()
    if upload is None:
        db.session.rollback()
        return None
    status = "error" if errcode else {"risky": "risky", "pass": "pass"}.get(suggest)
    if status is None or upload.check_status == "risky":  # risky stays risky, whatever comes after
        db.session.rollback()
        return upload
    newly_risky = status == "risky"
    upload.check_status = status
    upload.checked_at = utcnow()
    db.session.commit()
    if newly_risky:
        signals.upload_flagged.send(current_app._get_current_object(), upload_id=upload.id,
                                    owner_id=upload.owner_id, purpose=upload.purpose)
    return upload


def delete_uploads_of(sender=None, user_id=None, **kwargs):
    """Receiver of ``account_closed``: the person's uploaded photos are
    personal content. The rows are marked first (from then on nothing shows
    them), then the bytes deleted; a delete the store refused is queued."""
    uploads = db.session.execute(
        db.select(Upload).where(Upload.owner_id == user_id, Upload.deleted_at.is_(None))).scalars().all()
    now = utcnow()
    for upload in uploads:
        upload.deleted_at = now
    db.session.commit()
    for upload in uploads:
        delete_stored(upload.storage_key)
    if uploads:
        log.info("deleted %d uploads of a closed account", len(uploads))


def delete_stored(key):
    try:
        storage().delete(key)
    except Exception:  # noqa: BLE001  (the account is closed; the bytes go later)
        log.warning("could not delete stored file %s now; queued", key, exc_info=True)
        from app.files import media_check

        media_check.delete_stored_later.send(key)
