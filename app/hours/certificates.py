"""志愿服务证明: issued from approved hours, each with a serial that can be
checked by anyone who scans its QR code.

What a certificate states follows 《关于规范志愿服务记录证明工作的指导意见》
(民发〔2015〕149号) and 《志愿服务记录与证明出具办法（试行）》: the
volunteer's identity (name, ID number — masked here), the service (hours,
period, the activities), the issuing organisation, and the certificate's
serial and date of issue.

Serial: ``JS-<year>-<10 random chars>-<8 chars of HMAC-SHA256>``. The HMAC
(keyed from SECRET_KEY) lets the public page refuse a made-up serial without
a database lookup; the lookup then refuses one that was never issued, and
says so when a certificate was revoked.
"""
import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.hours import rules
from app.hours.reports import place_of
from app.keys import derived_key
from app.localtime import CHINA_TZ, chinese_date, local
from app.models import Certificate, HoursLedgerEntry, ServiceRecord, utcnow
from app.volunteers import identity
from app.volunteers.service import profile_of

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
_SERIAL = re.compile(r"^JS-(\d{4})-([A-Z2-9]{10})-([A-Z2-7]{8})$")


def _signature(body):
    digest = hmac.new(derived_key("certificate-serial"), body.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:5]).decode()


def new_serial(year):
    body = f"JS-{year}-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{body}-{_signature(body)}"


def serial_is_genuine(serial):
    """True when ``serial`` has the right shape and its HMAC matches."""
    match = _SERIAL.match(serial or "")
    if not match:
        return False
    body = serial.rsplit("-", 1)[0]
    return hmac.compare_digest(_signature(body), match.group(3))


def verify_url(serial):
    return f"{current_app.config['PUBLIC_BASE_URL']}/verify/{serial}"


def handler_name(certificate):
    """经办人: CERTIFICATE_ISSUER_HANDLER, else the organiser who issued the
    certificate (a self-service one has none: a line to sign by hand)."""
    configured = current_app.config.get("CERTIFICATE_ISSUER_HANDLER")
    if configured:
        return configured
    issuer = certificate.issued_by if certificate.issued_by_id != certificate.user_id else None
    return issuer.name if issuer is not None else None


def _local_bounds(date_from, date_to):
    start = datetime.combine(date_from, time.min, tzinfo=CHINA_TZ) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=CHINA_TZ) if date_to else None
    return start, end


def approved_records_with_minutes(user_id, date_from=None, date_to=None):
    """[(record, ledger minutes)] of approved records in the local-date range."""
    start, end = _local_bounds(date_from, date_to)
    net = db.select(HoursLedgerEntry.service_record_id, db.func.sum(HoursLedgerEntry.minutes).label("minutes")) \
        .group_by(HoursLedgerEntry.service_record_id).subquery()
    query = (db.select(ServiceRecord, net.c.minutes)
             .join(net, net.c.service_record_id == ServiceRecord.id)
             .where(ServiceRecord.user_id == user_id, ServiceRecord.status == "approved")
             .order_by(ServiceRecord.started_at))
    if start:
        query = query.where(ServiceRecord.started_at >= start)
    if end:
        query = query.where(ServiceRecord.started_at < end)
    return [(r, m) for r, m in db.session.execute(query).all() if m > 0]


def issue(holder, actor, date_from=None, date_to=None):
    """Issue a certificate for ``holder`` covering their approved hours in the
    range; ``actor`` is the holder (self-service) or an organiser in scope."""
    if date_from and date_to and date_from > date_to:
        raise APIError("date_range_invalid")
    profile = profile_of(holder.id)
    if profile is None or profile.status not in ("approved", "left"):
        raise APIError("not_a_volunteer")
    if actor.id != holder.id:
        policy.require(policy.volunteers.may_manage(actor, profile))
    rows = approved_records_with_minutes(holder.id, date_from, date_to)
    if not rows:
        raise APIError("no_approved_hours")
    now = utcnow()
    certificate = Certificate(
        user_id=holder.id,
        holder_name=profile.real_name,
        holder_name_masked=identity.mask_name(profile.real_name),
        id_number_masked=profile.id_number_masked,
        total_minutes=sum(m for _, m in rows),
        record_count=len(rows),
        period_start=rows[0][0].started_at,
        period_end=max(r.ended_at or r.started_at for r, _ in rows),
        records=[{
            "date": local(r.started_at).strftime("%Y-%m-%d"),
            "event": r.event.title,
            "place": place_of(r.event),
            "hours": rules.hours(m),
        } for r, m in rows],
        issuer=current_app.config["CERTIFICATE_ISSUER"],
        issued_at=now,
        issued_by_id=actor.id,
    )
    for _attempt in range(3):
        certificate.serial = new_serial(local(now).year)
        db.session.add(certificate)
        try:
            db.session.flush()
            break
        except IntegrityError:  # a serial collision (~1 in 10^14): draw again
            db.session.rollback()
    audit.record("certificate.issue", actor=actor, target=certificate,
                 detail={"serial": certificate.serial, "user_id": holder.id, "minutes": certificate.total_minutes})
    db.session.commit()
    return certificate


def get_for(actor, serial):
    """A certificate its holder, or a staff member managing the holder, may open."""
    certificate = db.session.execute(
        db.select(Certificate).where(Certificate.serial == serial)
    ).scalar_one_or_none()
    if certificate is None:
        raise APIError("certificate_not_found")
    if certificate.user_id != actor.id:
        profile = profile_of(certificate.user_id)
        policy.require(profile is not None and policy.volunteers.may_manage(actor, profile))
    return certificate


def list_for(user_id):
    return db.session.execute(
        db.select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.id.desc())
    ).scalars().all()


def revoke(actor, certificate, reason):
    reason = (reason or "").strip()
    if not reason:
        raise APIError("reason_required", "请填写作废原因")
    profile = profile_of(certificate.user_id)
    policy.require(profile is not None and policy.volunteers.may_manage(actor, profile))
    if certificate.revoked_at is not None:
        raise APIError("certificate_revoked")
    certificate.revoked_at, certificate.revoked_by_id, certificate.revoke_reason = utcnow(), actor.id, reason
    audit.record("certificate.revoke", actor=actor, target=certificate,
                 detail={"serial": certificate.serial, "reason": reason})
    db.session.commit()
    return certificate


def public_view(serial):
    """What the public verification page may show, or None for a serial that
    is forged or was never issued. No private data: a masked name, the
    hours, the period, the issuer and the dates."""
    if not serial_is_genuine(serial):
        return None
    certificate = db.session.execute(
        db.select(Certificate).where(Certificate.serial == serial)
    ).scalar_one_or_none()
    if certificate is None:
        return None
    return {
        "serial": certificate.serial,
        "holder": certificate.holder_name_masked,
        "hours": rules.hours(certificate.total_minutes),
        "record_count": certificate.record_count,
        "period_start": chinese_date(certificate.period_start),
        "period_end": chinese_date(certificate.period_end),
        "issuer": certificate.issuer,
        "issued_on": chinese_date(certificate.issued_at),
        "revoked": certificate.revoked_at is not None,
        "revoked_on": chinese_date(certificate.revoked_at) if certificate.revoked_at else None,
    }
