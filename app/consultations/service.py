"""议事: opening a topic, comments (checked by WeChat's msgSecCheck, hidden
by staff with a reason), one vote per person (changeable until the vote
closes), and the resolution (what was decided, who does what by when).

| status | comments | vote | results |
| --- | --- | --- | --- |
| open | residents and staff | until ``vote_closes_at`` | live if ``results_live`` |
| resolved | closed | closed | shown to all readers |
"""
from sqlalchemy import select

from app import audit
from app.consultations import moderation
from app.errors import invalid
from app.extensions import db
from app.mediation.errors import refuse
from app.models import (
    Community,
    ConsultationAction,
    ConsultationComment,
    ConsultationOption,
    ConsultationTopic,
    ConsultationVote,
    MemberUnit,
    User,
    utcnow,
)
from app.models.base import dialect_insert, lock_row

votes = ConsultationVote.__table__


def open_topic(actor, body, now=None):
    now = now or utcnow()
    if db.session.get(Community, body["community_id"]) is None:
        raise invalid("community_id", "社区不存在")
    options = body.get("options") or []
    if options and len(set(options)) != len(options):
        raise invalid("options", "投票选项不能重复")
    closes_at = body.get("vote_closes_at")
    if options and closes_at is None:
        raise invalid("vote_closes_at", "设置投票请填写截止时间")
    if closes_at is not None and closes_at <= now:
        raise invalid("vote_closes_at", "投票截止时间须晚于现在")
    topic = ConsultationTopic(community_id=body["community_id"], title=body["title"], description=body["description"],
                              place=body.get("place"), status="open", results_live=body["results_live"],
                              vote_closes_at=closes_at if options else None, opened_by_id=actor.id,
                              created_at=now, updated_at=now)
    topic.options = [ConsultationOption(position=i, label=label) for i, label in enumerate(options)]
    db.session.add(topic)
    db.session.flush()
    audit.record("consultation.open", actor=actor, target=topic)
    db.session.commit()
    return topic


def _open_locked(topic_id):
    topic = lock_row(ConsultationTopic, topic_id)
    if topic is None:
        raise refuse("topic_not_found")
    if topic.status != "open":
        raise refuse("topic_resolved")
    return topic


def comment(actor, topic_id, body, now=None):
    """A comment, once WeChat's content check passed (before any row is written)."""
    moderation.check_comment(actor, body)
    _open_locked(topic_id)
    row = ConsultationComment(topic_id=topic_id, author_id=actor.id, body=body, created_at=now or utcnow())
    db.session.add(row)
    db.session.commit()
    return row


def hide_comment(actor, topic_id, comment_id, reason, now=None):
    row = db.session.get(ConsultationComment, comment_id)
    if row is None or row.topic_id != topic_id:
        raise refuse("comment_not_found")
    if row.hidden_at is None:
        row.hidden_at, row.hidden_by_id, row.hidden_reason = now or utcnow(), actor.id, reason
        audit.record("consultation.hide_comment", actor=actor, target=row, detail={"reason": reason})
    db.session.commit()
    return row


def vote(actor, topic_id, option_id, now=None):
    """One row per person: a second vote (or two racing) changes the choice,
    never adds a row. Allowed until the vote closes."""
    now = now or utcnow()
    topic = _open_locked(topic_id)  # a vote never lands on a topic resolved meanwhile
    if not topic.has_vote:
        raise refuse("topic_has_no_vote")
    if topic.vote_closes_at is not None and now >= topic.vote_closes_at:
        raise refuse("vote_closed")
    if option_id not in {o.id for o in topic.options}:
        raise refuse("option_not_found", details={"json": {"option_id": ["投票选项不存在"]}})
    statement = dialect_insert(votes).values(topic_id=topic_id, user_id=actor.id, option_id=option_id, voted_at=now)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["topic_id", "user_id"], set_={"option_id": option_id, "voted_at": now}))
    db.session.commit()
    return option_id


def _action(item):
    kind = item["assignee_kind"]
    action = ConsultationAction(what=item["what"], assignee_kind=kind, due_on=item.get("due_on"))
    if kind == "person":
        if item.get("assignee_user_id") is None or db.session.get(User, item["assignee_user_id"]) is None:
            raise invalid("actions", "请选择负责人")
        action.assignee_user_id = item["assignee_user_id"]
    elif kind == "unit":
        if item.get("assignee_unit_id") is None or db.session.get(MemberUnit, item["assignee_unit_id"]) is None:
            raise invalid("actions", "请选择负责的共建单位")
        action.assignee_unit_id = item["assignee_unit_id"]
    else:
        if not item.get("assignee_text"):
            raise invalid("actions", "请填写负责方")
        action.assignee_text = item["assignee_text"]
    return action


def resolve(actor, topic_id, body, now=None):
    """Close the topic with its resolution; comments and the vote close with it."""
    topic = _open_locked(topic_id)
    topic.actions = [_action(item) for item in body["actions"]]
    now = now or utcnow()
    topic.status, topic.decision, topic.resolved_at, topic.resolved_by_id = "resolved", body["decision"], now, actor.id
    if topic.vote_closes_at is not None and topic.vote_closes_at > now:
        topic.vote_closes_at = now
    audit.record("consultation.resolve", actor=actor, target=topic)
    db.session.commit()
    return topic


def erase_comments_of(sender=None, user_id=None, **kwargs):
    """Receiver of ``account_closed``: a closed account's comments lose
    their text (the row stays so replies keep their place); votes stay
    counted, tied to a person no longer identified."""
    db.session.execute(db.update(ConsultationComment).where(ConsultationComment.author_id == user_id)
                       .values(body=None))
    db.session.commit()


def vote_counts(topic):
    rows = db.session.execute(select(ConsultationVote.option_id, db.func.count())
                              .where(ConsultationVote.topic_id == topic.id)
                              .group_by(ConsultationVote.option_id)).all()
    return dict(rows)


def my_vote(topic, user):
    return db.session.execute(select(ConsultationVote.option_id).where(
        ConsultationVote.topic_id == topic.id, ConsultationVote.user_id == user.id)).scalar()


def voting_open(topic, now=None):
    now = now or utcnow()
    return topic.status == "open" and topic.has_vote and topic.vote_closes_at is not None \
        and now < topic.vote_closes_at
