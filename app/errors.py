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
    "account_disabled": (403, "该账号已停用，如有疑问请联系社区"),
    "out_of_scope": (403, "超出您的管理范围"),
    "not_found": (404, "请求的内容不存在"),
    "method_not_allowed": (405, "不支持该请求方法"),
    "conflict": (409, "操作冲突，请刷新后重试"),
    "payload_too_large": (413, "提交的内容过大"),
    "unsupported_media_type": (415, "请以 JSON 格式提交"),
    # request bodies (app/request_body.py)
    "json_invalid": (400, "提交的内容不是有效的 JSON"),
    "json_too_deep": (400, "提交的内容嵌套层级过深"),
    "body_required": (422, "请提交请求内容"),
    "rate_limited": (429, "操作太频繁，请稍后再试"),
    # grids (网格) and patrols (巡防)
    "grid_not_found": (404, "网格不存在"),
    "grid_name_taken": (409, "本社区已有同名网格，或网格编号已被使用"),
    "location_outside_grids": (404, "该位置不在任何网格内"),
    "patrol_team_not_found": (404, "巡防队不存在"),
    "patrol_team_exists": (409, "该中队已是巡防队"),
    "route_not_found": (404, "巡防路线不存在"),
    "route_name_taken": (409, "该巡防队已有同名路线"),
    "route_inactive": (409, "该巡防路线已停用"),
    "checkpoint_not_found": (404, "巡防点不存在"),
    "patrol_not_found": (404, "巡防记录不存在"),
    "no_open_patrol": (404, "您当前没有进行中的巡防"),
    "patrol_already_open": (409, "您已有一次进行中的巡防，请先结束"),
    "patrol_not_open": (409, "本次巡防已结束"),
    "not_a_patroller": (403, "您不是该巡防队的队员，不能开始巡防"),
    "checkpoint_code_invalid": (422, "无法识别的巡防点二维码"),
    "checkpoint_not_on_route": (409, "该巡防点不在本次巡防的路线上"),
    "checkpoint_too_far": (409, "离巡防点太远"),
    # signing in to the desk console by scanning (app/auth/console_login.py)
    "console_login_expired": (409, "登录二维码已失效，请在电脑上刷新二维码后重新扫码"),
    "console_not_staff": (403, "您没有聚沙工作台的使用权限，工作台仅供组织者、共建单位联络人和街道管理员使用"),
    # events and registration (报名)
    "event_cancelled": (409, "活动已取消"),
    "event_ended": (409, "活动已结束"),
    "already_registered": (409, "您已报名该活动"),
    "registration_not_found": (404, "您尚未报名该活动"),
    "capacity_below_registered": (409, "名额不能少于已报名人数"),
    "wechat_unavailable": (502, "微信服务暂时不可用，请稍后再试"),
    "wechat_error": (502, "微信服务返回错误，请稍后再试"),
    "service_unavailable": (503, "服务暂时不可用，请稍后再试"),
    # teams (总队—大队—中队)
    "team_not_found": (404, "队伍不存在"),
    "team_parent_invalid": (422, "上级队伍不符合“总队—大队—中队”层级"),
    "team_name_taken": (409, "同一上级下已有同名队伍"),
    "team_not_empty": (409, "该队伍下还有下级队伍或队员记录，不能删除"),
    "team_not_squad": (422, "请选择一个中队"),
    # volunteers
    "consent_required": (422, "请先阅读并同意《志愿者个人信息处理说明》"),
    "id_number_invalid": (422, "身份证号码不正确，请核对后重新填写"),
    "phone_invalid": (422, "手机号码不正确"),
    "id_number_taken": (409, "该身份证号码已登记为志愿者"),
    "already_volunteer": (409, "您已经是志愿者或申请正在审核中"),
    "application_not_pending": (409, "该申请已处理"),
    "own_application": (403, "不能审核自己的志愿者申请，请由其他组织者处理"),
    "reason_required": (422, "请填写原因"),
    "not_a_volunteer": (409, "您还不是在册志愿者"),
    "same_team": (409, "您已在该中队"),
    "staff_cannot_close": (409, "您还担任组织者、管理员或联络人等职务，不能自行注销，请先联系管理员取消授权"),
    # exports
    "export_too_large": (409, "导出的记录较多，请改用后台导出，完成后再下载"),
    "export_not_found": (404, "导出任务不存在"),
    "export_not_ready": (409, "导出尚未完成，请稍后再下载"),
    "export_failed": (409, "导出失败，请重新发起导出"),
    "export_expired": (410, "导出文件已过期（保留一天），请重新导出"),
    # hours
    "record_not_found": (404, "服务记录不存在"),
    "record_not_pending": (409, "该服务记录已审核"),
    "own_record": (403, "不能审核或更正自己的服务时长，请由其他组织者处理"),
    "record_needs_checkout": (409, "该服务记录缺少签退，请先处理"),
    "record_not_missing_checkout": (409, "该服务记录不缺少签退"),
    "record_not_waiting": (409, "该服务记录已审核，不能再修改签退时间；已认定的时长请用「更正时长」"),
    "record_not_approved": (409, "只有已审核的服务时长可以更正"),
    "settle_time_invalid": (422, "签退时间须晚于签到时间"),
    "correction_unchanged": (422, "更正后的时长与当前相同"),
    "hours_invalid": (422, "服务时长须为 0.25 小时的整数倍，且不小于 0"),
    "ledger_append_only": (409, "已记录的服务时长不能修改或删除，请提交更正"),
    "no_approved_hours": (409, "所选期间暂无已审核的志愿服务时长"),
    "certificate_not_found": (404, "证明不存在"),
    "certificate_revoked": (409, "该证明已作废"),
    "date_range_invalid": (422, "开始日期不能晚于结束日期"),
    # check-in (app/checkin); "token_invalid" for a forged QR code is raised
    # as a 400 with its own message (app.checkin.tokens.invalid)
    "token_expired": (400, "签到码已过期，请扫描屏幕上最新的签到码"),
    "event_not_open": (409, "签到尚未开始"),
    "event_closed": (409, "签到已结束"),
    "outside_area": (403, "您不在活动地点范围内，请到现场后再扫码"),
    "location_required": (422, "扫海报签到需要获取您的位置，请允许后重试"),
    "event_full": (409, "活动人数已满，无法签到"),
    "not_registered": (403, "您未报名此活动或仍在候补名单中，无法签到"),
    "not_checked_in": (409, "您还没有签到，无法签退"),
    "event_location_missing": (409, "请先为活动设置地点坐标和签到范围，再生成海报"),
    "projector_link_invalid": (403, "投屏链接无效或已过期，请重新生成"),
    "user_not_found": (404, "未找到该居民"),
    # the front door: resident codes and cards, family check-in, offline batches
    "resident_code_invalid": (400, "居民码无效，请让居民出示「我的 → 居民码」或居民卡"),
    "resident_code_expired": (400, "居民码已过期，请让居民刷新后再扫"),
    "card_revoked": (409, "该居民卡已作废（已补办或注销），请使用新卡或到社区重新办理"),
    "card_not_found": (404, "居民卡不存在"),
    "proxy_not_allowed": (403, "您还不能为这位家人代签：需要本人在「家属代签」中出示邀请码同意，或由社区工作人员见证登记"),
    "family_invite_invalid": (409, "邀请码无效或已过期，请让家人重新生成"),
    "family_self": (422, "不能为自己代签"),
    "family_link_not_found": (404, "代签关系不存在"),
    "batch_too_large": (413, "一次上传的签到记录过多，请分批上传"),
    "nonce_conflict": (409, "该条记录的编号已被另一条不同内容的记录使用，未予处理"),
    "scanned_at_invalid": (422, "扫码时间不正确（晚于当前时间，或已超过可补传的期限）"),
    # the 数据大屏 (app/screen)
    "screen_key_invalid": (403, "大屏链接无效或已撤销，请联系街道管理员重新生成"),
    "screen_link_not_found": (404, "大屏链接不存在"),
    # subscriptions and notices
    "unknown_template": (422, "订阅消息模板不存在"),
    "field_invalid": (422, "通知内容不符合微信订阅消息的要求"),
    "page_invalid": (422, "跳转页面不是小程序内的页面"),
    "content_risky": (422, "通知内容未通过微信内容安全检测，请修改后再发送"),
    "content_check_visit_expired": (409, "内容安全检测要求您近两小时内打开过小程序，请重新进入小程序后再发送"),
    "audience_empty": (422, "没有可以接收这条通知的人"),
    "send_at_invalid": (422, "定时发送的时间须在 30 天以内"),
    "notice_not_cancellable": (409, "通知已发送完毕，无法取消"),
    # uploads (app/files)
    "upload_too_large": (413, "图片不能超过 8 MB，请压缩后重新上传"),
    "upload_type_unsupported": (415, "只能上传 JPEG、PNG 或 WebP 格式的图片"),
    "image_unreadable": (422, "图片已损坏或无法识别，请重新选择"),
    "image_too_many_pixels": (422, "图片尺寸过大，请缩小后重新上传"),
    "storage_unavailable": (503, "图片存储暂时不可用，请稍后再试"),
    "file_link_invalid": (403, "图片链接无效或已过期，请刷新后重试"),
    "push_signature_invalid": (403, "消息推送签名校验失败"),
    # needs (需求清单) and duties (履职清单), app/needs
    "need_not_found": (404, "需求不存在"),
    "duty_not_found": (404, "履职任务不存在"),
    "unit_not_found": (404, "共建单位不存在"),
    "unit_not_active": (409, "该共建单位已暂停或退出联盟，不能派单或抢单"),
    "need_not_cancellable": (409, "已有单位接单或需求已办结，不能取消"),
    "need_not_dispatchable": (409, "该需求当前不能派单（待确认抢单、已办结、已关闭或已取消）"),
    "need_not_open": (409, "该需求已被其他单位认领或已派单，不能抢单"),
    "need_not_public": (409, "该需求未公开，不能抢单"),
    "duty_exists": (409, "所选单位已在办理该需求"),
    "duty_not_offered": (409, "该任务不在待接单状态"),
    "duty_not_claimed": (409, "该任务不在待确认抢单状态"),
    "duty_not_withdrawable": (409, "只有待接单或履职中的任务可以撤回"),
    "duty_not_accepted": (409, "该任务不在履职中，不能提交进展或办结"),
    "duty_not_done": (409, "该任务尚未办结"),
    "reopen_window_passed": (409, "办结已超过 7 天，不能重新办理"),
    "timeline_append_only": (409, "办理记录不能修改或删除，请追加新的记录"),
    # 随手拍 work orders (工单), app/reports
    "work_order_not_found": (404, "工单不存在"),
    "work_order_taken": (409, "该工单已被他人受理，请刷新后查看"),
    "work_order_not_accepted": (409, "该工单尚未受理或已结束，不能提交进展或办结"),
    "work_order_not_open": (409, "该工单已办结或不予受理，不能再操作"),
    "work_order_not_closed": (409, "工单尚未办结，不能评价"),
    "work_order_already_rated": (409, "您已评价过该工单"),
    "work_order_not_finished": (409, "只有已办结或不予受理的工单可以申请重新办理"),
    "work_order_reopen_window_passed": (409, "办结已超过 7 天，不能申请重新办理；如问题仍在，请重新随手拍"),
    "work_order_top_level": (409, "工单已在街道层级，不能再上报"),
    "work_order_wrong_level": (409, "只有社区或街道层级的工单可以吹哨或转为联盟需求"),
    "work_order_linked": (409, "该工单已吹哨或已转为联盟需求"),
    "report_outside_subdistrict": (422, "该位置不在下沙街道的网格或社区范围内，请重新选择位置"),
    # 百年党史知多少 (app/quiz)
    "question_not_found": (404, "题目不存在"),
    "contest_not_found": (404, "竞赛不存在"),
    "attempt_not_found": (404, "答题记录不存在"),
    "contest_not_open": (409, "竞赛尚未开始"),
    "contest_closed": (409, "竞赛已结束"),
    "contest_not_for_you": (403, "本次竞赛仅限指定人员参加"),
    "attempts_used_up": (409, "您的答题次数已用完"),
    "attempt_taken": (409, "这次答题已在另一台设备上开始，请勿重复提交"),
    "attempt_running": (409, "您还有一次答题没有完成，请先完成"),
    "attempt_finished": (409, "本次答题已结束"),
    "answer_taken": (409, "这道题已经作答，请勿重复提交"),
    "not_enough_questions": (409, "题库中符合条件的题目不足，请调整抽题规则"),
    "contest_started": (409, "竞赛已开始，不能再修改抽题规则"),
    "leaderboard_not_published": (409, "排行榜将在竞赛结束后公布"),
    "contest_not_closed": (409, "竞赛结束后才能颁发荣誉证书"),
    "not_in_top": (409, "仅前几名可以获得荣誉证书"),
    "question_not_in_practice": (409, "这道题不在今天的每日一练或您的错题本中"),
    "already_practised": (409, "这道题今天已经答过了"),
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


def invalid(field, message, location="json"):
    """A 422 shaped like the schemas' own: details by location, then field."""
    return APIError("validation_failed", message, details={location: {field: [message]}})


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


def out_of_range_response(exc):
    """A value the database cannot hold (an id past 2^31, say) is the
    client's mistake, not a server fault."""
    from app.extensions import db

    db.session.rollback()
    log.info("input out of the database's range: %s", exc)
    status, message = CATALOGUE["validation_failed"]
    return jsonify(error_body("validation_failed", message)), status


def storage_unavailable_response(exc):
    log.warning("storage unavailable: %s", exc)
    status, message = CATALOGUE["service_unavailable"]
    return jsonify(error_body("service_unavailable", message)), status


def register_error_handlers(app):
    import redis
    from sqlalchemy.exc import DataError, OperationalError

    app.register_error_handler(APIError, api_error_response)
    app.register_error_handler(HTTPException, http_exception_response)
    app.register_error_handler(DataError, out_of_range_response)
    app.register_error_handler(OverflowError, out_of_range_response)
    app.register_error_handler(OperationalError, storage_unavailable_response)
    app.register_error_handler(redis.RedisError, storage_unavailable_response)
    app.register_error_handler(Exception, unexpected_error_response)
