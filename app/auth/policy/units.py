"""Member units and their lists (资源清单, 项目清单): what a unit is and offers
is public to everyone signed in; the alliance office (admins) manages units;
a unit's contacts (and its organisers: ``speaks_for``) edit its profile, its
resources and its projects and read its yearly report; the office and the
communities' staff see the ranking of all units."""
from sqlalchemy import true

from app.auth.policy.scope import is_admin, speaks_for, staffed_community_ids, staffs_community, unit_ids_spoken_for

# What a unit's own contacts may change in its profile; the rest (name, kind,
# level, community, joined date, status) is the office's.
PROFILE_FIELDS = frozenset({"introduction", "address", "latitude", "longitude", "party_org_name"})


def may_manage_units(user):
    """Create units, change anything about them, set their status."""
    return is_admin(user)


def may_edit_profile(user, unit, fields):
    """May ``user`` change these ``fields`` of the unit's profile?"""
    if is_admin(user):
        return True
    return speaks_for(user, unit.id) and set(fields) <= PROFILE_FIELDS


def may_see_contact_phones(user, unit):
    """The contacts' phone numbers: the office, the unit's own people and the
    staff of its community; everyone else sees names only."""
    return speaks_for(user, unit.id) or (unit.community_id is not None and staffs_community(user, unit.community_id))


def may_act_for(user, unit_id):
    """Edit the unit's resources and projects, rate communities for it."""
    return speaks_for(user, unit_id)


def may_read_report(user, unit):
    """The yearly fulfilment report and the status history: the unit's own people and the office."""
    return speaks_for(user, unit.id)


def may_see_ranking(user):
    """All units ranked: the office and every community's staff."""
    return is_admin(user) or bool(staffed_community_ids(user))


def may_set_mandatory_projects(user):
    return is_admin(user)


def may_see_community_ratings(user):
    """Communities' averages of the units' ratings: the office."""
    return is_admin(user)


def acting_clause(user, unit_column):
    """A SQL condition: rows of units ``user`` acts for (for "mine" filters)."""
    if is_admin(user):
        return true()
    return unit_column.in_(sorted(unit_ids_spoken_for(user)) or [-1])
