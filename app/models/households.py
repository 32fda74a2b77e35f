"""党员联户 (household contact): households of a grid, the party member each is
paired with (one open pairing at a time, with history), the 联户记录本 (visits
and calls), the party member's 联户证 (contact card) and what households
send through it, and the overdue-contact reminders.

Households' data is personal data. Encrypted at rest (EncryptedString): each
member's name and phone, the household's notes, a visit's discussion and the
needs found, and a contact request's message, name and phone. The address is
kept in clear: it is how grid workers find and sort households, and the
policy (app/auth/policy/households.py) with an audit row per read guards it.
"""
from app.extensions import db
from app.models.base import EncryptedString, TimestampMixin, UTCDateTime, utcnow

HOUSEHOLD_STATUSES = ("active", "archived")  # archived: moved away; kept, no longer paired
MEMBER_RELATIONS = ("head", "spouse", "child", "parent", "grandchild", "sibling", "other")
AGE_BANDS = ("child", "youth", "adult", "senior", "elderly")  # <18, 18-39, 40-59, 60-79, 80+
VISIT_KINDS = ("visit", "call", "wechat")  # 走访, 电话, 微信
CONTACT_REQUEST_STATUSES = ("new", "handled")


class Household(TimestampMixin, db.Model):
    """A household (户) in a grid; its people need not be WeChat users."""

    __tablename__ = "households"
    __table_args__ = (db.Index("ix_households_grid_status", "grid_id", "status"),)

    id = db.Column(db.Integer, primary_key=True)
    grid_id = db.Column(db.Integer, db.ForeignKey("grids.id"), nullable=False)
    # The grid's community, copied so list filters need no join.
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    address = db.Column(db.String(255), nullable=False)  # e.g. 滟澜苑 3 幢 2 单元 501
    notes = db.Column(EncryptedString(6000), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="active", server_default="active")
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    archived_at = db.Column(UTCDateTime(), nullable=True)

    grid = db.relationship("Grid")
    members = db.relationship("HouseholdMember", order_by="HouseholdMember.position", lazy="selectin",
                              cascade="all, delete-orphan")


class HouseholdMember(db.Model):
    __tablename__ = "household_members"

    id = db.Column(db.Integer, primary_key=True)
    household_id = db.Column(db.Integer, db.ForeignKey("households.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    name = db.Column(EncryptedString(255), nullable=True)
    relation = db.Column(db.String(16), nullable=False, default="other")
    age_band = db.Column(db.String(16), nullable=True)
    phone = db.Column(EncryptedString(255), nullable=True)


class HouseholdPairing(db.Model):
    """Who a household's party member is, and was: one row per pairing. A
    household has at most one open pairing (``ended_at`` empty): the unique
    partial index decides between racing pairers."""

    __tablename__ = "household_pairings"
    __table_args__ = (
        db.Index("uq_household_pairings_open", "household_id", unique=True,
                 postgresql_where=db.text("ended_at IS NULL"), sqlite_where=db.text("ended_at IS NULL")),
        db.Index("ix_household_pairings_member_open", "party_member_id", "ended_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    household_id = db.Column(db.Integer, db.ForeignKey("households.id", ondelete="CASCADE"), nullable=False)
    # SET NULL: an account closed leaves the household's history without the person.
    party_member_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    paired_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    started_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    ended_at = db.Column(UTCDateTime(), nullable=True)
    ended_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    end_reason = db.Column(db.String(200), nullable=True)

    party_member = db.relationship("User", foreign_keys=[party_member_id])


class HouseholdVisit(db.Model):
    """One entry of the 联户记录本: a visit, call or WeChat talk."""

    __tablename__ = "household_visits"
    __table_args__ = (db.Index("ix_household_visits_household_on", "household_id", "visited_on"),)

    id = db.Column(db.Integer, primary_key=True)
    household_id = db.Column(db.Integer, db.ForeignKey("households.id", ondelete="CASCADE"), nullable=False)
    pairing_id = db.Column(db.Integer, db.ForeignKey("household_pairings.id", ondelete="SET NULL"), nullable=True)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    visited_on = db.Column(db.Date, nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    discussed = db.Column(EncryptedString(6000), nullable=False)
    needs_found = db.Column(EncryptedString(3000), nullable=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="SET NULL"), nullable=True)
    # A problem found on the visit, filed as a 随手拍 work order of the household's grid (app.reports).
    work_order_id = db.Column(db.Integer, db.ForeignKey("work_orders.id", ondelete="SET NULL"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    author = db.relationship("User")


class HouseholdReminder(db.Model):
    """A reminder that a pairing's household was not contacted since
    ``basis_on`` (its last contact, or the pairing's start): one per pairing
    and basis, so each overdue period is reminded once."""

    __tablename__ = "household_reminders"
    __table_args__ = (db.UniqueConstraint("pairing_id", "basis_on", name="uq_household_reminders_pairing_basis"),)

    id = db.Column(db.Integer, primary_key=True)
    pairing_id = db.Column(db.Integer, db.ForeignKey("household_pairings.id", ondelete="CASCADE"), nullable=False)
    household_id = db.Column(db.Integer, db.ForeignKey("households.id", ondelete="CASCADE"), nullable=False)
    party_member_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                                index=True)
    basis_on = db.Column(db.Date, nullable=False)
    reminded_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class ContactCard(db.Model):
    """A party member's 联户证. Its QR code carries a code signed with the
    app's key (app/households/cards.py), so a database copy alone cannot
    forge one; revoking sets ``revoked_at`` and a new card gets a new code."""

    __tablename__ = "contact_cards"
    __table_args__ = (
        db.Index("uq_contact_cards_live", "party_member_id", unique=True,
                 postgresql_where=db.text("revoked_at IS NULL"), sqlite_where=db.text("revoked_at IS NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    party_member_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    issued_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    revoked_at = db.Column(UTCDateTime(), nullable=True)

    party_member = db.relationship("User")


class ContactRequest(db.Model):
    """A message a household member sent the party member through the card."""

    __tablename__ = "contact_requests"
    __table_args__ = (db.Index("ix_contact_requests_member_status", "party_member_id", "status"),)

    id = db.Column(db.Integer, primary_key=True)
    card_id = db.Column(db.Integer, db.ForeignKey("contact_cards.id", ondelete="CASCADE"), nullable=False)
    party_member_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    sender_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    message = db.Column(EncryptedString(3000), nullable=False)
    contact_name = db.Column(EncryptedString(255), nullable=True)
    contact_phone = db.Column(EncryptedString(255), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="new", server_default="new")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    handled_at = db.Column(UTCDateTime(), nullable=True)
