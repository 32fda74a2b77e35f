"""Party organisation (党组织): branches and their members.

Party membership is personal data: only the member, the organisers of their
branch (branch_organiser grants) and the office read it (app/auth/policy/party.py);
it is in see-my-data and leaves with account closing.
"""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime

BRANCH_KINDS = ("community", "unit", "other")
# pending: declared by the person; confirmed / rejected by the branch's
# organiser; left: transferred out or ended (kept as history).
MEMBERSHIP_STATUSES = ("pending", "confirmed", "rejected", "left")


class PartyBranch(TimestampMixin, db.Model):
    """A party branch (党支部 / 党组织) of a community or of a member unit."""

    __tablename__ = "party_branches"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128), nullable=False, unique=True)
    kind = db.Column(db.String(16), nullable=False, default="community", server_default="community")
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)

    community = db.relationship("Community")
    member_unit = db.relationship("MemberUnit")

    def to_dict(self):
        return {"id": self.id, "name": self.name, "kind": self.kind, "community_id": self.community_id,
                "member_unit_id": self.member_unit_id}


class PartyMembership(TimestampMixin, db.Model):
    """A person's declared party membership, one per person. 在职党员
    (``in_service``) work in a member unit (``work_unit_id``) and report to
    the community where they live (在职党员报到)."""

    __tablename__ = "party_memberships"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True)
    branch_id = db.Column(db.Integer, db.ForeignKey("party_branches.id"), nullable=False, index=True)
    joined_on = db.Column(db.Date, nullable=True)
    in_service = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    work_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    status = db.Column(db.String(16), nullable=False, default="pending", server_default="pending", index=True)
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    reviewed_at = db.Column(UTCDateTime(), nullable=True)
    review_reason = db.Column(db.String(200), nullable=True)

    user = db.relationship("User", foreign_keys=[user_id])
    branch = db.relationship("PartyBranch")
    work_unit = db.relationship("MemberUnit")


REPORT_STATUSES = ("active", "ended")


class ServicePost(TimestampMixin, db.Model):
    """A service post (服务岗位) a community offers to the 在职党员 who report
    to it (楼道长, 文明劝导, 助老服务...). Its staff define and retire them;
    a retired post (``active`` false) stays on the reports that chose it."""

    __tablename__ = "party_service_posts"
    __table_args__ = (db.UniqueConstraint("community_id", "name", name="uq_party_service_posts_community_name"),)

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    name = db.Column(db.String(32), nullable=False)
    description = db.Column(db.String(200), nullable=True)
    capacity = db.Column(db.Integer, nullable=True)  # how many members it wants; None: any number
    active = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    community = db.relationship("Community")


party_report_posts = db.Table(
    "party_report_posts",
    db.Column("report_id", db.Integer, db.ForeignKey("party_reports.id", ondelete="CASCADE"), primary_key=True),
    db.Column("post_id", db.Integer, db.ForeignKey("party_service_posts.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class PartyReport(TimestampMixin, db.Model):
    """在职党员报到: a confirmed in-service member reports to the community
    where they live, choosing its service posts. One row per (person,
    community); reporting to a new home community ends the old one (kept,
    ``ended``, so the old community's record of what they did stays)."""

    __tablename__ = "party_reports"
    __table_args__ = (db.UniqueConstraint("user_id", "community_id", name="uq_party_reports_user_community"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    status = db.Column(db.String(16), nullable=False, default="active", server_default="active")
    note = db.Column(db.String(200), nullable=True)  # what they offer, in their own words
    reported_at = db.Column(UTCDateTime(), nullable=False)
    ended_at = db.Column(UTCDateTime(), nullable=True)

    user = db.relationship("User")
    community = db.relationship("Community")
    posts = db.relationship("ServicePost", secondary=party_report_posts, order_by="ServicePost.id")
