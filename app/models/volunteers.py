"""Volunteers (志愿者): a resident's application, their squad, and its history.

Hours, the ledger and certificates live in ``app.models.hours``.
"""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# "closed": the person closed their account and was anonymised (PIPL); the row
# stays so their service records and hour totals keep their owner.
VOLUNTEER_STATUSES = ("pending", "approved", "rejected", "left", "closed")


class VolunteerProfile(TimestampMixin, db.Model):
    """One per person. Identity fields are what the civil-affairs rules ask a
    service record to name; the ID-card number is stored encrypted."""

    __tablename__ = "volunteer_profiles"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True)
    real_name = db.Column(db.String(32), nullable=False)
    phone = db.Column(db.String(20), nullable=False)
    id_number_encrypted = db.Column(db.Text, nullable=True)
    id_number_masked = db.Column(db.String(32), nullable=True)
    # HMAC of the ID number: finds a duplicate registration without decrypting anything.
    id_number_digest = db.Column(db.String(64), nullable=True, unique=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=True, index=True)
    skills = db.Column(db.JSON, nullable=False, default=list)
    status = db.Column(db.String(16), nullable=False, default="pending", index=True)
    consent_version = db.Column(db.String(16), nullable=True)
    consented_at = db.Column(UTCDateTime(), nullable=True)
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    reviewed_at = db.Column(UTCDateTime(), nullable=True)
    review_reason = db.Column(db.String(200), nullable=True)

    user = db.relationship("User", foreign_keys=[user_id])
    team = db.relationship("Team")
    community = db.relationship("Community")


class TeamMembership(db.Model):
    """The history of who served in which squad; the open row (left_at NULL)
    is the current squad."""

    __tablename__ = "team_memberships"
    __table_args__ = (
        # At most one current squad per person, whatever two requests racing do.
        db.Index("uq_team_memberships_open", "user_id", unique=True,
                 sqlite_where=db.text("left_at IS NULL"), postgresql_where=db.text("left_at IS NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=False, index=True)
    joined_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    left_at = db.Column(UTCDateTime(), nullable=True)
    reason = db.Column(db.String(200), nullable=True)

    team = db.relationship("Team")
