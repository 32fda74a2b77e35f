"""Totals, leaderboards and star levels: the ledger's sums, read from its
running totals (app.hours.totals), never summed on a request."""
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import Bundle

from app.auth import policy
from app.events.times import CHECKOUT_CLOSES_AFTER_END
from app.extensions import db
from app.hours import rules, totals
from app.hours.rules import hours
from app.localtime import CHINA_TZ
from app.models import (
    Community, Event, HoursLedgerEntry, MemberUnit, ServiceRecord, Team, TeamMembership, VolunteerProfile, utcnow,
)
from app.models.hours_totals import ALL_TIME, SCOPE_COMMUNITY, SCOPE_TEAM, HoursScopeTotal
from app.teams.service import descendant_ids

STATUS_LABELS = {
    "missing_checkout": "缺少签退",
    "pending": "待审核",
    "approved": "已认定",
    "rejected": "不予认定",
}


def year_bounds(year):
    """[start, end) of a calendar year in China time, as UTC instants."""
    return datetime(year, 1, 1, tzinfo=CHINA_TZ), datetime(year + 1, 1, 1, tzinfo=CHINA_TZ)


def current_year():
    return utcnow().astimezone(CHINA_TZ).year


def star(total_minutes):
    stars, title, upcoming = rules.star_level(total_minutes)
    return {"stars": stars, "title": title, "next_threshold_hours": upcoming}


def place_of(event):
    if event.venue:
        return event.venue
    if event.host_community is not None:
        return event.host_community.name
    return event.host_member_unit.name if event.host_member_unit is not None else ""


def awaiting_checkout(record, event, now=None):
    """A record without a check-out while the volunteer can still scan out
    (the check-out window is open): not yet a missing check-out."""
    if record.status != "missing_checkout":
        return False
    closes = event.checkout_closes_at or event.ends_at + CHECKOUT_CLOSES_AFTER_END
    return (now or utcnow()) < closes


def status_label(record, event, now=None):
    """缺少签退 only once the volunteer can no longer check out; before that
    the event is running (进行中·未签退) or just over (未签退)."""
    now = now or utcnow()
    if awaiting_checkout(record, event, now):
        return "进行中·未签退" if now < event.ends_at else "未签退"
    return STATUS_LABELS[record.status]


def record_view(record, ledger_minutes=None):
    """A record as the volunteer and their organisers see it: approved hours
    as the ledger holds them (corrections included), others as computed."""
    return _view(record, record.event, place_of(record.event), ledger_minutes)


def _view(record, event, place, ledger_minutes, now=None):
    """``record`` and ``event``: rows or anything with their attributes."""
    minutes = ledger_minutes if record.status == "approved" else record.minutes
    return {
        "id": record.id,
        "event_id": record.event_id,
        "event_title": event.title,
        "place": place,
        "checkin_at": record.checkin_at,
        "checkout_at": record.checkout_at,
        "started_at": record.started_at,
        "ended_at": record.ended_at,
        "minutes": minutes or 0,
        "hours": hours(minutes or 0),
        "status": record.status,
        "status_label": status_label(record, event, now),
        "awaiting_checkout": awaiting_checkout(record, event, now),
        "review_reason": record.review_reason,
        "settle_note": record.settle_note,
    }


def hours_summary(user_id, limit=None, offset=0):
    """Total, this year, by month and the records (every one, or a page of
    ``limit`` from ``offset``, latest first), for one person. The totals are
    the running totals (app.hours.totals); only the minutes of each listed
    record come from the person's own ledger entries."""
    this_year = current_year()
    total, months = totals.person(user_id)
    year_total = sum(m for (year, _), m in months.items() if year == this_year)
    rows = _rows_for_views(user_id, limit, offset)
    by_record = dict(db.session.execute(
        db.select(HoursLedgerEntry.service_record_id, func.sum(HoursLedgerEntry.minutes))
        .where(HoursLedgerEntry.user_id == user_id,
               HoursLedgerEntry.service_record_id.in_([row.record.id for row in rows]))
        .group_by(HoursLedgerEntry.service_record_id)
    ).all()) if rows else {}
    now = utcnow()
    records = [_view(row.record, row.event, row.event.place, by_record.get(row.record.id, 0), now)
               for row in rows]
    records_total = len(records) if limit is None and not offset else db.session.execute(
        db.select(func.count()).where(ServiceRecord.user_id == user_id)).scalar_one()
    return {
        "total_minutes": total,
        "total_hours": hours(total),
        "year": this_year,
        "year_minutes": year_total,
        "year_hours": hours(year_total),
        "by_month": [{"month": f"{year:04d}-{month:02d}", "minutes": m, "hours": hours(m)}
                     for (year, month), m in sorted(months.items(), reverse=True)],
        "star": star(total),
        "records": records,
        "records_total": records_total,
        "next_offset": offset + len(records) if offset + len(records) < records_total else None,
        "rounding_rule": rules.ROUNDING_RULE,
    }


