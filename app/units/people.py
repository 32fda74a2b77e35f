"""A unit's people, for counting the volunteer hours they served.

Decided here, once: a unit's people are (a) the volunteers whose hours were
credited while they served in a squad that belongs to the unit (the ledger
entry's ``team_id`` is a team whose ``member_unit_id`` is the unit), and (b)
the people who hold a live unit_contact or organiser grant over the unit
today. An entry that qualifies both ways counts once. Hours are the hours
ledger's (approvals and corrections), never the raw check-ins."""
from collections import defaultdict

from app.auth import roles
from app.extensions import db
from app.models import HoursLedgerEntry, RoleGrant, Team

UNIT_ROLES = (roles.UNIT_CONTACT, roles.ORGANISER)


def _entries(unit_ids, start=None, end=None, event_ids=None):
    """{(unit_id, entry_id): (event_id, minutes)} of the units' people."""
    ledger = HoursLedgerEntry
    via_team = (db.select(Team.member_unit_id, ledger.id, ledger.event_id, ledger.minutes)
                .join(Team, Team.id == ledger.team_id).where(Team.member_unit_id.in_(unit_ids)))
    via_grant = (db.select(RoleGrant.scope_id, ledger.id, ledger.event_id, ledger.minutes)
                 .join(RoleGrant, RoleGrant.user_id == ledger.user_id)
                 .where(RoleGrant.role.in_(UNIT_ROLES), RoleGrant.scope_kind == roles.MEMBER_UNIT,
                        RoleGrant.scope_id.in_(unit_ids), RoleGrant.revoked_at.is_(None)))
    found = {}
    for query in (via_team, via_grant):
        if start is not None:
            query = query.where(ledger.served_at >= start, ledger.served_at < end)
        if event_ids is not None:
            query = query.where(ledger.event_id.in_(event_ids))
        for unit_id, entry_id, event_id, minutes in db.session.execute(query).all():
            found[(unit_id, entry_id)] = (event_id, minutes)
    return found


def minutes_by_unit(unit_ids, start, end):
    """{unit_id: minutes} the units' people served in [start, end)."""
    totals = defaultdict(int)
    if unit_ids:
        for (unit_id, _), (_, minutes) in _entries(sorted(unit_ids), start, end).items():
            totals[unit_id] += minutes
    return totals


def minutes_by_unit_event(unit_ids, event_ids):
    """{(unit_id, event_id): minutes} the units' people served at these events."""
    totals = defaultdict(int)
    if unit_ids and event_ids:
        for (unit_id, _), (event_id, minutes) in _entries(sorted(unit_ids), event_ids=sorted(event_ids)).items():
            totals[(unit_id, event_id)] += minutes
    return totals
