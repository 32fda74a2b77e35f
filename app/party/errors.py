"""The party area's error codes: status and Chinese message, raised with
``fail(code)`` (app/errors.py keeps the shared catalogue; an area may pass
its own status and message, see APIError)."""
from app.errors import APIError

CODES = {
    "branch_not_found": (404, "党组织不存在"),
    "branch_name_taken": (409, "已有同名党组织"),
    "membership_not_found": (404, "党员信息不存在"),
    "membership_not_pending": (409, "该党员信息已审核，请刷新后查看"),
    "membership_not_confirmed": (409, "只有已确认的党员可以办理转出"),
    "membership_not_withdrawable": (409, "党员信息已确认，如需变更请联系所在党组织办理转出"),
    "own_membership": (403, "不能审核自己的党员信息，请由党组织的其他管理员或街道处理"),
    "community_not_found": (404, "社区不存在"),
    "post_not_found": (404, "服务岗位不存在"),
    "post_name_taken": (409, "本社区已有同名服务岗位"),
    "post_full": (409, "所选服务岗位人数已满，请选择其他岗位"),
    "not_in_service_member": (409, "只有经党组织确认的在职党员才能到社区报到"),
    "home_community_required": (409, "请先在“我的”中设置您居住的社区，再到社区报到"),
    "report_not_found": (404, "您还没有到社区报到"),
}


def fail(code, message=None, details=None):
    status, known = CODES[code]
    return APIError(code, message or known, status=status, details=details)
