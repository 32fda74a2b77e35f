"""Comments pass WeChat's content check (msgSecCheck v2, scene 2 评论) as
their author, the way notices are checked (app/notices/compose.py): risky
text is refused with WeChat's label, a stale visit asks the person to
reopen the mini-program, WeChat failing is a 502 and nothing is saved."""
from app.errors import APIError
from app.mediation.errors import refuse
from app.notices.compose import RISK_LABELS, USER_VISIT_EXPIRED
from app.wechat import WeChatClientException, WeChatUnavailable, wechat, wechat_failure

COMMENT_SCENE = 2


def check_comment(author, text):
    try:
        answer = wechat().msg_sec_check(text, author.openid, scene=COMMENT_SCENE)
    except WeChatClientException as exc:
        if exc.errcode == USER_VISIT_EXPIRED:
            raise APIError("content_check_visit_expired",
                           "内容安全检测要求您近两小时内打开过小程序，请重新进入小程序后再发表") from exc
        raise wechat_failure(exc) from exc
    except WeChatUnavailable as exc:
        raise wechat_failure(exc) from exc
    result = answer.get("result") or {}
    if result.get("suggest") != "pass":
        label = result.get("label")
        raise refuse("comment_risky", f"评论内容未通过微信内容安全检测（{RISK_LABELS.get(label, '其他')}），请修改后再发表",
                     details={"suggest": result.get("suggest"), "label": label})
