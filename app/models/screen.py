"""Display keys for the 数据大屏: a revocable credential per hall display."""
from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class ScreenLink(db.Model):
    """One display's key. Only the SHA-256 of the key is kept (like login
    tokens), so the table leaks nothing usable; an admin revokes a link and
    the display stops within one refresh."""

    __tablename__ = "screen_links"

    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(64), nullable=False)
    key_hash = db.Column(db.String(64), nullable=False, unique=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
