"""Family members who check an elder in on their behalf (家属代签), only with
the elder's consent, given one of two ways:

* the elder, on their own phone, shows an invitation code (valid 10 minutes)
  that the family member scans: creating it is the consent;
* the elder, without a phone, tells community staff in person, and the
  staff record the link as witnessed (audited, with the staff's name).

Either side, or the community's staff, can end a link; a new consent is then
needed. Invitation codes are signed (HMAC-SHA256, a key for this purpose
alone) and name the elder and their expiry, so nothing is stored for them.
"""
import base64
import binascii
import hashlib
import hmac
import struct
import time

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.errors import APIError
from app.extensions import db
from app.models import FamilyLink, User, utcnow

INVITATION_SECONDS = 600
_BODY = struct.Struct(">II")
_MAC = 10
RELATIONS = ("子女", "配偶", "孙辈", "兄弟姐妹", "其他亲属", "邻居", "其他")


def _mac(body):
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"jusha/family-invitation/v1",
                   hashlib.sha256).digest()
    return hmac.new(key, body, hashlib.sha256).digest()[:_MAC]


def invitation(elder, now=None):
    """(code, expires_at unix time) the elder shows their family member."""
    expires = int((now or time.time()) + INVITATION_SECONDS)
    body = _BODY.pack(elder.id, expires)
    return base64.urlsafe_b64encode(body + _mac(body)).rstrip(b"=").decode(), expires


def _elder_from(code, now=None):
    try:
        raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    except (binascii.Error, ValueError, TypeError):
        raise APIError("family_invite_invalid") from None
    if len(raw) != _BODY.size + _MAC or not hmac.compare_digest(raw[_BODY.size:], _mac(raw[:_BODY.size])):
        raise APIError("family_invite_invalid")
    elder_id, expires = _BODY.unpack(raw[:_BODY.size])
    if expires < (now or time.time()):
        raise APIError("family_invite_invalid")
    elder = db.session.get(User, elder_id)
    if elder is None or not elder.is_active:
        raise APIError("family_invite_invalid")
    return elder


def accept(family, code, relation=None, now=None):
    """The family member scanned the elder's invitation: the link is live."""
    elder = _elder_from(code, now)
    return _link(elder, family, relation, "elder", actor=family)


def witness(staff, elder, family, relation=None):
    """Community staff record the consent the elder gave them in person."""
    return _link(elder, family, relation, "witnessed", actor=staff)


def _link(elder, family, relation, consent, actor):
    if elder.id == family.id:
        raise APIError("family_self")
    existing = _live(elder.id, family.id)
    if existing is not None:
        return existing, False
    link = FamilyLink(elder_id=elder.id, family_id=family.id, relation=relation, consent=consent,
                      witnessed_by_id=actor.id if consent == "witnessed" else None, status="active")
    db.session.add(link)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # the same link made a moment ago: it stands
        return _live(elder.id, family.id), False
    audit.record("family.link", actor=actor, target=elder,
                 detail={"link_id": link.id, "family_id": family.id, "consent": consent})
    db.session.commit()
    return link, True


def _live(elder_id, family_id):
    return db.session.execute(select(FamilyLink).where(
        FamilyLink.elder_id == elder_id, FamilyLink.family_id == family_id, FamilyLink.status == "active")
    ).scalar_one_or_none()


def revoke(actor, link):
    if link.status != "active":
        return link
    link.status, link.revoked_at, link.revoked_by_id = "revoked", utcnow(), actor.id
    audit.record("family.unlink", actor=actor, target=link.elder, detail={"link_id": link.id})
    db.session.commit()
    return link


def links_of(user):
    """{elders: links where user checks someone in, family: links where
    someone checks user in}, live ones only."""
    live = select(FamilyLink).where(FamilyLink.status == "active").order_by(FamilyLink.id)
    return {
        "elders": db.session.execute(live.where(FamilyLink.family_id == user.id)).scalars().all(),
        "family": db.session.execute(live.where(FamilyLink.elder_id == user.id)).scalars().all(),
    }


def end_all_for(user_id):
    """Account closing: every live link from or to the person ends."""
    db.session.execute(db.update(FamilyLink).where(
        FamilyLink.status == "active",
        (FamilyLink.elder_id == user_id) | (FamilyLink.family_id == user_id),
    ).values(status="revoked", revoked_at=utcnow()))
