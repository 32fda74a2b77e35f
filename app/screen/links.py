"""Screen links: the display keys a hall's 大屏 runs on, unattended, without
anyone's login.

A staff session would do the job badly: it expires (the screen goes dark
overnight), it carries that person's powers to a computer in a public hall,
and it is lost when they are logged out. A display key can do one thing, read
the screen's aggregate figures (no names, no phone numbers), lasts until an
admin revokes it, and is one row per display, so a lost laptop is one
revocation. The key is shown once when it is made; only its SHA-256 is kept.
"""
import hashlib
import secrets

from app import audit
from app.errors import APIError
from app.extensions import db
from app.models import ScreenLink, utcnow

KEY_BYTES = 24  # 32 URL-safe characters


def _digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def create(admin, label):
    """A new link; returns (row, key). The key is not stored anywhere."""
    key = secrets.token_urlsafe(KEY_BYTES)
    link = ScreenLink(label=label, key_hash=_digest(key), created_by_id=admin.id)
    db.session.add(link)
    db.session.flush()
    audit.record("screen.link_created", actor=admin, target=link, detail={"label": label})
    db.session.commit()
    return link, key


def listed():
    return db.session.execute(db.select(ScreenLink).order_by(ScreenLink.id.desc())).scalars().all()


def revoke(admin, link_id):
    """Revoke (idempotent); the row stays as history."""
    link = db.session.get(ScreenLink, link_id)
    if link is None:
        raise APIError("screen_link_not_found")
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by_id = utcnow(), admin.id
        audit.record("screen.link_revoked", actor=admin, target=link, detail={"label": link.label})
        db.session.commit()
    return link


def active_link_id(key):
    """The id of the live link ``key`` opens, else None."""
    if not key or len(key) > 128:
        return None
    return db.session.execute(db.select(ScreenLink.id).where(
        ScreenLink.key_hash == _digest(key), ScreenLink.revoked_at.is_(None))).scalar()


def still_active(link_id):
    return db.session.execute(db.select(ScreenLink.id).where(
        ScreenLink.id == link_id, ScreenLink.revoked_at.is_(None))).scalar() is not None
