"""党员联户: households, their pairings and the 联户记录本.

Who reads a household's record (address, members, notes, visits):
* the party member it is paired with now (an open pairing);
* the leader and workers of its grid (grid_leader / grid_worker grants);
* the staff of its community (organiser over the community);
* the office.
Nobody else learns it exists (404), and every read is audited by the area
(app/households/audit.py), saying on which of these grounds (``reason_for``).

Who acts: the grid's workers, the community's staff and the office add and
edit households; the community's staff and the office pair them with party
members; only the paired party member logs visits. Coverage figures (no
personal data) are for the community's staff and the office.
"""
from sqlalchemy import false, or_, select, true

from app.auth.policy.scope import grid_ids_worked, is_admin, staffed_community_ids, staffs_community
from app.models import Household, HouseholdPairing

PAIRED, GRID, COMMUNITY, OFFICE = "paired_member", "grid_worker", "community_staff", "office"


def is_paired(user, household):
    from app.extensions import db

    if user is None:
        return False
    return db.session.execute(
        select(HouseholdPairing.id).where(HouseholdPairing.household_id == household.id,
                                          HouseholdPairing.party_member_id == user.id,
                                          HouseholdPairing.ended_at.is_(None))
    ).first() is not None


def reason_for(user, household, listed=False):
    """On what ground ``user`` reads ``household`` (None: they may not).
    ``listed``: it came through ``readable_clause``, so when no grant covers
    it the pairing does (no need to ask the database again)."""
    if user is None:
        return None
    if is_admin(user):
        return OFFICE
    if household.community_id in staffed_community_ids(user):
        return COMMUNITY
    if household.grid_id in grid_ids_worked(user):
        return GRID
    if listed or is_paired(user, household):
        return PAIRED
    return None


def may_read(user, household):
    return reason_for(user, household) is not None


def readable_clause(user, household=Household):
    """Which households ``user`` reads, for lists: the SQL twin of ``may_read``."""
    if user is None:
        return false()
    if is_admin(user):
        return true()
    paired = select(HouseholdPairing.household_id).where(HouseholdPairing.party_member_id == user.id,
                                                          HouseholdPairing.ended_at.is_(None))
    return or_(household.community_id.in_(sorted(staffed_community_ids(user)) or [-1]),
               household.grid_id.in_(sorted(grid_ids_worked(user)) or [-1]),
               household.id.in_(paired))


def may_edit(user, household):
    """Edit or archive: the grid's workers, the community's staff, the office."""
    return staffs_community(user, household.community_id) or household.grid_id in grid_ids_worked(user)


def may_add_in(user, grid):
    return staffs_community(user, grid.community_id) or grid.id in grid_ids_worked(user)


def may_pair(user, household):
    """Pair and unpair: the community's staff and the office."""
    return staffs_community(user, household.community_id)


def may_log_visit(user, household):
    """Only the party member paired with the household now."""
    return is_paired(user, household)


def may_see_coverage(user, community_id):
    return staffs_community(user, community_id)


def coverage_community_ids(user):
    """The communities whose coverage ``user`` sees (None: every one)."""
    return None if is_admin(user) else sorted(staffed_community_ids(user))
