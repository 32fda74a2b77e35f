"""mediaCheckAsync version 2 (异步校验图片/音频) and its message push.

Request (``POST /wxa/media_check_async?access_token=``)::

    {"media_url": "https://...", "media_type": 2, "version": 2, "scene": 1..4, "openid": "o..."}

Answer ``{"errcode": 0, "errmsg": "ok", "trace_id": "..."}``. WeChat then
downloads the media and, within 30 minutes, pushes the ``wxa_media_check``
event to the mini-program's message push URL (消息推送, JSON mode)::

    POST <push_url>?signature=&timestamp=&nonce=
    {"ToUserName": "gh_...", "FromUserName": openid, "CreateTime": ..., "MsgType": "event",
     "Event": "wxa_media_check", "appid": ..., "trace_id": ..., "version": 2,
     "detail": [{"strategy": "content_model", "errcode": 0, "suggest": "risky", "label": 20002, "prob": 90}],
     "errcode": 0, "errmsg": "ok", "result": {"suggest": "risky", "label": 20002}}

``signature`` is the SHA-1 of the push token, timestamp and nonce sorted and
joined. A media URL WeChat cannot download is pushed with errcode -1008 and
no detail. Limits: 2,000 calls a minute (44991) and 200,000 a day (45009)
per appid; media up to 10 MB; the openid must have opened the mini-program
within the last two hours (61010), as for msgSecCheck v2.

The emulator's "model": media whose SHA-256 is in ``risky_media`` is risky
(label 20002), or the verdict the control API's deliver call names; all else
passes. Pushes go out when the control API asks
(``POST /_emulator/media-checks/deliver``), or by themselves after
``media_check_delay`` seconds when that is set.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass

from . import errors as E
from .errors import WxError, new_rid

MEDIA_TYPES = (1, 2)  # 1 audio, 2 image
SCENES = (1, 2, 3, 4)
PER_MINUTE = 2000
PER_DAY = 200_000
MAX_MEDIA_BYTES = 10 * 1024 * 1024
RISKY_LABEL = 20002  # 色情
DOWNLOAD_FAILED = -1008
DOWNLOAD_FAILED_MSG = "下载错误，请检查媒体链接是否可访问"


@dataclass
class MediaCheck:
    trace_id: str
    appid: str
    openid: str
    media_url: str
    media_type: int
    scene: int
    created: float
    delivered: bool = False
    suggest: str | None = None
    errcode: int | None = None
    push_status: int | str | None = None


def parse_request(body: dict) -> dict:
    """Validate the v2 arguments (the caller checks the openid)."""
    if body.get("version") not in (2, "2"):
        raise WxError(E.DATA_FORMAT_ERROR)
    media_url = body.get("media_url")
    if not isinstance(media_url, str) or not media_url.startswith(("http://", "https://")):
        raise WxError(E.DATA_FORMAT_ERROR)
    media_type = body.get("media_type")
    if isinstance(media_type, bool) or media_type not in MEDIA_TYPES:
        raise WxError(E.DATA_FORMAT_ERROR)
    scene = body.get("scene")
    if isinstance(scene, bool) or scene not in SCENES:
        raise WxError(E.INVALID_SCENE)
    openid = body.get("openid")
    if not isinstance(openid, str) or not openid:
        raise WxError(E.INVALID_OPENID)
    return {"media_url": media_url, "media_type": media_type, "scene": scene, "openid": openid}


def push_signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def new_trace_id() -> str:
    return new_rid()  # WeChat's trace ids look like its request ids


class MediaCheckMixin:
    """Pending checks, the per-app call limits and the pushes (needs EmulatorState's lock and clock)."""

    def _init_media_checks(self) -> None:
        self.media_checks: dict[str, MediaCheck] = {}
        self._media_minute: dict[str, deque] = {}
        self._media_day: dict[str, deque] = {}

    def start_media_check(self, appid: str, args: dict) -> str:
        with self._lock:
            now = self.now()
            minute = self._media_minute.setdefault(appid, deque())
            day = self._media_day.setdefault(appid, deque())
            for window, seconds in ((minute, 60), (day, 86400)):
                while window and now - window[0] >= seconds:
                    window.popleft()
            if len(day) >= PER_DAY:
                raise WxError(E.API_FREQ_LIMIT)
            if len(minute) >= PER_MINUTE:
                raise WxError(E.MINUTE_LIMIT)
            minute.append(now)
            day.append(now)
            check = MediaCheck(new_trace_id(), appid, args["openid"], args["media_url"], args["media_type"],
                               args["scene"], now)
            self.media_checks[check.trace_id] = check
            delay = self.media_check_delay
        if delay is not None:
            timer = threading.Timer(float(delay), self.deliver_media_checks, kwargs={"trace_id": check.trace_id})
            timer.daemon = True
            timer.start()
        return check.trace_id

    def media_check_list(self) -> list[dict]:
        with self._lock:
            return [asdict(c) for c in self.media_checks.values()]

    def deliver_media_checks(self, trace_id: str | None = None, suggest: str | None = None) -> list[dict]:
        """Judge and push the pending checks (or the one ``trace_id``);
        ``suggest`` (pass | risky | review) overrides the model's verdict."""
        with self._lock:
            due = [c for c in self.media_checks.values()
                   if not c.delivered and (trace_id is None or c.trace_id == trace_id)]
            for check in due:
                check.delivered = True  # claimed: a timer and a control call never push one twice
            push_url, token = self.push_url, self.push_token
            risky = set(self.risky_media)
        delivered = []
        for check in due:
            event = self._judge(check, risky, suggest)
            check.push_status = self._push(push_url, token, event)
            delivered.append(asdict(check))
        return delivered

    def _judge(self, check: MediaCheck, risky: set, suggest: str | None) -> dict:
        event = {"ToUserName": "gh_" + hashlib.md5(check.appid.encode()).hexdigest()[:12],
                 "FromUserName": check.openid, "CreateTime": int(self.now()), "MsgType": "event",
                 "Event": "wxa_media_check", "appid": check.appid, "trace_id": check.trace_id, "version": 2}
        media = _download(check.media_url)
        if media is None:
            check.errcode = DOWNLOAD_FAILED
            return {**event, "detail": [], "errcode": DOWNLOAD_FAILED, "errmsg": DOWNLOAD_FAILED_MSG}
        verdict = suggest or ("risky" if hashlib.sha256(media).hexdigest() in risky else "pass")
        label = 100 if verdict == "pass" else RISKY_LABEL
        check.suggest, check.errcode = verdict, 0
        return {**event, "detail": [{"strategy": "content_model", "errcode": 0, "suggest": verdict, "label": label,
                                     "prob": 90}],
                "errcode": 0, "errmsg": "ok", "result": {"suggest": verdict, "label": label}}

    @staticmethod
    def _push(push_url: str | None, token: str, event: dict):
        """POST the event as WeChat's message push does; the HTTP status, or why it failed."""
        if not push_url:
            return "no push_url configured"
        import requests

        timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**10))
        params = {"signature": push_signature(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
        try:
            response = requests.post(push_url, params=params, timeout=5,
                                     data=json.dumps(event, ensure_ascii=False).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
            return response.status_code
        except requests.RequestException as exc:
            return f"push failed: {exc.__class__.__name__}"


def _download(url: str) -> bytes | None:
    import requests

    try:
        response = requests.get(url, timeout=10, stream=True)
        if response.status_code != 200:
            return None
        data = response.raw.read(MAX_MEDIA_BYTES + 1, decode_content=True)
        return data if len(data) <= MAX_MEDIA_BYTES else None
    except requests.RequestException:
        return None
