"""议事: a community opens a topic (as 新沙社区's members do under their
corridor), residents comment and vote, and the staff close it with a
resolution saying who will do what by when."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

TOPIC_STATUSES = ("open", "resolved")
ASSIGNEE_KINDS = ("person", "unit", "text")


class ConsultationTopic(TimestampMixin, db.Model):
    __tablename__ = "consultation_topics"
    __table_args__ = (db.Index("ix_consultation_topics_community_status", "community_id", "status"),)

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=False)
    place = db.Column(db.String(128), nullable=True)  # e.g. 党建文化长廊
    status = db.Column(db.String(16), nullable=False, default="open")
    # The vote, when the community chooses one: options live in ConsultationOption.
    vote_closes_at = db.Column(UTCDateTime(), nullable=True)
    results_live = db.Column(db.Boolean, nullable=False, default=False)  # else shown after the close
    opened_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    resolved_at = db.Column(UTCDateTime(), nullable=True)
    resolved_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decision = db.Column(db.Text, nullable=True)  # what was decided

    community = db.relationship("Community")
    options = db.relationship("ConsultationOption", order_by="ConsultationOption.position", lazy="selectin",
                              cascade="all, delete-orphan")
    actions = db.relationship("ConsultationAction", order_by="ConsultationAction.id", lazy="selectin",
                              cascade="all, delete-orphan")

    @property
    def has_vote(self):
        return bool(self.options)


class ConsultationOption(db.Model):
    __tablename__ = "consultation_options"

    id = db.Column(db.Integer, primary_key=True)
    topic_id = db.Column(db.Integer, db.ForeignKey("consultation_topics.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    label = db.Column(db.String(64), nullable=False)


class ConsultationVote(db.Model):
    """One vote per person per topic; changing it rewrites the row until the vote closes."""

    __tablename__ = "consultation_votes"
    __table_args__ = (db.UniqueConstraint("topic_id", "user_id", name="uq_consultation_votes_topic_user"),)

    id = db.Column(db.Integer, primary_key=True)
    topic_id = db.Column(db.Integer, db.ForeignKey("consultation_topics.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    option_id = db.Column(db.Integer, db.ForeignKey("consultation_options.id", ondelete="CASCADE"), nullable=False)
    voted_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class ConsultationComment(db.Model):
    """A resident's comment; staff may hide it with a reason (the row stays)."""

    __tablename__ = "consultation_comments"

    id = db.Column(db.Integer, primary_key=True)
    topic_id = db.Column(db.Integer, db.ForeignKey("consultation_topics.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    body = db.Column(db.Text, nullable=True)  # None once its author closed their account
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    hidden_at = db.Column(UTCDateTime(), nullable=True)
    hidden_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    hidden_reason = db.Column(db.String(200), nullable=True)

    author = db.relationship("User", foreign_keys=[author_id])


class ConsultationAction(db.Model):
    """Part of the resolution: what will be done, by whom (a person, a member
    unit or free text), by when."""

    __tablename__ = "consultation_actions"

    id = db.Column(db.Integer, primary_key=True)
    topic_id = db.Column(db.Integer, db.ForeignKey("consultation_topics.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    what = db.Column(db.String(200), nullable=False)
    assignee_kind = db.Column(db.String(8), nullable=False)
    assignee_user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    assignee_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="SET NULL"), nullable=True)
    assignee_text = db.Column(db.String(64), nullable=True)
    due_on = db.Column(db.Date, nullable=True)

    assignee_user = db.relationship("User")
    assignee_unit = db.relationship("MemberUnit")
