"""The append-only ledger of approved hours.

An approval adds one entry; a correction adds another (a signed number of
minutes, a reason, who made it). Nothing is updated or deleted: the ORM guard
in app.models.hours and, on PostgreSQL, a trigger refuse it. Every total
shown anywhere is a SUM over these rows, so totals always add up; the
running totals that phones and leaderboards read (app.hours.totals) are
updated in the same transaction as each append, and checked against these
sums by ``flask jusha check-hours-totals``.
"""
from sqlalchemy import func, update

from app import audit
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.hours import rules, totals  # noqa: F401  (totals: keeps the running totals with every append)
from app.models import HoursLedgerEntry, ServiceRecord, Team, TeamMembership, User, VolunteerProfile, utcnow


def _squad_at(user_id, moment):
    """The squad the volunteer belonged to at ``moment``, else their current one."""
    team_id = db.session.execute(
        db.select(TeamMembership.team_id)
        .where(TeamMembership.user_id == user_id, TeamMembership.joined_at <= moment,
               (TeamMembership.left_at.is_(None)) | (TeamMembership.left_at > moment))
        .order_by(TeamMembership.joined_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    profile = db.session.execute(
        db.select(VolunteerProfile).where(VolunteerProfile.user_id == user_id)
    ).scalar_one_or_none()
    if team_id is None and profile is not None:
        team_id = profile.team_id
    community_id = profile.community_id if profile is not None else None
    if community_id is None and team_id is not None:
        community_id = db.session.get(Team, team_id).community_id
    if community_id is None:
        community_id = db.session.get(User, user_id).community_id
    return team_id, community_id


def append_approval(record, actor):
    """The entry for a record that just became approved (caller commits)."""
    team_id, community_id = _squad_at(record.user_id, record.started_at)
    entry = HoursLedgerEntry(
        user_id=record.user_id, service_record_id=record.id, event_id=record.event_id, kind="approval",
        minutes=record.minutes, team_id=team_id, community_id=community_id, served_at=record.started_at,
        created_by_id=actor.id,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_minutes(record_id):
    """The record's hours as the ledger has them now (approval + corrections)."""
    return db.session.execute(
        db.select(func.coalesce(func.sum(HoursLedgerEntry.minutes), 0))
        .where(HoursLedgerEntry.service_record_id == record_id)
    ).scalar_one()


def entries_for_record(record_id):
    return db.session.execute(
        db.select(HoursLedgerEntry).where(HoursLedgerEntry.service_record_id == record_id)
        .order_by(HoursLedgerEntry.id)
    ).scalars().all()


def refuse_own_record(actor, record):
    """Nobody certifies their own service: an organiser who volunteered at an
    event in their scope has their hours approved, settled or corrected by
    another organiser or an admin."""
    if policy.records.is_own(actor, record):
        raise APIError("own_record")


def correct(actor, record, corrected_hours, reason):
    """State what an approved record should have been: a correction entry of
    the difference is appended. The record is locked while the difference is
    computed, so two organisers correcting at once cannot both apply theirs
    to the same starting figure."""
    policy.require(policy.records.may_manage(actor, record))
    refuse_own_record(actor, record)
    reason = (reason or "").strip()
    if not reason:
        raise APIError("reason_required", "请填写更正原因")
    minutes = rules.minutes_from_hours(corrected_hours)
    if minutes is None:
        raise APIError("hours_invalid")
    # The lock is an UPDATE, not SELECT ... FOR UPDATE, which SQLite ignores:
    # there two racing corrections both read the old sum and both applied
    # their difference. An UPDATE takes the write lock on either database.
    touched = db.session.execute(
        update(ServiceRecord).where(ServiceRecord.id == record.id, ServiceRecord.status == "approved")
        .values(updated_at=utcnow()).execution_options(synchronize_session=False)
    )
    if touched.rowcount != 1:
        db.session.rollback()
        raise APIError("record_not_approved")
    locked = db.session.execute(
        db.select(ServiceRecord).where(ServiceRecord.id == record.id).execution_options(populate_existing=True)
    ).scalar_one()
    delta = minutes - record_minutes(locked.id)
    if delta == 0:
        raise APIError("correction_unchanged")
    approval = db.session.execute(
        db.select(HoursLedgerEntry).where(HoursLedgerEntry.service_record_id == locked.id,
                                          HoursLedgerEntry.kind == "approval")
    ).scalar_one()
    entry = HoursLedgerEntry(
        user_id=locked.user_id, service_record_id=locked.id, event_id=locked.event_id, kind="correction",
        minutes=delta, reason=reason, team_id=approval.team_id, community_id=approval.community_id,
        served_at=approval.served_at, created_by_id=actor.id,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record("hours.correct", actor=actor, target=locked, detail={
        "user_id": locked.user_id, "event_id": locked.event_id, "entry_id": entry.id,
        "delta_minutes": delta, "corrected_minutes": minutes, "reason": reason,
    })
    db.session.commit()
    return entry
