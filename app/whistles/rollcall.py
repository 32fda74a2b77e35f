"""The live roll call (点名) of a whistle: per addressed unit, whether it
reported, how fast, the people it promised and the people of it who checked
in at the whistle's event; worked out afresh on every call (the console and
the big screen poll it), reading only.

Who counts for a unit at the check-in: see ``app.whistles.people.members_among``
(its contacts and organisers, and approved volunteers of its own squads).
"""
from sqlalchemy import select

from app.extensions import db
from app.models import CheckIn, utcnow
from app.whistles.people import contacts_of, members_among
from app.whistles.views import minutes_between


def _checked(event_id, direction):
    if event_id is None:
        return set()
    return set(db.session.execute(
        select(CheckIn.user_id).where(CheckIn.event_id == event_id, CheckIn.direction == direction)).scalars())


def roll_call(whistle):
    unit_ids = [unit.id for unit in whistle.units]
    checked_in = _checked(whistle.event_id, "in")
    checked_out = _checked(whistle.event_id, "out")
    members = members_among(unit_ids, checked_in)
    contacts = contacts_of(unit_ids)
    reports = {report.unit_id: report for report in whistle.reports}
    rows = []
    for unit in whistle.units:
        report = reports.get(unit.id)
        mine = members[unit.id]
        rows.append({
            "unit": unit,
            "reported": report is not None,
            "reported_at": report.reported_at if report else None,
            "response_minutes": minutes_between(whistle.created_at, report.reported_at) if report else None,
            "people_promised": report.people_count if report else 0,
            "brings": report.brings if report else None,
            "arrive_at": report.arrive_at if report else None,
            "checked_in": len(mine),
            "checked_out": len(mine & checked_out),
            "contacts": len(contacts.get(unit.id, ())),
        })
    # Reported first, fastest first; then the silent ones by name.
    rows.sort(key=lambda r: (not r["reported"], r["response_minutes"] or 0, r["unit"].name))
    reported = [r for r in rows if r["reported"]]
    for_units = set().union(*members.values()) if members else set()
    return {
        "whistle_id": whistle.id, "status": whistle.status, "title": whistle.title,
        "needed_by": whistle.needed_by, "raised_at": whistle.created_at, "event_id": whistle.event_id,
        "as_of": utcnow(),
        "totals": {
            "units": len(rows),
            "reported": len(reported),
            "not_reported": len(rows) - len(reported),
            "response_rate": round(len(reported) / len(rows), 4) if rows else 0.0,
            "average_response_minutes": (round(sum(r["response_minutes"] for r in reported) / len(reported), 1)
                                         if reported else None),
            "people_promised": sum(r["people_promised"] for r in rows),
            "checked_in": len(checked_in),
            "checked_in_for_units": len(for_units),
            "checked_out": len(checked_out),
        },
        "units": rows,
    }
