"""Whistles (基层吹哨) and roundtables (圆桌会).

Whistles: the staff of the whistle's community (organisers over it) and the
office raise, read, close and cancel them and read their roll call; a unit's
contacts (unit_contact or organiser over the unit) read the whistles
addressed to their unit, report for duty for it and read the roll call.
Residents and volunteers see no whistle: a whistle is a call to units, and
its event (open to anyone arriving) is what the public sees.

Roundtables: the staff of the roundtable's community and the office; a
subdistrict roundtable (no community) is the office's to manage and every
community's staff may read it. A unit's contacts read a roundtable where
their unit owns a resolution.
"""
from sqlalchemy import false, or_, true

from app.auth.policy.scope import is_admin, speaks_for, staffed_community_ids, staffs_community, unit_ids_spoken_for
from app.extensions import db
from app.models import Roundtable, RoundtableResolution, Whistle, whistle_units


# -- whistles ---------------------------------------------------------------------------------------

def may_raise(user, community_id):
    return staffs_community(user, community_id)


def may_manage(user, whistle):
    """Close, cancel: the whistle's community staff and the office."""
    return staffs_community(user, whistle.community_id)


def may_report(user, whistle, unit_id):
    """Report for duty for ``unit_id``: its contacts (or the office), and only
    for a unit the whistle is addressed to."""
    return speaks_for(user, unit_id) and any(unit.id == unit_id for unit in whistle.units)


def may_read(user, whistle):
    if may_manage(user, whistle):
        return True
    mine = unit_ids_spoken_for(user)
    return any(unit.id in mine for unit in whistle.units)


def visible_clause(user):
    """The whistles ``user`` may read, as a SQL condition (lists and details alike)."""
    if is_admin(user):
        return true()
    clauses = []
    communities = staffed_community_ids(user)
    if communities:
        clauses.append(Whistle.community_id.in_(sorted(communities)))
    units = unit_ids_spoken_for(user)
    if units:
        clauses.append(Whistle.id.in_(db.select(whistle_units.c.whistle_id)
                                      .where(whistle_units.c.unit_id.in_(sorted(units)))))
    return or_(*clauses) if clauses else false()


# -- roundtables --------------------------------------------------------------------------------------

def may_schedule(user, community_id):
    """A community's staff schedule its roundtables; a subdistrict one (None) is the office's."""
    if community_id is None:
        return is_admin(user)
    return staffs_community(user, community_id)


def may_run(user, roundtable):
    """Edit, add agenda items and resolutions, mark held."""
    return may_schedule(user, roundtable.community_id)


def may_read_roundtable(user, roundtable):
    if may_run(user, roundtable):
        return True
    if roundtable.community_id is None and staffed_community_ids(user):
        return True
    mine = unit_ids_spoken_for(user)
    return any(r.owner_unit_id in mine for r in roundtable.resolutions)


def roundtable_clause(user):
    if is_admin(user):
        return true()
    clauses = []
    communities = staffed_community_ids(user)
    if communities:
        clauses.append(Roundtable.community_id.in_(sorted(communities)))
        clauses.append(Roundtable.community_id.is_(None))
    units = unit_ids_spoken_for(user)
    if units:
        clauses.append(Roundtable.id.in_(db.select(RoundtableResolution.roundtable_id)
                                         .where(RoundtableResolution.owner_unit_id.in_(sorted(units)))))
    return or_(*clauses) if clauses else false()
