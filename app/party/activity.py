"""What a member did, counted from the other areas' own rows (read only):
lectures and party days attended (check-ins), approved service hours (the
hours ledger), duties their work unit took on for a community (履职清单).
Years are Beijing-time calendar years."""
from collections import defaultdict

from sqlalchemy import func, select

from app.extensions import db
from app.hours import totals
from app.localtime import wall_clock
from app.models import CheckIn, Duty, Event, HoursLedgerEntry, MemberUnit, Need

# `party_day` (主题党日) arrives with the lectures area; counted by name before it exists.
LEARNING_KINDS = ("lecture", "party_day")
DUTY_DONE_OR_DOING = ("accepted", "done", "closed")
DUTY_LABELS = {"accepted": "履职中", "done": "已办结", "closed": "已评价"}


def year_bounds(year):
    return wall_clock(year, 1, 1), wall_clock(year + 1, 1, 1)


def hours(minutes):
    return round((minutes or 0) / 60, 2)


def lectures(user_id, year):
    """Lectures and party days the person checked in at, in the year, oldest first."""
    start, end = year_bounds(year)
    rows = db.session.execute(
        select(Event.id, Event.title, Event.kind, Event.starts_at, func.min(CheckIn.scanned_at))
        .join(CheckIn, CheckIn.event_id == Event.id)
        .where(CheckIn.user_id == user_id, CheckIn.direction == "in", Event.kind.in_(LEARNING_KINDS),
               Event.starts_at >= start, Event.starts_at < end)
        .group_by(Event.id, Event.title, Event.kind, Event.starts_at)
        .order_by(Event.starts_at, Event.id))
    return [{"event_id": i, "title": t, "kind": k, "starts_at": s, "checked_in_at": c} for i, t, k, s, c in rows]


def lecture_counts(user_ids, year):
    """{user_id: lectures and party days attended in the year}, in one query."""
    if not user_ids:
        return {}
    start, end = year_bounds(year)
    return dict(db.session.execute(
        select(CheckIn.user_id, func.count(func.distinct(CheckIn.event_id)))
        .join(Event, Event.id == CheckIn.event_id)
        .where(CheckIn.user_id.in_(user_ids), CheckIn.direction == "in", Event.kind.in_(LEARNING_KINDS),
               Event.starts_at >= start, Event.starts_at < end)
        .group_by(CheckIn.user_id)).all())


def minutes_in_year(user_ids, year, community_id=None):
    """{user_id: ledger minutes served in the year} (approvals and corrections
    together); with ``community_id``, only at events that community hosted.
    Without, the hours' running totals answer (app.hours.totals)."""
    if not user_ids:
        return {}
    if community_id is None:
        return totals.minutes_by_user(user_ids, year)
    start, end = year_bounds(year)
    query = (select(HoursLedgerEntry.user_id, func.sum(HoursLedgerEntry.minutes))
             .join(Event, Event.id == HoursLedgerEntry.event_id)
             .where(HoursLedgerEntry.user_id.in_(user_ids), HoursLedgerEntry.served_at >= start,
                    HoursLedgerEntry.served_at < end, Event.host_community_id == community_id)
             .group_by(HoursLedgerEntry.user_id))
    return {user_id: int(minutes or 0) for user_id, minutes in db.session.execute(query)}


def hours_by_year(user_id):
    """[{year, hours}] for every year with ledger entries, newest first."""
    minutes = totals.years_of(user_id)
    return [{"year": year, "hours": hours(minutes[year])} for year in sorted(minutes, reverse=True)]


def events_attended(user_ids, community_id, year):
    """{user_id: events of the community checked in at in the year}."""
    if not user_ids:
        return {}
    start, end = year_bounds(year)
    return dict(db.session.execute(
        select(CheckIn.user_id, func.count(func.distinct(CheckIn.event_id)))
        .join(Event, Event.id == CheckIn.event_id)
        .where(CheckIn.user_id.in_(user_ids), CheckIn.direction == "in", Event.host_community_id == community_id,
               Event.starts_at >= start, Event.starts_at < end)
        .group_by(CheckIn.user_id)).all())


def unit_duties(unit_ids, community_id, year):
    """{unit_id: [duty brief]}: duties the units took on for the community's
    needs, accepted in the year (or still going from before)."""
    if not unit_ids:
        return {}
    start, end = year_bounds(year)
    found = defaultdict(list)
    for duty, title, unit_name in db.session.execute(
            select(Duty, Need.title, MemberUnit.name)
            .join(Need, Need.id == Duty.need_id).join(MemberUnit, MemberUnit.id == Duty.unit_id)
            .where(Duty.unit_id.in_(unit_ids), Need.community_id == community_id,
                   Duty.status.in_(DUTY_DONE_OR_DOING), Duty.accepted_at < end,
                   (Duty.accepted_at >= start) | (Duty.status == "accepted"))
            .order_by(Duty.accepted_at.desc(), Duty.id.desc())):
        found[duty.unit_id].append({"id": duty.id, "need_title": title, "status": duty.status,
                                    "status_label": DUTY_LABELS[duty.status], "unit_name": unit_name})
    return found
