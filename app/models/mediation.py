"""钱塘阿姨 mediation: a community's volunteer mediators (a squad), their cases,
the parties (encrypted at rest), sessions, outcome and follow-up visits.

Who reads a case is decided in app/auth/policy/mediation.py; every read is
audited (app/mediation/reads.py). Parties are not users: their names,
phones and addresses exist only here, encrypted.
"""
from app.extensions import db
from app.models.base import EncryptedString, TimestampMixin, UTCDateTime, utcnow

DISPUTE_KINDS = ("neighbour", "family", "property", "noise", "leak", "parking", "other")
DISPUTE_KIND_LABELS = {"neighbour": "邻里纠纷", "family": "家庭纠纷", "property": "物业纠纷", "noise": "噪音",
                       "leak": "漏水", "parking": "停车", "other": "其他"}
# open: registered; in_mediation: a session was held; settled / referred /
# not_settled: the outcome; closed: after the follow-up visits.
CASE_STATUSES = ("open", "in_mediation", "settled", "referred", "not_settled", "closed")
OUTCOMES = ("settled", "referred", "not_settled")
PARTY_SIDES = ("applicant", "respondent", "other")


class MediationSquad(db.Model):
    """The squad a community designates as its 钱塘阿姨 mediators: its current
    members (open TeamMembership rows) are the mediators a lead assigns."""

    __tablename__ = "mediation_squads"

    community_id = db.Column(db.Integer, db.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=False, index=True)
    set_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    set_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    team = db.relationship("Team")


class MediationCase(TimestampMixin, db.Model):
    __tablename__ = "mediation_cases"
    __table_args__ = (db.Index("ix_mediation_cases_community_status", "community_id", "status"),)

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False)
    grid_id = db.Column(db.Integer, db.ForeignKey("grids.id", ondelete="SET NULL"), nullable=True, index=True)
    kind = db.Column(db.String(16), nullable=False)
    # What the dispute is about: names and circumstances, so encrypted.
    summary = db.Column(EncryptedString(), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="open")
    opened_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    outcome = db.Column(db.String(16), nullable=True)  # kept when the case is closed
    outcome_at = db.Column(UTCDateTime(), nullable=True)
    agreement_terms = db.Column(EncryptedString(), nullable=True)  # settled: what the parties agreed
    referred_to = db.Column(db.String(64), nullable=True)  # referred: e.g. 人民调解委员会, 派出所
    outcome_note = db.Column(EncryptedString(), nullable=True)
    closed_at = db.Column(UTCDateTime(), nullable=True)
    closed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    community = db.relationship("Community")
    grid = db.relationship("Grid")
    parties = db.relationship("MediationParty", order_by="MediationParty.id", lazy="selectin",
                              cascade="all, delete-orphan")
    assignments = db.relationship("MediationAssignment", order_by="MediationAssignment.id", lazy="selectin")

    @property
    def number(self):
        """The case number printed on the agreement: the year it was opened and its id."""
        return f"钱塘阿姨调〔{self.created_at.year}〕{self.id}号"


class MediationParty(db.Model):
    """A party to the dispute (not a user): everything personal is encrypted."""

    __tablename__ = "mediation_parties"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("mediation_cases.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    side = db.Column(db.String(16), nullable=False, default="applicant")
    name = db.Column(EncryptedString(), nullable=False)
    phone = db.Column(EncryptedString(), nullable=True)
    address = db.Column(EncryptedString(), nullable=True)


class MediationAssignment(db.Model):
    """A mediator of the squad assigned to a case by the lead (once per person)."""

    __tablename__ = "mediation_assignments"
    __table_args__ = (db.UniqueConstraint("case_id", "user_id", name="uq_mediation_assignments_case_user"),)

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("mediation_cases.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    assigned_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    assigned_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    user = db.relationship("User", foreign_keys=[user_id])


class MediationSession(db.Model):
    """A mediation session with its notes (encrypted: they are sensitive)."""

    __tablename__ = "mediation_sessions"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("mediation_cases.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    held_at = db.Column(UTCDateTime(), nullable=False)
    place = db.Column(db.String(128), nullable=True)
    notes = db.Column(EncryptedString(), nullable=False)
    logged_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class MediationFollowUp(db.Model):
    """A follow-up visit after the outcome (回访)."""

    __tablename__ = "mediation_follow_ups"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("mediation_cases.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    visited_at = db.Column(UTCDateTime(), nullable=False)
    notes = db.Column(EncryptedString(), nullable=False)
    logged_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
