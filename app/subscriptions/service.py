"""Recording what users answered in wx.requestSubscribeMessage."""
from sqlalchemy import select

from app.errors import APIError
from app.extensions import db
from app.models import ACCEPTING_ANSWERS, SubscriptionAnswer, SubscriptionQuota, utcnow
from app.models.base import dialect_insert
from app.subscriptions import ledger, templates


def record_answers(user, results, request_id=None):
    """``results`` is {template_id: answer} from the mini-program. Each accept
    adds one send to the user's quota for that template. With a
    ``request_id`` a report the phone sends twice counts once."""
    unknown = [tid for tid in results if templates.find(tid) is None]
    if unknown:
        raise APIError("unknown_template", details={"template_ids": unknown})
    by_template = {}
    for key, answer in results.items():
        template_id = templates.get(key).id
        if template_id in by_template:
            # A template named by both its id and its name would count one tap twice.
            raise APIError("validation_failed", "同一个模板只能有一个结果", details={"template_id": template_id})
        by_template[template_id] = answer
    now = utcnow()
    answers = db.session.execute(dialect_insert(SubscriptionAnswer.__table__).values([
        {"user_id": user.id, "template_id": template_id, "answer": answer,
         "request_id": request_id, "answered_at": now}
        for template_id, answer in by_template.items()
    ]).on_conflict_do_nothing().returning(SubscriptionAnswer.template_id))
    fresh = {row[0] for row in answers}
    for template_id, answer in by_template.items():
        if template_id in fresh:
            ledger.record_answer(user.id, template_id, answer in ACCEPTING_ANSWERS, answer, now)
    db.session.commit()
    return subscriptions_of(user)


def subscriptions_of(user):
    """Every configured template with what this user allows for it."""
    rows = {
        q.template_id: q
        for q in db.session.execute(
            select(SubscriptionQuota).where(SubscriptionQuota.user_id == user.id)
        ).scalars()
    }
    out = []
    for template in templates.all_templates():
        q = rows.get(template.id)
        out.append({
            "template_id": template.id,
            "name": template.name,
            "title": template.title,
            "remaining": q.remaining if q else 0,
            "accepted_total": q.accepted_total if q else 0,
            "last_answer": q.last_answer if q else None,
            "last_answered_at": q.last_answered_at if q else None,
        })
    return out
