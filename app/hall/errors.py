"""The hall area's error codes (status, Chinese message), raised as APIError
with the area's own status and message (app/errors.py allows an area this)."""
from app.errors import APIError

CODES = {
    "contest_not_found": (404, "比赛不存在"),
    "contest_closed": (409, "比赛已结束，成绩不能再录入或更正"),
    "contest_open": (409, "比赛尚未结束，结束后才能导出成绩和证书"),
    "round_not_found": (404, "该比赛没有这一轮"),
    "contest_team_not_found": (404, "该比赛没有这支队伍"),
    "entry_not_found": (404, "得分记录不存在"),
    "not_a_judge": (403, "您不是本场比赛的评委"),
    "not_head_judge": (403, "只有裁判长可以更正已录入的得分"),
    "score_already_recorded": (409, "这道题已有评委录入，请核对已记录的结果"),
    "entry_superseded": (409, "这条记录已被更正，请刷新后核对最新结果"),
    "judge_exists": (409, "该用户已是本场比赛的评委"),
    "head_judge_exists": (409, "本场比赛已有裁判长"),
    "team_name_taken": (409, "本场比赛已有同名队伍"),
    "not_top_place": (409, "只有获奖名次的队伍可以生成荣誉证书"),
    "scoreboard_link_invalid": (403, "比分大屏链接无效或已过期，请重新生成"),
}


def hall_error(code, details=None):
    status, message = CODES[code]
    return APIError(code, message, status=status, details=details)
