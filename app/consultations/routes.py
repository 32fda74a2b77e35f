"""/api/v1/consultations: 议事 topics of a community, comments (checked by
WeChat, moderated by staff), votes and the resolution."""
from flask_smorest import Blueprint
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.auth.policy import mediation as topic_policy
from app.consultations import service, views
from app.consultations.schemas import (
    CommentCreateSchema,
    CommentListArgs,
    CommentPageSchema,
    CommentSchema,
    HideSchema,
    MyVoteSchema,
    ResolveSchema,
    TopicCreateSchema,
    TopicListArgs,
    TopicPageSchema,
    TopicSchema,
    VoteSchema,
)
from app.extensions import db
from app.mediation.errors import refuse
from app.models import ConsultationComment, ConsultationTopic
from app.paging import total

blp = Blueprint("consultations", __name__, url_prefix="/api/v1",
                description="议事: community topics, residents' comments and votes, the resolution")
HIDDEN = "404 topic_not_found: not a resident or staff of the topic's community"


def _readable(topic_id, user):
    topic = db.session.get(ConsultationTopic, topic_id)
    if topic is None or not topic_policy.may_read_topic(user, topic):
        raise refuse("topic_not_found")
    return topic


def _fresh(topic_id, user):
    db.session.expire_all()
    return views.topic_view(db.session.get(ConsultationTopic, topic_id), user)


@blp.route("/consultations", methods=["POST"])
@login_required
@blp.arguments(TopicCreateSchema)
@blp.response(201, TopicSchema)
def open_topic(body):
    """The community's staff open a topic: description, place, an optional
    vote (options and a closing time), results live or after the close."""
    user = current_user()
    policy.require(topic_policy.may_open_topic(user, body["community_id"]),
                   message="只有本社区的工作人员可以发起议事")
    topic = service.open_topic(user, body)
    return _fresh(topic.id, user), 201


@blp.route("/consultations", methods=["GET"])
@login_required
@blp.arguments(TopicListArgs, location="query")
@blp.response(200, TopicPageSchema)
def list_topics(args):
    """Topics of my community (and of the communities I staff), newest first."""
    user = current_user()
    query = select(ConsultationTopic).where(topic_policy.readable_topics_clause(user, ConsultationTopic))
    for key in ("status", "community_id"):
        if args.get(key) is not None:
            query = query.where(getattr(ConsultationTopic, key) == args[key])
    count = total(query)
    rows = db.session.execute(query.order_by(ConsultationTopic.id.desc()).limit(args["limit"])
                              .offset(args["offset"])).scalars().all()
    return {"items": [views.topic_view(t, user) for t in rows], "total": count, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/consultations/<int:topic_id>", methods=["GET"])
@login_required
@blp.response(200, TopicSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def get_topic(topic_id):
    """One topic with its options (counts when shown), my vote and the resolution."""
    user = current_user()
    return views.topic_view(_readable(topic_id, user), user)


@blp.route("/consultations/<int:topic_id>/comments", methods=["GET"])
@login_required
@blp.arguments(CommentListArgs, location="query")
@blp.response(200, CommentPageSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def list_comments(args, topic_id):
    """Comments, oldest first; a hidden one shows its reason (its text to staff only)."""
    user = current_user()
    topic = _readable(topic_id, user)
    moderator = topic_policy.may_moderate(user, topic)
    query = select(ConsultationComment).where(ConsultationComment.topic_id == topic.id)
    count = total(query)
    rows = db.session.execute(query.order_by(ConsultationComment.id).limit(args["limit"])
                              .offset(args["offset"])).scalars().all()
    return {"items": [views.comment_view(c, user, moderator) for c in rows], "total": count,
            "limit": args["limit"], "offset": args["offset"]}


@blp.route("/consultations/<int:topic_id>/comments", methods=["POST"])
@login_required
@blp.arguments(CommentCreateSchema)
@blp.response(201, CommentSchema)
@blp.alt_response(422, schema="Error", description="comment_risky: WeChat's content check refused the text")
@blp.alt_response(409, schema="Error", description="topic_resolved / content_check_visit_expired")
def add_comment(body, topic_id):
    """A resident of the community (or its staff) comments; WeChat checks the text first."""
    user = current_user()
    topic = _readable(topic_id, user)
    if not topic_policy.may_comment(user, topic):
        raise refuse("not_a_resident")
    row = service.comment(user, topic.id, body["body"])
    return views.comment_view(row, user, topic_policy.may_moderate(user, topic)), 201


@blp.route("/consultations/<int:topic_id>/comments/<int:comment_id>/hide", methods=["POST"])
@login_required
@blp.arguments(HideSchema)
@blp.response(200, CommentSchema)
def hide_comment(body, topic_id, comment_id):
    """Staff hide a comment with a reason; residents see the reason, not the text."""
    user = current_user()
    policy.require(topic_policy.may_moderate(user, _readable(topic_id, user)))
    row = service.hide_comment(user, topic_id, comment_id, body["reason"])
    return views.comment_view(row, user, True)


@blp.route("/consultations/<int:topic_id>/vote", methods=["POST"])
@login_required
@blp.arguments(VoteSchema)
@blp.response(200, MyVoteSchema)
@blp.alt_response(409, schema="Error", description="vote_closed / topic_has_no_vote / topic_resolved")
def vote(body, topic_id):
    """My vote: one per person; voting again changes it until the vote closes."""
    user = current_user()
    topic = _readable(topic_id, user)
    if not topic_policy.may_take_part(user, topic):
        raise refuse("not_a_resident")
    option_id = service.vote(user, topic.id, body["option_id"])
    return {"option_id": option_id, "topic": _fresh(topic.id, user)}


@blp.route("/consultations/<int:topic_id>/resolve", methods=["POST"])
@login_required
@blp.arguments(ResolveSchema)
@blp.response(200, TopicSchema)
@blp.alt_response(409, schema="Error", description="topic_resolved")
def resolve(body, topic_id):
    """Staff close the topic with its resolution: what was decided and who
    will do what by when; visible to the community's residents."""
    user = current_user()
    policy.require(topic_policy.may_moderate(user, _readable(topic_id, user)))
    service.resolve(user, topic_id, body)
    return _fresh(topic_id, user)
