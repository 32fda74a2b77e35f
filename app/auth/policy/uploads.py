"""Uploads: a person attaches only their own uploads, while they are usable
(not deleted, not found risky by WeChat's media check). Who may *see* an
attached upload is the attaching area's decision (a need's photos follow the
need); it then asks app.files.service for short-lived URLs."""
from sqlalchemy import and_

from app.models import Upload


def attachable_clause(user, purpose):
    """The uploads ``user`` may attach for ``purpose``."""
    return and_(Upload.owner_id == user.id, Upload.purpose == purpose,
                Upload.deleted_at.is_(None), Upload.check_status != "risky")


def may_attach(user, upload, purpose):
    return (upload.owner_id == user.id and upload.purpose == purpose
            and upload.deleted_at is None and upload.check_status != "risky")
