"""msgSecCheck (text content security), version 2 and the legacy version 1.

v2 body: ``{content, version: 2, scene: 1..4, openid, title?, nickname?, signature?}``
(scene: 1 资料, 2 评论, 3 论坛, 4 社交日志). The answer::

    {"errcode": 0, "errmsg": "ok",
     "result": {"suggest": "risky", "label": 20006},
     "detail": [{"strategy": "content_model", "errcode": 0, "suggest": "risky", "label": 20006, "prob": 90},
                {"strategy": "keyword", "errcode": 0, "suggest": "risky", "label": 20006, "level": 20,
                 "keyword": "赌博"}],
     "trace_id": "..."}

Labels: 100 正常, 10001 广告, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪,
20008 欺诈, 20012 低俗, 20013 版权, 21000 其他. The emulator's "model" is a
configurable word list: content containing a risky word is ``risky`` with that
word's label. v1 (no ``version``, as wechatpy's ``check_text_security`` sends)
answers 87014 "risky content" or 0 "ok".
"""

from __future__ import annotations

from . import errors as E
from .errors import WxError, new_rid

LABELS = {100: "正常", 10001: "广告", 20001: "时政", 20002: "色情", 20003: "辱骂",
          20006: "违法犯罪", 20008: "欺诈", 20012: "低俗", 20013: "版权", 21000: "其他"}
SCENES = (1, 2, 3, 4)
CONTENT_MAX = 2500


def _texts(body: dict, scene: int) -> list[str]:
    texts = [body.get("content") or ""]
    for key in ("title", "nickname"):
        if isinstance(body.get(key), str):
            texts.append(body[key])
    if scene == 1 and isinstance(body.get("signature"), str):
        texts.append(body["signature"])  # only meaningful for 资料 (scene 1)
    return texts


def _hits(texts: list[str], risky_words: dict) -> list[tuple[str, int]]:
    return [(word, label) for word, label in risky_words.items() if any(word in t for t in texts)]


def check_v1(body: dict, risky_words: dict) -> dict:
    content = body.get("content")
    if not isinstance(content, str):
        raise WxError(E.DATA_FORMAT_ERROR)
    if _hits([content], risky_words):
        raise WxError(E.RISKY_CONTENT)
    return {"errcode": 0, "errmsg": "ok"}


def parse_v2(body: dict) -> tuple[int, str]:
    """Validate the v2 arguments; return (scene, openid). Caller checks the openid."""
    version = body.get("version")
    if version not in (2, "2"):
        raise WxError(E.DATA_FORMAT_ERROR)
    content = body.get("content")
    if not isinstance(content, str) or len(content) > CONTENT_MAX:
        raise WxError(E.DATA_FORMAT_ERROR)
    scene = body.get("scene")
    if isinstance(scene, str) and scene.isdigit():
        scene = int(scene)
    if isinstance(scene, bool) or scene not in SCENES:
        raise WxError(E.INVALID_SCENE)
    openid = body.get("openid")
    if not isinstance(openid, str) or not openid:
        raise WxError(E.INVALID_OPENID)
    for key in ("title", "nickname", "signature"):
        if key in body and not isinstance(body[key], str):
            raise WxError(E.DATA_FORMAT_ERROR)
    return scene, openid


def check_v2(body: dict, scene: int, risky_words: dict) -> dict:
    hits = _hits(_texts(body, scene), risky_words)
    if hits:
        word, label = hits[0]
        detail = [{"strategy": "content_model", "errcode": 0, "suggest": "risky", "label": label, "prob": 90}]
        detail += [{"strategy": "keyword", "errcode": 0, "suggest": "risky", "label": lab,
                    "level": 20, "keyword": w} for w, lab in hits]
        result = {"suggest": "risky", "label": label}
    else:
        detail = [{"strategy": "content_model", "errcode": 0, "suggest": "pass", "label": 100, "prob": 90}]
        result = {"suggest": "pass", "label": 100}
    return {"errcode": 0, "errmsg": "ok", "result": result, "detail": detail, "trace_id": new_rid()}
