"""The person's rights over their data (个人信息保护法 第四十五条 access,
第四十七条 deletion): see everything held about them, and close the account.

Closing anonymises rather than deletes: the name, phone, ID number, WeChat
identifiers and check-in locations go; the user row, service records, ledger
entries and certificates (with the masked name) stay, because the
organisation must keep its service records (《志愿服务记录与证明出具办法》)
and totals must keep adding up. What remains no longer identifies anyone.
"""
import secrets

from flask import current_app

from app import audit, contributions, signals
from app.auth import grants, policy, tokens
from app.errors import APIError
from app.extensions import db
from app.hours import certificates as certificate_service
from app.hours.reports import hours_summary
from app.models import (
    AuthSession,
    Certificate,
    CheckIn,
    Event,
    HoursLedgerEntry,
    Registration,
    utcnow,
)
from app.volunteers.consent import CONSENT_PURPOSE
from app.volunteers.service import close_membership, lock_profile, memberships_of, profile_of

CLOSED_NAME = "已注销用户"


def my_data(user):
    """Everything the service holds about ``user``, ID number masked."""
    profile = profile_of(user.id)
    held = policy.roles_held(user)
    checkins = db.session.execute(
        db.select(CheckIn, Event.title).join(Event, Event.id == CheckIn.event_id)
        .where(CheckIn.user_id == user.id).order_by(CheckIn.id)
    ).all()
    registrations = db.session.execute(
        db.select(Registration, Event.title).join(Event, Event.id == Registration.event_id)
        .where(Registration.user_id == user.id).order_by(Registration.id)
    ).all()
    ledger = db.session.execute(
        db.select(HoursLedgerEntry).where(HoursLedgerEntry.user_id == user.id).order_by(HoursLedgerEntry.id)
    ).scalars().all()
    sessions = db.session.execute(
        db.select(AuthSession).where(AuthSession.user_id == user.id).order_by(AuthSession.id)
    ).scalars().all()
    return {
        "account": {
            "id": user.id, "openid": user.openid, "name": user.name, "phone": user.phone,
            "role": policy.primary_role(user, held), "roles": held,
            "community_id": user.community_id, "created_at": user.created_at, "last_login_at": user.last_login_at,
        },
        "volunteer": profile,
        "consent": {
            "version": profile.consent_version, "consented_at": profile.consented_at, "purpose": CONSENT_PURPOSE,
        } if profile is not None and profile.consent_version else None,
        "memberships": memberships_of(user.id),
        "grants": grants.history(user.id),
        "hours": hours_summary(user.id),
        "ledger": ledger,
        "certificates": certificate_service.list_for(user.id),
        "checkins": [{
            "event_id": c.event_id, "event_title": title, "direction": c.direction, "method": c.method,
            "scanned_at": c.scanned_at, "latitude": c.latitude, "longitude": c.longitude,
        } for c, title in checkins],
        "registrations": [{
            "event_id": r.event_id, "event_title": title, "status": r.status, "created_at": r.created_at,
        } for r, title in registrations],
        "sessions": [{
            "created_at": s.created_at, "expires_at": s.expires_at, "revoked_at": s.revoked_at,
        } for s in sessions],
        "areas": contributions.collect("personal_data", user),
    }


def close_account(user):
    """Anonymise ``user`` and log them out everywhere; hours stay counted."""
    if policy.holds_any_grant(user):
        # A live grant is a duty to others (an office, a community, a unit):
        # it is handed over before the account goes.
        raise APIError("staff_cannot_close")
    now = utcnow()
    # Locked first: a review or move racing this waits, or finds it closed.
    profile = lock_profile(user.id)
    if profile is not None:
        close_membership(user.id, "账号注销", now)
        profile.real_name = CLOSED_NAME
        profile.phone = ""
        profile.id_number_encrypted = profile.id_number_masked = profile.id_number_digest = None
        profile.skills = []
        profile.team_id = None
        profile.status = "closed"
    db.session.execute(
        db.update(Certificate).where(Certificate.user_id == user.id).values(holder_name=None)
    )
    db.session.execute(
        db.update(CheckIn).where(CheckIn.user_id == user.id).values(latitude=None, longitude=None)
    )
    user.name = None
    user.phone = None
    user.unionid = None
    user.session_key = None
    user.community_id = None
    # openid is unique and required: a random tombstone, so the same WeChat
    # user logging in again starts a fresh account.
    user.openid = f"closed:{user.id}:{secrets.token_hex(8)}"
    user.is_active = False
    audit.record("user.close_account", actor=user, target=user, detail={"anonymised": True})
    db.session.commit()
    tokens.revoke_all(user.id)
    signals.account_closed.send(current_app._get_current_object(), user_id=user.id)
    return user
