"""Checking what an organiser composed, in the order that costs least:
field values against WeChat's limits, the page, the audience against their
scope, and last the text through WeChat's content check (msgSecCheck v2)."""
from dataclasses import dataclass

from flask import current_app

from app.errors import APIError
from app.notices import audience as audiences
from app.subscriptions import fields, ledger, templates
from app.wechat import WeChatClientException, WeChatUnavailable, wechat, wechat_failure

# msgSecCheck labels
RISK_LABELS = {100: "正常", 10001: "广告", 20001: "时政", 20002: "色情", 20003: "辱骂", 20006: "违法犯罪",
               20008: "欺诈", 20012: "低俗", 20013: "版权", 21000: "其他"}
USER_VISIT_EXPIRED = 61010


@dataclass
class Composed:
    template: object
    values: dict
    shortened: list
    page: str | None
    audience: audiences.Audience


def compose(actor, body):
    template = templates.get(body["template_id"])
    checked = fields.check_values(template, body["values"], shorten=body.get("shorten", False))
    if checked.problems:
        first = next(iter(checked.problems.values()))
        raise APIError("field_invalid", first, details={"fields": checked.problems})
    page = check_page(body.get("page"))
    audience = audiences.resolve(body["audience"], actor)
    return Composed(template, checked.values, checked.shortened, page, audience)


def check_page(page):
    """A page of this mini-program, optionally with a query ("pages/event/detail?id=3")."""
    if not page:
        return None
    path = page.split("?", 1)[0].lstrip("/")
    if path not in current_app.config["MINIPROGRAM_PAGES"]:
        raise APIError("page_invalid", details={"pages": list(current_app.config["MINIPROGRAM_PAGES"])})
    return path + ("?" + page.split("?", 1)[1] if "?" in page else "")


def check_content(actor, values):
    """msgSecCheck v2 on the text, as the organiser who wrote it."""
    text = "\n".join(str(v) for v in values.values())
    try:
        answer = wechat().msg_sec_check(text, actor.openid)
    except WeChatClientException as exc:
        if exc.errcode == USER_VISIT_EXPIRED:
            raise APIError("content_check_visit_expired") from exc
        raise wechat_failure(exc) from exc
    except WeChatUnavailable as exc:
        raise wechat_failure(exc) from exc
    result = answer.get("result") or {}
    if result.get("suggest") != "pass":
        label = result.get("label")
        kind = RISK_LABELS.get(label, "其他")
        raise APIError("content_risky", f"通知内容未通过微信内容安全检测（{kind}），请修改后再发送",
                       details={"suggest": result.get("suggest"), "label": label})


def reach(composed):
    """How many people the audience has now, and how many can be sent to."""
    rows = ledger.remaining_for(composed.audience.user_ids, composed.template.id)
    with_quota = sum(1 for _, left in rows if left > 0)
    return {
        "recipients": len(rows),
        "with_quota": with_quota,
        "will_skip": len(rows) - with_quota,
        "skip_reasons": {"no_subscription": len(rows) - with_quota} if len(rows) > with_quota else {},
    }


def preview(actor, body):
    composed = compose(actor, body)
    check_content(actor, composed.values)
    return {
        "template_id": composed.template.id,
        "template_name": composed.template.name,
        "title": composed.template.title,
        "values": composed.values,
        "field_values": [{"key": f.key, "label": f.label, "value": composed.values[f.key]}
                         for f in composed.template.fields],
        "shortened": composed.shortened,
        "page": composed.page,
        "audience": composed.audience.spec,
        "content_check": "pass",
        **reach(composed),
    }
