"""The mediation and 议事 areas' refusals: stable codes with Chinese messages."""
from app.errors import APIError

ERRORS = {
    "case_not_found": (404, "调解案件不存在"),
    "squad_not_set": (404, "该社区尚未指定钱塘阿姨调解队伍"),
    "not_a_mediator": (422, "该人员不是本社区钱塘阿姨调解队伍的在队成员"),
    "case_closed": (409, "该案件已结案，不能再操作"),
    "case_has_outcome": (409, "该案件已有调解结果，不能再登记调解或更改结果"),
    "case_without_mediator": (409, "请先为案件指派调解员"),
    "case_without_outcome": (409, "案件尚无调解结果，不能回访或结案"),
    "case_needs_follow_up": (409, "结案前请至少登记一次回访"),
    "agreement_not_available": (409, "只有调解成功的案件才有调解协议书"),
    "topic_not_found": (404, "议事话题不存在"),
    "comment_not_found": (404, "评论不存在"),
    "topic_resolved": (409, "该议题已形成决议，不能再评论、投票或修改"),
    "topic_has_no_vote": (409, "该议题没有设置投票"),
    "vote_closed": (409, "投票已截止"),
    "option_not_found": (422, "投票选项不存在"),
    "not_a_resident": (403, "只有本社区居民可以参与该议题的评论和投票"),
    "comment_risky": (422, "评论内容未通过微信内容安全检测，请修改后再发表"),
}


def refuse(code, message=None, details=None):
    status, default = ERRORS[code]
    return APIError(code, message or default, status=status, details=details)