def _rows_for_views(user_id, limit=None, offset=0):
    """A person's every record with what ``_view`` reads of it and its event,
    as plain rows, latest first. "My hours" lists hundreds for an active
    volunteer: ORM objects for them (and their events' every column) cost
    the request several times what the rows do. ``place`` is ``place_of``
    in SQL: the venue, else the host community's name, else the member unit's."""
    r, e = ServiceRecord, Event
    record = Bundle("record", r.id, r.event_id, r.checkin_at, r.checkout_at, r.started_at, r.ended_at, r.minutes,
                    r.status, r.review_reason, r.settle_note)
    place = func.coalesce(func.nullif(e.venue, ""), Community.name, MemberUnit.name, "")
    event = Bundle("event", e.title, e.ends_at, e.checkout_closes_at, place.label("place"))
    return db.session.execute(
        db.select(record, event).join(e, e.id == r.event_id)
        .outerjoin(Community, Community.id == e.host_community_id)
        .outerjoin(MemberUnit, MemberUnit.id == e.host_member_unit_id)
        .where(r.user_id == user_id)
        .order_by(r.started_at.desc(), r.id.desc())
        .limit(limit).offset(offset or None)
    ).all()


def totals_by_user(user_ids):
    return totals.minutes_by_user(user_ids)


def team_totals(actor, team):
    """A team's hours (itself and every team under it) and its current members."""
    policy.require(policy.teams.may_manage(actor, team))
    ids = descendant_ids(team)
    total = totals.scope_minutes(SCOPE_TEAM, ids)
    year_total = totals.scope_minutes(SCOPE_TEAM, ids, current_year())
    members = db.session.execute(
        db.select(TeamMembership.user_id, TeamMembership.team_id, TeamMembership.joined_at, VolunteerProfile.real_name)
        .join(VolunteerProfile, VolunteerProfile.user_id == TeamMembership.user_id)
        .where(TeamMembership.team_id.in_(ids), TeamMembership.left_at.is_(None))
        .order_by(TeamMembership.joined_at)
    ).all()
    lifetime = totals_by_user([m.user_id for m in members])
    rows = [{
        "user_id": m.user_id, "name": m.real_name, "team_id": m.team_id, "joined_at": m.joined_at,
        "total_minutes": lifetime.get(m.user_id, 0), "total_hours": hours(lifetime.get(m.user_id, 0)),
        "star": star(lifetime.get(m.user_id, 0)),
    } for m in members]
    rows.sort(key=lambda r: -r["total_minutes"])
    return {
        "team": team, "total_minutes": total, "total_hours": hours(total), "year": current_year(),
        "year_minutes": year_total, "year_hours": hours(year_total), "member_count": len(rows), "members": rows,
    }


def leaderboard(actor, by, year=None, limit=20):
    """Squads or communities ranked by hours served (in a year, or ever),
    limited to what the actor manages: read from the running totals, one
    row per squad or community."""
    t = HoursScopeTotal
    if by == "squad":
        query = (db.select(Team.id, Team.name, t.minutes, t.volunteers)
                 .join(Team, (Team.id == t.scope_id) & (t.scope_kind == SCOPE_TEAM))
                 .where(policy.teams.managed_clause(actor)))
        key = Team.id
    else:
        query = (db.select(Community.id, Community.name, t.minutes, t.volunteers)
                 .join(Community, (Community.id == t.scope_id) & (t.scope_kind == SCOPE_COMMUNITY))
                 .where(policy.communities.managed_clause(actor)))
        key = Community.id
    query = query.where(t.year == (year or ALL_TIME))
    rows = db.session.execute(query.order_by(t.minutes.desc(), t.volunteers.desc(), key).limit(limit)).all()
    return {
        "by": by, "year": year,
        "rows": [{"rank": i, "id": row[0], "name": row[1], "minutes": row[2], "hours": hours(row[2]),
                  "volunteers": row[3]} for i, row in enumerate(rows, start=1)],
    }
