"""Photos on needs and duty steps: ids of uploads (POST /api/v1/uploads).

The storage area (app/files) checks that the uploads are the person's own and
made for this purpose, and presents them with signed URLs.
"""
from app.files import service as _files

NEED_PURPOSE = "need_photo"
EVIDENCE_PURPOSE = "duty_evidence"


def attach(user, ids, purpose):
    """The photo ids to keep, after the storage area's checks (a Chinese
    field error on ``photo_ids`` when one is not the person's or unknown)."""
    ids = list(dict.fromkeys(ids or ()))
    if not ids:
        return ids
    return [upload.id for upload in _files.attachable_uploads(user, ids, purpose)]


def present(ids):
    """[{id, url, width, height}] for the ids (unknown, deleted and risky ones left out)."""
    ids = list(ids or ())
    return _files.present_uploads(ids) if ids else []
