"""What a person's grants let them manage, as one value: their Scope."""
from dataclasses import dataclass, field

from sqlalchemy import false, or_, true

from app.auth import roles
from app.extensions import db
from app.models import VolunteerProfile


@dataclass(frozen=True)
class Scope:
    """The communities and member units whose events, teams, volunteers and
    notices a person manages (``everything`` for the subdistrict office)."""

    everything: bool = False
    community_ids: frozenset = field(default_factory=frozenset)
    member_unit_ids: frozenset = field(default_factory=frozenset)

    def covers(self, community_id=None, member_unit_id=None):
        if self.everything:
            return True
        if community_id is not None and community_id in self.community_ids:
            return True
        return member_unit_id is not None and member_unit_id in self.member_unit_ids

    @property
    def is_empty(self):
        return not (self.everything or self.community_ids or self.member_unit_ids)


EVERYTHING = Scope(everything=True)
NOTHING = Scope()


def live_grants(user):
    if user is None or not user.is_active:
        return ()
    return tuple(user.grants)


def holds(user, role, scope_kind=None, scope_id=None):
    """Does ``user`` hold ``role`` (over that scope, when one is named)?"""
    return any(
        g.role == role and (scope_kind is None or g.scope_kind == scope_kind)
        and (scope_id is None or g.scope_id == scope_id)
        for g in live_grants(user)
    )


def holds_any_grant(user):
    return bool(live_grants(user))


def is_admin(user):
    return holds(user, roles.ADMIN)


def is_staff(user):
    """Holds a role that manages other people's events and volunteers."""
    return any(g.role in roles.STAFF for g in live_grants(user))


def scope_of(user):
    """The Scope that ``user``'s live staff grants add up to."""
    grants = live_grants(user)
    if any(g.role == roles.ADMIN for g in grants):
        return EVERYTHING
    organised = [g for g in grants if g.role == roles.ORGANISER]
    if not organised:
        return NOTHING
    return Scope(
        community_ids=frozenset(g.scope_id for g in organised if g.scope_kind == roles.COMMUNITY),
        member_unit_ids=frozenset(g.scope_id for g in organised if g.scope_kind == roles.MEMBER_UNIT),
    )


def unit_ids_spoken_for(user):
    """The member units ``user`` speaks for in the alliance: those they hold
    a unit_contact or organiser grant over (the office speaks for all; see
    ``speaks_for``)."""
    return frozenset(g.scope_id for g in live_grants(user)
                     if g.role in (roles.UNIT_CONTACT, roles.ORGANISER) and g.scope_kind == roles.MEMBER_UNIT)


def speaks_for(user, unit_id):
    """May ``user`` act for this member unit (accept its duties, report for
    duty, edit its profile and lists)?"""
    return is_admin(user) or unit_id in unit_ids_spoken_for(user)


def staffed_community_ids(user):
    """The communities whose staff ``user`` is (organiser over the community):
    they raise needs and whistles there and dispatch them. Empty for the
    office, which covers every community through ``is_admin``."""
    return scope_of(user).community_ids


def staffs_community(user, community_id):
    return is_admin(user) or community_id in staffed_community_ids(user)


def grid_ids_worked(user):
    """The grids whose leader or worker ``user`` is (grid_leader / grid_worker
    grants). Community staff and the office reach grids through ``works_grid``."""
    return frozenset(g.scope_id for g in live_grants(user)
                     if g.role in (roles.GRID_LEADER, roles.GRID_WORKER) and g.scope_kind == roles.GRID)


def works_grid(user, grid):
    """May ``user`` act in this grid (its work orders, patrols, households):
    its leader and workers, the staff of its community, the office."""
    return grid.id in grid_ids_worked(user) or staffs_community(user, grid.community_id)


def branch_ids_organised(user):
    """The party branches ``user`` runs (branch_organiser grants)."""
    return frozenset(g.scope_id for g in live_grants(user)
                     if g.role == roles.BRANCH_ORGANISER and g.scope_kind == roles.PARTY_BRANCH)


def organises_branch(user, branch_id):
    return is_admin(user) or branch_id in branch_ids_organised(user)


def mediation_led_community_ids(user):
    """The communities whose 钱塘阿姨 mediation ``user`` leads."""
    return frozenset(g.scope_id for g in live_grants(user)
                     if g.role == roles.MEDIATION_LEAD and g.scope_kind == roles.COMMUNITY)


def runs_lecture_office(user):
    return is_admin(user) or holds(user, roles.LECTURE_OFFICE)


def host_clause(scope, community_column, member_unit_column):
    """A SQL condition: the row's host (community or member unit) is in ``scope``.
    The one SQL form of ``Scope.covers``; every list filter is built on it."""
    if scope.everything:
        return true()
    clauses = []
    if scope.community_ids and community_column is not None:
        clauses.append(community_column.in_(sorted(scope.community_ids)))
    if scope.member_unit_ids and member_unit_column is not None:
        clauses.append(member_unit_column.in_(sorted(scope.member_unit_ids)))
    return or_(*clauses) if clauses else false()


def roles_held(user):
    """Every role the person holds, granted or following from who they are,
    as [{role, scope_kind, scope_id, grant_id}] for /me and the console."""
    if user is None:
        return []
    held = [{"role": roles.RESIDENT, "scope_kind": roles.COMMUNITY if user.community_id else roles.SUBDISTRICT,
             "scope_id": user.community_id, "grant_id": None}]
    squad = db.session.execute(
        db.select(VolunteerProfile.team_id).where(VolunteerProfile.user_id == user.id,
                                                  VolunteerProfile.status == "approved")
    ).first()
    if squad is not None:
        held.append({"role": roles.VOLUNTEER, "scope_kind": roles.SQUAD, "scope_id": squad[0], "grant_id": None})
    held.extend({"role": g.role, "scope_kind": g.scope_kind, "scope_id": g.scope_id, "grant_id": g.id}
                for g in sorted(live_grants(user), key=lambda g: g.id))
    return held


_RANK = (roles.ADMIN, roles.ORGANISER, roles.LECTURE_OFFICE, roles.UNIT_CONTACT, roles.GRID_LEADER,
         roles.GRID_WORKER, roles.BRANCH_ORGANISER, roles.MEDIATION_LEAD, roles.VOLUNTEER, roles.RESIDENT)


def primary_role(user, held=None):
    """The one role to show beside a name: the most powerful held (from
    ``held``, the caller's ``roles_held(user)``, when it has it already)."""
    held = {r["role"] for r in (roles_held(user) if held is None else held)}
    return next(role for role in _RANK if role in held or role == roles.RESIDENT)
