"""WeChat error codes used by the emulator, with WeChat's own English errmsg text.

Every WeChat failure is answered with HTTP 200 and a JSON body
``{"errcode": N, "errmsg": "..."}``, exactly as api.weixin.qq.com does.
Like WeChat, the emulator appends `` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx`` to the
errmsg (a request id); clients must compare ``errcode``, never the whole errmsg.
"""

from __future__ import annotations

import os
import time

SYSTEM_ERROR = -1
OK = 0
INVALID_CREDENTIAL = 40001
INVALID_GRANT_TYPE = 40002
INVALID_OPENID = 40003
INVALID_APPID = 40013
INVALID_CODE = 40029
INVALID_TEMPLATE_ID = 40037
INVALID_ARGS = 40097
INVALID_APPSECRET = 40125
INVALID_SCENE = 40129
CODE_BEEN_USED = 40163
INVALID_SCENE_LENGTH = 40169
ACCESS_TOKEN_MISSING = 41001
APPID_MISSING = 41002
APPSECRET_MISSING = 41004
CODE_MISSING = 41008
INVALID_PAGE = 41030
ACCESS_TOKEN_EXPIRED = 42001
REQUIRE_GET = 43001
REQUIRE_POST = 43002
USER_REFUSE = 43101
APPID_OPENID_MISMATCH = 43104
EMPTY_POST_DATA = 44002
MINUTE_LIMIT = 44991
API_FREQ_LIMIT = 45009
DATA_FORMAT_ERROR = 47001
ARGUMENT_INVALID = 47003
USER_VISIT_EXPIRED = 61010
RISKY_CONTENT = 87014

MESSAGES = {
    SYSTEM_ERROR: "system error",
    OK: "ok",
    INVALID_CREDENTIAL: "invalid credential, access_token is invalid or not latest",
    INVALID_GRANT_TYPE: "invalid grant_type",
    INVALID_OPENID: "invalid openid",
    INVALID_APPID: "invalid appid",
    INVALID_CODE: "invalid code",
    INVALID_TEMPLATE_ID: "invalid template_id",
    INVALID_ARGS: "invalid args",
    INVALID_APPSECRET: "invalid appsecret",
    INVALID_SCENE: "invalid scene",
    CODE_BEEN_USED: "code been used",
    INVALID_SCENE_LENGTH: "invalid length for scene, or the data is not json string",
    ACCESS_TOKEN_MISSING: "access_token missing",
    APPID_MISSING: "appid missing",
    APPSECRET_MISSING: "appsecret missing",
    CODE_MISSING: "missing code",
    INVALID_PAGE: "invalid page",
    ACCESS_TOKEN_EXPIRED: "access_token expired",
    REQUIRE_GET: "require GET method",
    REQUIRE_POST: "require POST method",
    USER_REFUSE: "user refuse to accept the msg",
    APPID_OPENID_MISMATCH: "appid and openid not match",
    EMPTY_POST_DATA: "empty post data",
    MINUTE_LIMIT: "api minute-quota reach limit  mustslower  retry next minute",
    API_FREQ_LIMIT: "api freq out of limit",
    DATA_FORMAT_ERROR: "data format error",
    ARGUMENT_INVALID: "argument invalid!",
    USER_VISIT_EXPIRED: "user visit record expired",
    RISKY_CONTENT: "risky content",
}


def new_rid() -> str:
    """A request id shaped like WeChat's ``66c69111-4157f271-729ca238``."""
    return f"{int(time.time()) & 0xFFFFFFFF:08x}-{os.urandom(4).hex()}-{os.urandom(4).hex()}"


class WxError(Exception):
    """A WeChat API failure; the routes turn it into ``{"errcode", "errmsg"}``.

    ``errmsg`` replaces the standard text when given (e.g. the 47003 detail).
    """

    def __init__(self, errcode: int, errmsg: str | None = None):
        self.errcode = errcode
        self.errmsg = errmsg if errmsg is not None else MESSAGES.get(errcode, "error")
        super().__init__(f"{errcode} {self.errmsg}")

    def payload(self, rid_suffix: bool = True) -> dict:
        msg = self.errmsg
        if rid_suffix:
            msg = f"{msg} rid: {new_rid()}"
        return {"errcode": self.errcode, "errmsg": msg}
