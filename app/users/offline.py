"""Residents without a WeChat account, registered by community staff by
phone number (at the door of an event, or when issuing a resident card).

Their openid starts with ``offline:``, which no WeChat login can produce, so
their attendance is kept from the first event on. When the plain
``offline:<phone>`` is taken by someone out of the registering staff's reach,
this community keeps its own record of the person (a random suffix).
"""
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.extensions import db
from app.models import User

OFFLINE_OPENID_PREFIX = "offline:"


def register(actor, phone, name, community_id, action="checkin.offline_resident"):
    """A new resident without WeChat, committed with its audit row; None
    when another request registered the same openid a moment ago (the
    caller looks the person up again)."""
    taken = db.session.execute(select(User.id).where(User.openid == OFFLINE_OPENID_PREFIX + phone)).first()
    openid = OFFLINE_OPENID_PREFIX + phone + (f":{secrets.token_hex(4)}" if taken else "")
    user = User(openid=openid, name=name, phone=phone, community_id=community_id)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return None
    audit.record(action, actor=actor, target=user, detail={"name": name})
    db.session.commit()
    return user
