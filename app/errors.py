"""One error shape for the whole API: ``{"error": {"code", "message"}}``.

``code`` is stable and English (the mini-program branches on it); ``message``
is Chinese and can be shown to the user as it is.
"""
import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# code -> (HTTP status, Chinese message)
CATALOGUE = {
    "bad_request": (400, "请求格式不正确"),
    "validation_failed": (422, "提交的内容不符合要求"),
    "unauthenticated": (401, "请先登录"),
    "token_invalid": (401, "登录已失效，请重新登录"),
    "login_code_invalid": (401, "微信登录凭证无效或已使用，请重新登录"),
    "phone_code_invalid": (401, "手机号授权凭证无效或已使用，请重新授权"),
    "forbidden": (403, "没有权限执行此操作"),
    "out_of_scope": (403, "超出您的管理范围"),
    "not_found": (404, "请求的内容不存在"),
    "method_not_allowed": (405, "不支持该请求方法"),
    "conflict": (409, "操作冲突，请刷新后重试"),
    "payload_too_large": (413, "提交的内容过大"),
    "unsupported_media_type": (415, "请以 JSON 格式提交"),
    "rate_limited": (429, "操作太频繁，请稍后再试"),
    "wechat_unavailable": (502, "微信服务暂时不可用，请稍后再试"),
    "wechat_error": (502, "微信服务返回错误，请稍后再试"),
    "service_unavailable": (503, "服务暂时不可用，请稍后再试"),
    # subscriptions and notices
    "unknown_template": (422, "订阅消息模板不存在"),
    "field_invalid": (422, "通知内容不符合微信订阅消息的要求"),
    "page_invalid": (422, "跳转页面不是小程序内的页面"),
    "content_risky": (422, "通知内容未通过微信内容安全检测，请修改后再发送"),
    "content_check_visit_expired": (409, "内容安全检测要求您近两小时内打开过小程序，请重新进入小程序后再发送"),
    "audience_empty": (422, "没有可以接收这条通知的人"),
    "send_at_invalid": (422, "定时发送的时间须在 30 天以内"),
    "notice_not_cancellable": (409, "通知已发送完毕，无法取消"),
    "internal_error": (500, "服务器开小差了，请稍后再试"),
}

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    502: "wechat_unavailable",
    503: "service_unavailable",
}


class APIError(Exception):
    """A failure the client should see, raised from services or handlers.

    ``APIError("out_of_scope")`` takes status and message from the catalogue;
    a service may pass its own status and message for codes of its area.
    """

    def __init__(self, code, message=None, status=None, details=None):
        known_status, known_message = CATALOGUE.get(code, (400, "请求无法完成"))
        self.code = code
        self.status = status or known_status
        self.message = message or known_message
        self.details = details
        super().__init__(f"{code}: {self.message}")


def error_body(code, message, details=None):
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def api_error_response(exc):
    return jsonify(error_body(exc.code, exc.message, exc.details)), exc.status


def http_exception_response(error):
    status = error.code or 500
    code = _STATUS_CODES.get(status, "bad_request" if status < 500 else "internal_error")
    message = CATALOGUE.get(code, (status, "请求无法完成"))[1]
    details = None
    data = getattr(error, "data", None) or {}
    if status == 422 and "messages" in data:
        # marshmallow's field errors, keyed by location then field name
        details = data["messages"]
    if status == 429 and getattr(error, "description", None):
        details = {"limit": str(error.description)}
    response = jsonify(error_body(code, message, details))
    response.status_code = status
    for name, value in (getattr(error, "get_headers", lambda: [])() or []):
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def unexpected_error_response(exc):
    log.exception("unhandled error")
    status, message = CATALOGUE["internal_error"]
    return jsonify(error_body("internal_error", message)), status


def register_error_handlers(app):
    app.register_error_handler(APIError, api_error_response)
    app.register_error_handler(HTTPException, http_exception_response)
    app.register_error_handler(Exception, unexpected_error_response)
