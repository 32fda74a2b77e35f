"""Who stands behind a member unit, from the unit's side: its contacts (to
notify), and the people who belong to it (to count at a roll call).

The policy asks the other way round (``unit_ids_spoken_for(user)``: the
units one person speaks for); these are the same grants read per unit.
"""
from sqlalchemy import select

from app.auth import roles
from app.extensions import db
from app.models import RoleGrant, Team, User, VolunteerProfile

SPEAKING_ROLES = (roles.UNIT_CONTACT, roles.ORGANISER)


def contacts_of(unit_ids):
    """{unit_id: [user_id, ...]}: the active people holding a live unit_contact
    or organiser grant over each unit (exactly those ``speaks_for`` lets act
    for it, the office aside)."""
    if not unit_ids:
        return {}
    rows = db.session.execute(
        select(RoleGrant.scope_id, RoleGrant.user_id)
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.revoked_at.is_(None), RoleGrant.role.in_(SPEAKING_ROLES),
               RoleGrant.scope_kind == roles.MEMBER_UNIT, RoleGrant.scope_id.in_(sorted(unit_ids)),
               User.is_active.is_(True))
        .order_by(RoleGrant.scope_id, RoleGrant.user_id)
    ).all()
    found = {unit_id: [] for unit_id in unit_ids}
    for unit_id, user_id in rows:
        if user_id not in found[unit_id]:
            found[unit_id].append(user_id)
    return found


def members_among(unit_ids, user_ids):
    """{unit_id: {user_id, ...}}: which of ``user_ids`` belong to each unit.

    A person belongs to a unit when they hold a live grant over it (its
    contacts and organisers: the unit's staff) or when they are an approved
    volunteer whose current squad is the unit's own team (Team.member_unit_id).
    A person may belong to more than one unit and then counts for each."""
    found = {unit_id: set() for unit_id in unit_ids}
    if not unit_ids or not user_ids:
        return found
    units, people = sorted(unit_ids), sorted(user_ids)
    granted = select(RoleGrant.scope_id.label("unit_id"), RoleGrant.user_id.label("user_id")).where(
        RoleGrant.revoked_at.is_(None), RoleGrant.role.in_(SPEAKING_ROLES),
        RoleGrant.scope_kind == roles.MEMBER_UNIT, RoleGrant.scope_id.in_(units), RoleGrant.user_id.in_(people))
    squads = select(Team.member_unit_id.label("unit_id"), VolunteerProfile.user_id.label("user_id")).join(
        Team, Team.id == VolunteerProfile.team_id).where(
        VolunteerProfile.status == "approved", Team.member_unit_id.in_(units), VolunteerProfile.user_id.in_(people))
    for unit_id, user_id in db.session.execute(granted.union(squads)).all():
        found[unit_id].add(user_id)
    return found

