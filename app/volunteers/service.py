"""Becoming a volunteer, being reviewed, leaving and moving squads.

The squad history lives in TeamMembership: joining opens a row, leaving or
moving closes it (left_at) and moving opens the next; rows are never deleted.
A partial unique index allows one open row per person.

Changes to a person's volunteer status start with ``lock_profile``, so two
organisers reviewing at once, or a review racing a move or the closing of
the account, happen one after the other on PostgreSQL and SQLite alike.
"""
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from app import audit, paging
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import Community, Team, TeamMembership, VolunteerProfile, utcnow
from app.teams.service import descendant_ids
from app.volunteers import identity
from app.volunteers.consent import CONSENT_VERSION

REVIEWABLE = ("pending",)


def profile_of(user_id):
    return db.session.execute(
        db.select(VolunteerProfile).where(VolunteerProfile.user_id == user_id)
    ).scalar_one_or_none()


def lock_profile(user_id, statuses=None):
    """The person's profile, fresh and locked until the commit, if it is in
    one of ``statuses`` (any when None); else None.

    The lock is an UPDATE rather than SELECT ... FOR UPDATE: SQLite ignores
    FOR UPDATE but an UPDATE takes its write lock, and on PostgreSQL it
    waits for a racing transaction and then re-checks the status. The
    reload overwrites what the session may already hold, which a FOR UPDATE
    query would leave stale.
    """
    condition = [VolunteerProfile.user_id == user_id]
    if statuses is not None:
        condition.append(VolunteerProfile.status.in_(statuses))
    touched = db.session.execute(
        update(VolunteerProfile).where(*condition).values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if touched.rowcount != 1:
        return None
    return db.session.execute(
        db.select(VolunteerProfile).where(VolunteerProfile.user_id == user_id)
        .execution_options(populate_existing=True)
    ).scalar_one()


def _squad(team_id):
    team = db.session.get(Team, team_id)
    if team is None:
        raise APIError("team_not_found")
    if team.level != "squad":
        raise APIError("team_not_squad")
    return team


def apply(user, body):
    """Record an application after the person agreed to the current notice.
    Consent comes first: without it nothing at all is written."""
    if body.get("consent_agreed") is not True:
        raise APIError("consent_required")
    if body.get("consent_version") != CONSENT_VERSION:
        raise APIError("consent_required", "《志愿者个人信息处理说明》已更新，请重新阅读并同意")
    id_number = identity.normalise_id_number(body["id_number"])
    phone = identity.normalise_phone(body["phone"])
    team = _squad(body["team_id"])
    if db.session.get(Community, body["community_id"]) is None:
        raise APIError("not_found", "社区不存在")
    digest = identity.id_number_digest(id_number)
    taken = db.session.execute(
        db.select(VolunteerProfile.user_id).where(VolunteerProfile.id_number_digest == digest)
    ).scalar_one_or_none()
    if taken is not None and taken != user.id:
        raise APIError("id_number_taken")

    profile = lock_profile(user.id)
    if profile is not None and profile.status in ("pending", "approved"):
        raise APIError("already_volunteer")
    if profile is None:
        profile = VolunteerProfile(user_id=user.id)
        db.session.add(profile)
    profile.real_name = body["real_name"].strip()
    profile.phone = phone
    profile.id_number_encrypted = identity.encrypt_id_number(id_number)
    profile.id_number_masked = identity.mask_id_number(id_number)
    profile.id_number_digest = digest
    profile.community_id = body["community_id"]
    profile.team_id = team.id
    profile.skills = sorted({s.strip() for s in body.get("skills", []) if s.strip()})
    profile.status = "pending"
    profile.consent_version = CONSENT_VERSION
    profile.consented_at = utcnow()
    profile.reviewed_by_id = profile.reviewed_at = profile.review_reason = None
    try:
        db.session.commit()
    except IntegrityError as exc:
        # Two people racing with one ID number, or one person double-tapping.
        db.session.rollback()
        raise APIError("id_number_taken" if "digest" in str(exc.orig) else "already_volunteer") from exc
    return profile


def _open_membership(user_id, lock=False):
    query = db.select(TeamMembership).where(TeamMembership.user_id == user_id, TeamMembership.left_at.is_(None))
    if lock:
        query = query.with_for_update()
    return db.session.execute(query).scalar_one_or_none()


def close_membership(user_id, reason, at):
    membership = _open_membership(user_id, lock=True)
    if membership is not None:
        membership.left_at = at
        membership.reason = reason
        db.session.flush()
    return membership


def review(actor, profile, decision, reason=None):
    """Approve or reject a pending application (organisers in scope, never
    their own)."""
    policy.require(policy.volunteers.may_manage(actor, profile))
    policy.require(policy.volunteers.may_review(actor, profile), "own_application")
    reason = (reason or "").strip() or None
    if decision == "reject" and not reason:
        raise APIError("reason_required", "请填写驳回原因")
    locked = lock_profile(profile.user_id, REVIEWABLE)
    if locked is None:
        db.session.rollback()
        raise APIError("application_not_pending")
    now = utcnow()
    locked.reviewed_by_id, locked.reviewed_at, locked.review_reason = actor.id, now, reason
    if decision == "approve":
        locked.status = "approved"
        close_membership(locked.user_id, "加入新中队", now)
        db.session.add(TeamMembership(user_id=locked.user_id, team_id=locked.team_id, joined_at=now))
    else:
        locked.status = "rejected"
    audit.record(f"volunteer.{decision}", actor=actor, target=locked,
                 detail={"user_id": locked.user_id, "team_id": locked.team_id, "reason": reason})
    db.session.commit()
    return locked


def _approved_profile(user):
    profile = lock_profile(user.id, ("approved",))
    if profile is None:
        db.session.rollback()
        raise APIError("not_a_volunteer")
    return profile


def leave(user, reason=None):
    """Stop volunteering. Hours and records stay; the person may apply again."""
    profile = _approved_profile(user)
    now = utcnow()
    close_membership(user.id, reason or "退出志愿者队伍", now)
    previous_team = profile.team_id
    profile.status, profile.team_id = "left", None
    audit.record("volunteer.leave", actor=user, target=profile, detail={"team_id": previous_team, "reason": reason})
    db.session.commit()
    return profile


def move(user, team_id, reason=None):
    """Change squads at once; the old membership closes, the new one opens."""
    profile = _approved_profile(user)
    team = _squad(team_id)
    if team.id == profile.team_id:
        raise APIError("same_team")
    now = utcnow()
    previous_team = profile.team_id
    close_membership(user.id, reason or "调整中队", now)
    db.session.add(TeamMembership(user_id=user.id, team_id=team.id, joined_at=now))
    profile.team_id = team.id
    audit.record("volunteer.move", actor=user, target=profile,
                 detail={"from_team_id": previous_team, "to_team_id": team.id, "reason": reason})
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise APIError("conflict") from exc
    return profile


def memberships_of(user_id):
    return db.session.execute(
        db.select(TeamMembership).where(TeamMembership.user_id == user_id).order_by(TeamMembership.id)
    ).scalars().all()


def list_in_scope(actor, status=None, team_id=None, community_id=None, q=None, limit=50, before_id=None,
                  offset=0, sort="id", order="desc"):
    """(one page of the volunteers and applicants ``actor`` manages, how many match)."""
    query = (
        db.select(VolunteerProfile)
        .outerjoin(Team, Team.id == VolunteerProfile.team_id)
        .where(policy.volunteers.managed_clause(actor), VolunteerProfile.status != "closed")
    )
    if status:
        query = query.where(VolunteerProfile.status == status)
    if team_id:
        team = db.session.get(Team, team_id)
        query = query.where(VolunteerProfile.team_id.in_(descendant_ids(team) if team is not None else [team_id]))
    if community_id:
        query = query.where(VolunteerProfile.community_id == community_id)
    if q:
        query = query.where(or_(VolunteerProfile.real_name.contains(q, autoescape=True),
                                VolunteerProfile.phone.contains(q, autoescape=True)))
    if before_id:
        query = query.where(VolunteerProfile.id < before_id)
    return paging.page(paging.ordered(query, getattr(VolunteerProfile, sort), order, VolunteerProfile.id),
                       limit, offset)


def profile_for_staff(actor, user_id):
    profile = profile_of(user_id)
    if profile is None:
        raise APIError("not_found", "志愿者不存在")
    policy.require(policy.volunteers.may_manage(actor, profile))
    return profile
