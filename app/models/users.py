"""People and their access: users, organiser scopes and login sessions."""
from app.extensions import db
from app.models.base import EncryptedString, TimestampMixin, UTCDateTime, utcnow

ROLES = ("resident", "volunteer", "organiser", "admin")


class User(TimestampMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    openid = db.Column(db.String(64), nullable=False, unique=True)
    unionid = db.Column(db.String(64), nullable=True, unique=True)
    # WeChat's session_key decrypts what the phone sends; it never leaves the
    # server and is stored encrypted (a 24-character key is a ~120-character token).
    session_key = db.Column(EncryptedString(255), nullable=True)
    name = db.Column(db.String(32), nullable=True)
    phone = db.Column(db.String(20), nullable=True)
    role = db.Column(db.String(16), nullable=False, default="resident")
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    last_login_at = db.Column(UTCDateTime(), nullable=True)

    community = db.relationship("Community")
    scopes = db.relationship("OrganiserScope", back_populates="user", cascade="all, delete-orphan",
                             foreign_keys="OrganiserScope.user_id")

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class OrganiserScope(db.Model):
    """What an organiser may manage: one community or one member unit per row."""

    __tablename__ = "organiser_scopes"
    __table_args__ = (
        db.CheckConstraint(
            "(community_id IS NULL) <> (member_unit_id IS NULL)", name="one_target"
        ),
        # One of the two targets is always NULL, and NULLs never collide in a
        # plain unique constraint: a partial unique index per target does.
        db.Index("uq_organiser_scopes_user_community", "user_id", "community_id", unique=True,
                 postgresql_where=db.text("community_id IS NOT NULL"),
                 sqlite_where=db.text("community_id IS NOT NULL")),
        db.Index("uq_organiser_scopes_user_member_unit", "user_id", "member_unit_id", unique=True,
                 postgresql_where=db.text("member_unit_id IS NOT NULL"),
                 sqlite_where=db.text("member_unit_id IS NOT NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True)
    granted_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    user = db.relationship("User", back_populates="scopes", foreign_keys=[user_id])
    community = db.relationship("Community")
    member_unit = db.relationship("MemberUnit")

    def to_dict(self):
        return {"id": self.id, "community_id": self.community_id, "member_unit_id": self.member_unit_id}


class AuthSession(db.Model):
    """A login token. The database is the record; Redis caches it with a TTL
    so the hot path costs one GET and survives a Redis outage."""

    __tablename__ = "auth_sessions"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = db.Column(db.String(64), nullable=False, unique=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    expires_at = db.Column(UTCDateTime(), nullable=False)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
