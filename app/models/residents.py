"""The front door for people who cannot scan: printed resident cards (居民卡),
family members who check an elder in with the elder's consent (家属代签), and
the organiser's offline scans uploaded later, each applied once by its nonce."""
from app.extensions import db
from app.models.base import UTCDateTime, utcnow

FAMILY_LINK_STATUSES = ("active", "revoked")
# How the elder's consent was given: by creating the invitation on their own
# phone ("elder"), or in person before community staff ("witnessed").
FAMILY_CONSENTS = ("elder", "witnessed")


class ResidentCard(db.Model):
    """A printed card with a long-lived signed code for someone without a
    smartphone. At most one live card per person: reissuing revokes the old."""

    __tablename__ = "resident_cards"
    __table_args__ = (
        db.Index("uq_resident_cards_live", "user_id", unique=True,
                 postgresql_where=db.text("revoked_at IS NULL"), sqlite_where=db.text("revoked_at IS NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    issued_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    issued_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    revoke_reason = db.Column(db.String(100), nullable=True)

    user = db.relationship("User", foreign_keys=[user_id])


class FamilyLink(db.Model):
    """A family member allowed to check ``elder`` in and out on their behalf."""

    __tablename__ = "family_links"
    __table_args__ = (
        db.Index("uq_family_links_live", "elder_id", "family_id", unique=True,
                 postgresql_where=db.text("status = 'active'"), sqlite_where=db.text("status = 'active'")),
    )

    id = db.Column(db.Integer, primary_key=True)
    elder_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    family_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    relation = db.Column(db.String(16), nullable=True)  # 子女, 配偶, 亲属...
    consent = db.Column(db.String(16), nullable=False)
    witnessed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="active")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    elder = db.relationship("User", foreign_keys=[elder_id])
    family = db.relationship("User", foreign_keys=[family_id])


class OfflineScan(db.Model):
    """One scan an organiser's phone made (perhaps offline) and uploaded in a
    batch, keyed by the nonce the phone gave it: uploading it again answers
    with the same outcome and adds nothing; the same nonce with other content
    is refused. ``outcome`` is the answer's code (checked_in, already_checked_in,
    token_invalid, card_revoked, event_closed...)."""

    __tablename__ = "offline_scans"

    id = db.Column(db.Integer, primary_key=True)
    nonce = db.Column(db.String(64), nullable=False, unique=True)
    event_id = db.Column(db.Integer, db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    recorded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    content_digest = db.Column(db.String(64), nullable=False)
    scanned_at = db.Column(UTCDateTime(), nullable=False)
    outcome = db.Column(db.String(32), nullable=True)
    message = db.Column(db.String(200), nullable=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    checkin_id = db.Column(db.Integer, db.ForeignKey("checkins.id", ondelete="SET NULL"), nullable=True)
    uploaded_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
