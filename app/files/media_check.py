"""WeChat's media check for uploaded images (mediaCheckAsync, version 2).

After an upload is committed a job asks WeChat to check it: WeChat fetches
the image from a signed URL (valid MEDIA_CHECK_URL_TTL, as it may fetch
late) and answers, within minutes, by message push: the ``wxa_media_check``
event to app/files/push_routes.py, matched to the upload by ``trace_id``.
Until then the upload is ``pending`` and usable; ``risky`` hides it
(app.files.service.record_verdict, signal ``upload_flagged``). An upload
WeChat would not take (a refused URL, a user WeChat does not know) is
marked ``error`` and stays usable: the check is a safeguard, not a gate.
"""
import json
import logging

import redis
from flask import current_app

from app.extensions import db, redis_store
from app.jobs import actor
from app.models import Upload, User
from app.wechat import WeChatClientException, WeChatUnavailable, wechat

log = logging.getLogger(__name__)

# mediaCheckAsync's scene: 1 资料 (a profile), 2 评论, 3 论坛, 4 社交日志.
SCENES = {"avatar": 1}
DEFAULT_SCENE = 3
# Worth asking again later: WeChat busy (-1), its rate limit (45009), or a
# token that a retry refreshes (wechatpy's client refreshes once itself).
TRANSIENT_ERRCODES = (-1, 45009, 40001, 42001)
_OPTIONS = {"max_retries": 8, "min_backoff": 5000, "max_backoff": 600000, "time_limit": 60000}


class CheckNotTaken(Exception):
    """WeChat was busy or unreachable: the job is retried with backoff."""


def request_check(upload):
    """Queue the media check of a committed upload."""
    check_upload.send(upload.id)


@actor("files.media_check", **_OPTIONS)
def check_upload(upload_id):
    """Ask WeChat to check one upload; safe to run twice (a second trace id
    replaces the first only while no verdict has arrived)."""
    from app.files.service import storage

    upload = db.session.get(Upload, upload_id)
    if upload is None or upload.check_status != "pending" or upload.deleted_at is not None:
        return
    owner = db.session.get(User, upload.owner_id)
    media_url = storage().signed_url(upload.storage_key, current_app.config["MEDIA_CHECK_URL_TTL"])
    try:
        answer = wechat().media_check_async(media_url, owner.openid, SCENES.get(upload.purpose, DEFAULT_SCENE))
    except WeChatUnavailable as exc:
        raise CheckNotTaken(str(exc)) from exc
    except WeChatClientException as exc:
        if exc.errcode in TRANSIENT_ERRCODES:
            raise CheckNotTaken(f"{exc.errcode}: {exc.errmsg}") from exc
        log.warning("WeChat refused the media check of upload %s: %s %s", upload_id, exc.errcode, exc.errmsg)
        _mark(upload_id, status="error")
        return
    trace_id = answer.get("trace_id")
    _mark(upload_id, trace_id=trace_id)
    early = _early_verdict(trace_id)
    if early:
        from app.files.service import record_verdict

        record_verdict(trace_id, early.get("suggest"), early.get("errcode") or 0)


def _mark(upload_id, status=None, trace_id=None):
    upload = db.session.execute(db.select(Upload).where(Upload.id == upload_id).with_for_update()).scalar_one()
    if upload.check_status == "pending":  # a verdict that came first stays
        if status:
            upload.check_status = status
        if trace_id:
            upload.check_trace_id = trace_id
    db.session.commit()


# -- the verdict, pushed by WeChat ------------------------------------------------------

EARLY_VERDICT_SECONDS = 3600
_VERDICT_KEY = "files:media-verdict:"


def on_pushed_event(sender, event=None, payload=None, **kwargs):
    """Receiver of ``wechat_event_pushed``: a ``wxa_media_check`` verdict.
    A verdict for a trace id not yet stored (the push overtook the job's
    commit) is kept in Redis for the job to apply."""
    if event != "wxa_media_check" or not isinstance(payload.get("trace_id"), str):
        return
    from app.files.service import record_verdict

    trace_id = payload["trace_id"]
    errcode = payload.get("errcode") if isinstance(payload.get("errcode"), int) else 0
    result = payload.get("result") if isinstance(payload.get("result"), dict) else {}
    suggest = result.get("suggest")
    if errcode:
        log.warning("WeChat could not check media %s: %s %s", trace_id, errcode, payload.get("errmsg"))
    if record_verdict(trace_id, suggest, errcode) is None:
        try:
            redis_store.client.set(_VERDICT_KEY + trace_id, json.dumps({"suggest": suggest, "errcode": errcode}),
                                   ex=EARLY_VERDICT_SECONDS)
        except redis.RedisError:
            log.warning("media check verdict %s for no known upload, and Redis is down: dropped", trace_id)


def _early_verdict(trace_id):
    if not trace_id:
        return None
    try:
        raw = redis_store.client.get(_VERDICT_KEY + trace_id)
    except redis.RedisError:
        return None
    return json.loads(raw) if raw else None


@actor("files.delete_stored", max_retries=20, min_backoff=10000, max_backoff=3600000)
def delete_stored_later(key):
    """Delete stored bytes the store refused to delete at once."""
    from app.files.service import storage

    storage().delete(key)
