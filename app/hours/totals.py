"""Running hour totals (app.models.hours_totals), kept with every ledger append.

Any code that adds a ``HoursLedgerEntry`` through the ORM (an approval, a
correction, whatever comes next) has its totals updated in the same
transaction, without having to remember to: a flush notes the new entries,
and just before the commit their deltas are added with atomic upserts
(``INSERT ... ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes``),
so racing approvals never lose an increment.

Why at the commit and not at each flush: a bulk approval touches the rows of
many people, squads and communities. Applied in the order entries arrive,
two bulk approvals could lock the same rows in opposite orders and deadlock
on PostgreSQL. Applied all at once, in one order every transaction shares
(who-is-counted rows, then people, then scopes, each sorted), they cannot.

Bulk loads that bypass the ORM (the scale seeder's COPY) call
``app.hours.totals_rebuild.rebuild_totals()`` afterwards.
"""
from collections import defaultdict

from sqlalchemy import event as sa_event
from sqlalchemy import func, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.extensions import db
from app.localtime import local
from app.models import HoursLedgerEntry
from app.models.hours_totals import (
    ALL_TIME,
    DISTRICT_ID,
    SCOPE_COMMUNITY,
    SCOPE_DISTRICT,
    SCOPE_TEAM,
    HoursScopeTotal,
    HoursScopeVolunteer,
    HoursUserTotal,
)

_PENDING = "jusha_hours_totals_pending"
CHUNK = 500  # rows per multi-row statement: well under SQLite's bound-parameter limit


def scopes_of(entry):
    """Where an entry counts: the district always, its squad and community when it has them."""
    found = [(SCOPE_DISTRICT, DISTRICT_ID)]
    if entry.team_id is not None:
        found.append((SCOPE_TEAM, entry.team_id))
    if entry.community_id is not None:
        found.append((SCOPE_COMMUNITY, entry.community_id))
    return found


def upsert_statement(session, table):
    """The dialect's INSERT, which knows ON CONFLICT (PostgreSQL, SQLite >= 3.24)."""
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(table)


def _chunks(rows):
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _add(session, model, keys, deltas):
    """Add ``deltas`` ({key tuple: {column: n}}) to ``model``'s rows, creating missing ones."""
    table = model.__table__
    columns = next(iter(deltas.values())).keys()
    rows = [dict(zip(keys, key), **deltas[key]) for key in sorted(deltas)]
    for chunk in _chunks(rows):
        insert = upsert_statement(session, table).values(chunk)
        session.execute(insert.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: table.c[name] + insert.excluded[name] for name in columns},
        ))


def _newly_counted(session, members):
    """Of (kind, year, scope_id, user_id) tuples, those not counted before
    (inserted now). The primary key decides, so two transactions bringing the
    same person to a squad at once count them once."""
    table = HoursScopeVolunteer.__table__
    rows = [dict(scope_kind=k, year=y, scope_id=s, user_id=u) for k, y, s, u in sorted(members)]
    new = set()
    for chunk in _chunks(rows):
        insert = upsert_statement(session, table).values(chunk).on_conflict_do_nothing()
        returned = session.execute(insert.returning(table.c.scope_kind, table.c.year, table.c.scope_id))
        new.update(tuple(row) for row in returned)
    return new


def apply(session, entries):
    """Add the entries' minutes to every total they count in (within the caller's transaction)."""
    people = defaultdict(lambda: {"minutes": 0, "records": 0})
    scopes = defaultdict(lambda: {"minutes": 0, "records": 0, "volunteers": 0})
    members = set()
    for entry in entries:
        served = local(entry.served_at)
        approvals = 1 if entry.kind == "approval" else 0
        person = people[(entry.user_id, served.year, served.month)]
        person["minutes"] += entry.minutes
        person["records"] += approvals
        for kind, scope_id in scopes_of(entry):
            for year in (served.year, ALL_TIME):
                scope = scopes[(kind, year, scope_id)]
                scope["minutes"] += entry.minutes
                scope["records"] += approvals
                members.add((kind, year, scope_id, entry.user_id))
    if not people:
        return
    for key in _newly_counted(session, members):
        scopes[key]["volunteers"] += 1
    _add(session, HoursUserTotal, ("user_id", "year", "month"), people)
    _add(session, HoursScopeTotal, ("scope_kind", "year", "scope_id"), scopes)


@sa_event.listens_for(Session, "after_flush")
def _note_new_entries(session, flush_context):
    new = [obj for obj in session.new if isinstance(obj, HoursLedgerEntry)]
    if new:
        session.info.setdefault(_PENDING, []).extend(new)


@sa_event.listens_for(Session, "before_commit")
def _apply_pending(session):
    if not session.info.get(_PENDING) and not any(isinstance(o, HoursLedgerEntry) for o in session.new):
        return
    session.flush()  # before_commit runs before the commit's own flush
    # An entry flushed inside a savepoint that was rolled back is no longer persistent.
    entries = [e for e in session.info.pop(_PENDING, []) if inspect(e).persistent]
    apply(session, entries)


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_pending(session, transaction):
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


# -- reads -----------------------------------------------------------------

def person(user_id):
    """(all-time minutes, {(year, month): minutes}) of one person."""
    rows = db.session.execute(
        db.select(HoursUserTotal.year, HoursUserTotal.month, HoursUserTotal.minutes)
        .where(HoursUserTotal.user_id == user_id)
    ).all()
    return sum(r.minutes for r in rows), {(r.year, r.month): r.minutes for r in rows}


def minutes_by_user(user_ids, year=None):
    """{user_id: minutes} (in ``year``, else all time) for those with any entry."""
    if not user_ids:
        return {}
    query = (db.select(HoursUserTotal.user_id, func.sum(HoursUserTotal.minutes))
             .where(HoursUserTotal.user_id.in_(user_ids)).group_by(HoursUserTotal.user_id))
    if year is not None:
        query = query.where(HoursUserTotal.year == year)
    return {user_id: int(minutes) for user_id, minutes in db.session.execute(query)}


def years_of(user_id):
    """{year: minutes} for every year the person has entries in."""
    return dict(db.session.execute(
        db.select(HoursUserTotal.year, func.sum(HoursUserTotal.minutes))
        .where(HoursUserTotal.user_id == user_id).group_by(HoursUserTotal.year)
    ).all())


def scope_minutes(kind, scope_ids, year=ALL_TIME):
    """Minutes of the scopes together, in a year or (ALL_TIME) ever."""
    if not scope_ids:
        return 0
    return db.session.execute(
        db.select(func.coalesce(func.sum(HoursScopeTotal.minutes), 0))
        .where(HoursScopeTotal.scope_kind == kind, HoursScopeTotal.year == year,
               HoursScopeTotal.scope_id.in_(scope_ids))
    ).scalar_one()


def district(year):
    """(minutes, volunteers) of the whole district in a year."""
    row = db.session.execute(
        db.select(HoursScopeTotal.minutes, HoursScopeTotal.volunteers)
        .where(HoursScopeTotal.scope_kind == SCOPE_DISTRICT, HoursScopeTotal.year == year,
               HoursScopeTotal.scope_id == DISTRICT_ID)
    ).first()
    return (row.minutes, row.volunteers) if row is not None else (0, 0)
