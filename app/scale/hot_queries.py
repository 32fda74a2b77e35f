"""The queries phones and organisers run most, as the app's own code builds
them, with representative parameters picked from the data (the keenest
volunteer, the biggest welfare day, a community and its organiser).

Each hot query calls the services themselves and records the SQL they send
(a cursor listener), inside a transaction that is always rolled back, so a
write on the path (the check-in's INSERT) is planned but never kept. Queries
that read a large share of the data on purpose (an export, a notice to every
volunteer) are compiled, not run, and say which tables they may read whole.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from sqlalchemy import event as sa_event, func, select
from sqlalchemy.engine import Engine

from app.extensions import db
from app.localtime import local
from app.models import Event, HoursLedgerEntry, MemberUnit, RoleGrant, User, utcnow

# Tables that grow with the district; a hot query must not read one of them whole
# (the plan test fails on a Seq Scan of any of these unless the query says why).
BIG_TABLES = ("users", "events", "registrations", "checkins", "service_records", "hours_ledger",
              "notice_deliveries", "notices", "volunteer_profiles", "team_memberships", "role_grants")


@dataclass
class Sample:
    """Representative parameters, picked from the data."""
    volunteer: User           # the volunteer with the most ledger entries
    welfare_event: Event      # the event with the most check-ins
    upcoming_event: Event     # the next event that asks for registration
    community_id: int
    organiser: User           # the community's organiser
    admin: User
    unit: MemberUnit          # the unit that hosted the most events
    year: int                 # the last full year
    month: tuple              # (year, month) of the welfare event


@dataclass
class HotQuery:
    name: str
    run: Callable             # (sample) -> None, runs the app's code (captured)
    compiled: Callable = None  # (sample) -> [statements] to plan without running them
    full_scan_ok: dict = field(default_factory=dict)  # table -> why reading it whole is the point


def sample_ids():
    """The ids behind the sample (picked once: the busiest volunteer costs a
    GROUP BY over the ledger)."""
    first = lambda query: db.session.execute(query.limit(1)).scalar_one_or_none()  # noqa: E731
    welfare_id, community_id = db.session.execute(
        select(Event.id, Event.host_community_id)
        .where(Event.kind == "welfare_day", Event.host_community_id.is_not(None), Event.starts_at < utcnow())
        .order_by(Event.starts_at.desc()).limit(1)).one()
    return {
        "volunteer": first(select(HoursLedgerEntry.user_id).group_by(HoursLedgerEntry.user_id)
                           .order_by(func.count().desc(), HoursLedgerEntry.user_id)),
        "welfare_event": welfare_id,
        "upcoming_event": first(select(Event.id).where(Event.starts_at > utcnow(),
                                                       Event.registration_required.is_(True))
                                .order_by(Event.starts_at)),
        "community_id": community_id,
        "organiser": first(select(RoleGrant.user_id).where(
            RoleGrant.role == "organiser", RoleGrant.scope_kind == "community", RoleGrant.scope_id == community_id,
            RoleGrant.revoked_at.is_(None))),
        "admin": first(select(RoleGrant.user_id).where(RoleGrant.role == "admin", RoleGrant.revoked_at.is_(None))),
        "unit": first(select(Event.host_member_unit_id).where(Event.host_member_unit_id.is_not(None))
                      .group_by(Event.host_member_unit_id).order_by(func.count().desc(), Event.host_member_unit_id))
        or first(select(MemberUnit.id)),
    }


def load_sample(ids):
    welfare = db.session.get(Event, ids["welfare_event"])
    starts = local(welfare.starts_at)
    return Sample(
        volunteer=db.session.get(User, ids["volunteer"]), welfare_event=welfare,
        upcoming_event=db.session.get(Event, ids["upcoming_event"]), community_id=ids["community_id"],
        organiser=db.session.get(User, ids["organiser"]), admin=db.session.get(User, ids["admin"]),
        unit=db.session.get(MemberUnit, ids["unit"]), year=local(utcnow()).year - 1,
        month=(starts.year, starts.month))


def _today():
    return local(utcnow()).date()


def _home(s):
    from app.events.listing import list_events

    list_events({"group": True, "from_": _today(), "limit": 10, "offset": 0}, s.volunteer)


def _event_list(s):
    from app.events.listing import list_events

    list_events({"from_": _today(), "community": s.community_id, "limit": 20, "offset": 0}, s.volunteer)


def _event_detail(s):
    from app.events.service import get_event_or_404
    from app.events.views import present_detail

    db.session.expunge_all()  # the sample's objects must not answer from the identity map
    present_detail(get_event_or_404(s.welfare_event.id), s.volunteer)


def _my_registrations(s):
    from app.events.registration import list_for_user

    list_for_user(s.volunteer)


def _checkin(s):
    """The scan's own statements (app.checkin.service): the poster's scene, the
    event still open, the person active, the exactly-once INSERT, the answer
    for a repeated scan."""
    from app.checkin.service import _statements
    from app.events.service import event_for_scene

    event = s.upcoming_event
    event_for_scene(event.scene)
    statements = _statements("postgresql")
    params = {"event_id": event.id, "user_id": s.volunteer.id, "direction": "in"}
    db.session.execute(statements.event_open, params)
    db.session.execute(statements.active, params)
    db.session.execute(statements.insert, {**params, "method": "qr", "scanned_at": utcnow(), "latitude": None,
                                           "longitude": None, "recorded_by_id": None, "note": None})
    db.session.execute(statements.existing, params)


def _my_hours(s):
    from app.hours.reports import hours_summary

    hours_summary(s.volunteer.id)


def _leaderboard(s):
    from app.hours.reports import leaderboard

    leaderboard(s.admin, "squad", year=s.year)
    leaderboard(s.admin, "community")


def _attendance(s):
    from app.checkin.attendance import attendees, live_counts

    live_counts(s.welfare_event.id)
    attendees(s.welfare_event.id)


def _hours_export(s):
    from app.hours import export

    return [export._query(date(s.year, 1, 1), date(s.year, 12, 31), None),
            export._query(date(s.year, 1, 1), date(s.year, 12, 31), s.organiser)]


def _monthly_chart(s):
    from app.checkin.reports import month_events

    month_events(s.organiser, *s.month)


def _notice_audience(s):
    from app.notices import audience

    return [audience.resolve({"kind": "team", "team_id": 1}, None).user_ids,
            audience.resolve({"kind": "community", "community_id": s.community_id}, None).user_ids]


def _unit_reports(s):
    from app.units import report

    report.yearly_report(s.unit, s.year)
    report.ranking(s.year)


def _nothing(s):
    return None


LEDGER_SUMS = "summed on every request until running totals land (issue 16, scale-totals)"
HOT_QUERIES = [
    HotQuery("home page", _home),
    HotQuery("event list", _event_list),
    HotQuery("event detail", _event_detail),
    HotQuery("my registrations", _my_registrations),
    HotQuery("check-in", _checkin),
    HotQuery("my hours", _my_hours),
    HotQuery("leaderboard", _leaderboard, full_scan_ok={"hours_ledger": LEDGER_SUMS}),
    HotQuery("attendance", _attendance),
    HotQuery("hours export for a year", _nothing, compiled=_hours_export, full_scan_ok={
        "hours_ledger": "each record's net minutes: the export sums the ledger by record",
        "users": "joined to a fifth of all service records: a hash join reads it once",
        "volunteer_profiles": "likewise, the volunteers of a year's records"}),
    HotQuery("monthly chart", _monthly_chart),
    HotQuery("notice audience", _nothing, compiled=_notice_audience, full_scan_ok={
        "volunteer_profiles": "the audience is every volunteer (or a community's): read whole on purpose",
        "users": "every active user of the audience"}),
    HotQuery("unit reports", _unit_reports),
]


@contextmanager
def captured_statements():
    """Every (SQL, parameters) any engine sends while the block runs."""
    seen = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    sa_event.listen(Engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        sa_event.remove(Engine, "before_cursor_execute", listener)


def _compiled(statement):
    compiled = statement.compile(dialect=db.engine.dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), compiled.construct_params()


def statements_of(query, sample):
    """The distinct statements a hot query sends (or would send), in order."""
    with captured_statements() as seen:
        query.run(sample)
    found = [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith(("SELECT", "WITH", "INSERT"))]
    found += [_compiled(statement) for statement in (query.compiled(sample) if query.compiled else [])]
    distinct, texts = [], set()
    for sql, params in found:
        if sql not in texts:
            texts.add(sql)
            distinct.append((sql, params))
    return distinct


def explain(sql, params, analyze=False, json_format=False, seqscan=True):
    options = "ANALYZE, BUFFERS" if analyze else "COSTS"
    if json_format:
        options += ", FORMAT JSON"
    cursor = db.session.connection().connection.cursor()
    try:
        if not seqscan:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN ({options}) {sql}", params or None)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return rows[0][0] if json_format else "\n".join(row[0] for row in rows)


def plans(analyze=False, json_format=False, seqscan=True):
    """Yield (hot query, statement number, SQL, plan) for every hot query,
    each in a transaction that is rolled back. ``seqscan=False`` plans with
    sequential scans priced out (``enable_seqscan = off``): a Seq Scan left in
    the plan then means no index can serve that access at all, whatever the
    table's size, which is what the plan test asks of the small dataset."""
    db.session.rollback()
    ids = sample_ids()
    for query in HOT_QUERIES:
        try:
            found = statements_of(query, load_sample(ids))
            for number, (sql, params) in enumerate(found, start=1):
                yield query, number, sql, explain(sql, params, analyze=analyze, json_format=json_format,
                                                  seqscan=seqscan)
        finally:
            db.session.rollback()
            db.session.expunge_all()


def explain_all(analyze=False):
    """(title, text) for the command line: each statement and its plan."""
    for query, number, sql, plan in plans(analyze=analyze):
        yield f"{query.name} #{number}", f"{sql}\n\n{plan}"


def seq_scanned(plan):
    """Names of the relations a JSON plan reads with a sequential scan."""
    node = plan[0]["Plan"] if isinstance(plan, list) else plan
    found = [node["Relation Name"]] if node.get("Node Type") == "Seq Scan" else []
    for child in node.get("Plans", ()):
        found += seq_scanned(child)
    return found


def big_table_seq_scans(seqscan=True):
    """[(hot query, statement number, table, SQL)] for every sequential scan of
    a big table that its query does not explain."""
    found = []
    for query, number, sql, plan in plans(json_format=True, seqscan=seqscan):
        for table in seq_scanned(plan):
            if table in BIG_TABLES and table not in query.full_scan_ok:
                found.append((query.name, number, table, sql))
    return found
