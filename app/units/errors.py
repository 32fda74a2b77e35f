"""The units area's refusals: stable codes with Chinese messages (the shared
catalogue in app/errors.py keeps the platform's; these are this area's)."""
from app.errors import APIError

ERRORS = {
    "unit_not_found": (404, "共建单位不存在"),
    "unit_name_taken": (409, "已有同名的共建单位"),
    "unit_status_unchanged": (409, "单位已是该状态"),
    "unit_not_active": (409, "该单位已暂停或退出联盟，不能新增资源或项目"),
    "profile_fields_only": (403, "单位联络人只能修改单位简介、地址、位置和党组织名称"),
    "resource_not_found": (404, "资源不存在"),
    "project_not_found": (404, "项目不存在"),
    "mandatory_project_not_found": (404, "必选项目不存在"),
    "mandatory_limit_reached": (409, "每年的必选项目最多 5 个"),
    "mandatory_title_taken": (409, "本年度已有同名的必选项目"),
    "mandatory_in_use": (409, "已有单位领办该必选项目，不能删除"),
    "mandatory_already_taken": (409, "本单位已领办该必选项目"),
    "mandatory_wrong_year": (422, "必选项目不属于该年度"),
    "optional_limit_reached": (409, "每个单位每年的自选项目最多 5 个"),
    "event_not_linkable": (409, "只能关联本单位主办、或本单位所在社区主办的当年活动"),
    "event_already_linked": (409, "该活动已关联到本项目"),
    "event_not_linked": (404, "该活动未关联到本项目"),
    "milestone_not_found": (404, "里程碑不存在"),
    "milestone_already_done": (409, "该里程碑已完成"),
    "rating_year_closed": (409, "只能评价本年度合作的社区，往年的评价已锁定"),
    "community_not_worked_with": (409, "本年度尚未与该社区合作（履职、吹哨报到、项目或所在社区），暂不能评价"),
}


def refuse(code, message=None, details=None):
    status, default = ERRORS[code]
    return APIError(code, message or default, status=status, details=details)
