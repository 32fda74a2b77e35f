"""People and their access: users, their role grants and login sessions."""
from app.extensions import db
from app.models.base import EncryptedString, TimestampMixin, UTCDateTime, utcnow

class User(TimestampMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    openid = db.Column(db.String(64), nullable=False, unique=True)
    unionid = db.Column(db.String(64), nullable=True, unique=True)
    # WeChat's session_key decrypts what the phone sends; it never leaves the
    # server and is stored encrypted (a 24-character key is a ~120-character token).
    # Deferred: nothing reads it back on a request, and every signed-in
    # request loads the user, which would decrypt it each time.
    session_key = db.deferred(db.Column(EncryptedString(255), nullable=True))
    name = db.Column(db.String(32), nullable=True)
    phone = db.Column(db.String(20), nullable=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    last_login_at = db.Column(UTCDateTime(), nullable=True)

    community = db.relationship("Community")
    # Live grants only; revoked ones are history, read through app.auth.grants.
    grants = db.relationship(
        "RoleGrant", back_populates="user", foreign_keys="RoleGrant.user_id", lazy="selectin",
        primaryjoin="and_(RoleGrant.user_id == User.id, RoleGrant.revoked_at.is_(None))", viewonly=True)

    def __repr__(self):
        return f"<User {self.id}>"


class RoleGrant(db.Model):
    """One role held over one scope (``app.auth.roles`` names both).

    Rows are never deleted: taking a role away stamps ``revoked_at``, so a
    person's grants are also their history. ``scope_id`` is the community,
    member unit, grid, party branch or squad id, and NULL for the subdistrict.
    """

    __tablename__ = "role_grants"
    __table_args__ = (
        # At most one live grant per (person, role, scope). NULL scope ids
        # never collide in a unique index, so the subdistrict has its own.
        db.Index("uq_role_grants_live_scoped", "user_id", "role", "scope_kind", "scope_id", unique=True,
                 postgresql_where=db.text("revoked_at IS NULL AND scope_id IS NOT NULL"),
                 sqlite_where=db.text("revoked_at IS NULL AND scope_id IS NOT NULL")),
        db.Index("uq_role_grants_live_subdistrict", "user_id", "role", "scope_kind", unique=True,
                 postgresql_where=db.text("revoked_at IS NULL AND scope_id IS NULL"),
                 sqlite_where=db.text("revoked_at IS NULL AND scope_id IS NULL")),
        db.Index("ix_role_grants_scope", "scope_kind", "scope_id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    role = db.Column(db.String(24), nullable=False)
    scope_kind = db.Column(db.String(16), nullable=False)
    scope_id = db.Column(db.Integer, nullable=True)
    granted_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    granted_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    revoked_at = db.Column(UTCDateTime(), nullable=True)

    user = db.relationship("User", back_populates="grants", foreign_keys=[user_id])

    @property
    def is_live(self):
        return self.revoked_at is None

    def __repr__(self):
        return f"<RoleGrant {self.user_id} {self.role}@{self.scope_kind}:{self.scope_id}>"


class AuthSession(db.Model):
    """A login token. The database is the record; Redis caches it with a TTL
    so the hot path costs one GET and survives a Redis outage."""

    __tablename__ = "auth_sessions"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = db.Column(db.String(64), nullable=False, unique=True)
    # "miniprogram" (wx.login) or "console" (the desk console's scan sign-in)
    kind = db.Column(db.String(16), nullable=False, default="miniprogram", server_default="miniprogram")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    expires_at = db.Column(UTCDateTime(), nullable=False)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
