"""How 议事 topics and comments are shown: results only when the topic
says so (live) or once resolved; a hidden comment's text only to staff."""
from sqlalchemy import func, select

from app.auth.policy import mediation as topic_policy
from app.consultations.service import my_vote, vote_counts, voting_open
from app.extensions import db
from app.localtime import iso
from app.models import ConsultationComment, utcnow

CLOSED_NAME = "已注销用户"


def _status_label(topic, now):
    if topic.status == "resolved":
        return "已形成决议"
    return "投票中" if voting_open(topic, now) else "讨论中"


def _assignee(action):
    if action.assignee_kind == "person":
        return (action.assignee_user.name if action.assignee_user else None) or CLOSED_NAME
    if action.assignee_kind == "unit":
        return action.assignee_unit.name if action.assignee_unit else "共建单位"
    return action.assignee_text


def topic_view(topic, viewer, now=None):
    now = now or utcnow()
    shown = topic.status == "resolved" or topic.results_live
    counts = vote_counts(topic) if topic.has_vote and shown else {}
    comments = db.session.execute(select(func.count()).select_from(ConsultationComment)
                                  .where(ConsultationComment.topic_id == topic.id)).scalar_one()
    return {
        "id": topic.id, "community": {"id": topic.community_id, "name": topic.community.name},
        "title": topic.title, "description": topic.description, "place": topic.place,
        "status": topic.status, "status_label": _status_label(topic, now), "has_vote": topic.has_vote,
        "vote_closes_at": topic.vote_closes_at, "voting_open": voting_open(topic, now),
        "results_live": topic.results_live, "results_shown": shown,
        "options": [{"id": o.id, "label": o.label, "votes": counts.get(o.id, 0) if shown else None}
                    for o in topic.options],
        "votes_total": sum(counts.values()) if shown and topic.has_vote else None,
        "my_vote": my_vote(topic, viewer) if topic.has_vote else None,
        "comment_count": comments, "decision": topic.decision,
        "actions": [{"id": a.id, "what": a.what, "assignee_kind": a.assignee_kind, "assignee": _assignee(a),
                     "due_on": a.due_on} for a in topic.actions],
        "resolved_at": topic.resolved_at, "created_at": topic.created_at,
        "can_take_part": topic_policy.may_take_part(viewer, topic),
        "can_moderate": topic_policy.may_moderate(viewer, topic),
    }


def comment_view(row, viewer, moderator):
    author = row.author
    name = (author.name if author is not None and author.is_active else None) or CLOSED_NAME
    hidden = row.hidden_at is not None
    return {"id": row.id, "author": {"id": row.author_id, "name": name} if row.author_id else None,
            "body": row.body if (moderator or not hidden) else None, "hidden": hidden,
            "hidden_reason": row.hidden_reason, "created_at": row.created_at,
            "mine": row.author_id == viewer.id}


def my_consultations(user):
    """The person's section of see-my-data: their comments and votes."""
    from app.models import ConsultationOption, ConsultationVote

    comments = db.session.execute(select(ConsultationComment).where(ConsultationComment.author_id == user.id)
                                  .order_by(ConsultationComment.id)).scalars().all()
    votes = db.session.execute(select(ConsultationVote.topic_id, ConsultationOption.label, ConsultationVote.voted_at)
                               .join(ConsultationOption, ConsultationOption.id == ConsultationVote.option_id)
                               .where(ConsultationVote.user_id == user.id).order_by(ConsultationVote.id)).all()
    return {"comments": [{"topic_id": c.topic_id, "body": c.body, "created_at": iso(c.created_at),
                          "hidden": c.hidden_at is not None} for c in comments],
            "votes": [{"topic_id": t, "option": label, "voted_at": iso(at)} for t, label, at in votes]}
