"""The running hour totals computed afresh from the ledger: to check them
(``flask jusha check-hours-totals``) and to rebuild them (``--repair``, and
after a bulk load that bypassed the ORM, e.g. the scale seeder's COPY).

The ledger is grouped in SQL, a range of people at a time; the comparison is
two EXCEPTs in SQL, so neither needs the ledger in memory at district size.
"""
from dataclasses import dataclass, field

from sqlalchemy import Integer, case, cast, except_, extract, func, literal_column, select, true, union_all

from app.extensions import db
from app.hours.totals import upsert_statement
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

USERS_PER_BATCH = 20_000
SHOWN_MISMATCHES = 50
LEDGER = HoursLedgerEntry.__table__
USER_KEY = ("user_id", "year", "month")
SCOPE_KEY = ("scope_kind", "year", "scope_id")


def _dialect(session=None):
    return (session or db.session).get_bind().dialect.name


def _local_part(part, dialect):
    """The Beijing-time year or month of served_at, as SQL (China keeps no daylight saving)."""
    if dialect == "postgresql":
        return cast(extract(part, func.timezone("Asia/Shanghai", LEDGER.c.served_at)), Integer)
    return cast(func.strftime("%Y" if part == "year" else "%m", LEDGER.c.served_at, "+8 hours"), Integer)


def _approvals():
    return func.sum(case((LEDGER.c.kind == "approval", 1), else_=0))


def _in_range(query, users):
    return query if users is None else query.where(LEDGER.c.user_id >= users[0], LEDGER.c.user_id < users[1])


def _per_scope(users, make, dialect):
    """One SELECT per (kind of scope, year or all time), as a UNION ALL.
    ``make(columns, grouping)`` builds each; constants stay out of GROUP BY
    (PostgreSQL reads ``GROUP BY 0`` as a position)."""
    year = _local_part("year", dialect)
    parts = []
    for kind, scope_id in ((SCOPE_TEAM, LEDGER.c.team_id), (SCOPE_COMMUNITY, LEDGER.c.community_id),
                           (SCOPE_DISTRICT, None)):
        for year_column in (year, None):
            columns = (literal_column(f"'{kind}'").label("scope_kind"),
                       (year_column if year_column is not None else literal_column(str(ALL_TIME))).label("year"),
                       (scope_id if scope_id is not None else literal_column(str(DISTRICT_ID))).label("scope_id"))
            grouping = [c for c in (year_column, scope_id) if c is not None]
            query = make(columns, grouping)
            if scope_id is not None:
                query = query.where(scope_id.is_not(None))
            parts.append(_in_range(query, users))
    return union_all(*parts)


def expected_users(users=None, dialect=None):
    dialect = dialect or _dialect()
    year, month = _local_part("year", dialect), _local_part("month", dialect)
    query = select(LEDGER.c.user_id, year.label("year"), month.label("month"),
                   func.sum(LEDGER.c.minutes).label("minutes"), _approvals().label("records")) \
        .group_by(LEDGER.c.user_id, year, month)
    return _in_range(query, users)


def expected_scopes(users=None, dialect=None):
    return _per_scope(users, lambda columns, grouping: select(
        *columns, func.sum(LEDGER.c.minutes).label("minutes"), _approvals().label("records"),
        func.count(func.distinct(LEDGER.c.user_id)).label("volunteers"))
        # The district's all-time row groups by nothing: no entries must mean no row.
        .group_by(*grouping).having(func.count() > 0), dialect or _dialect())


def expected_members(users=None, dialect=None):
    return _per_scope(users, lambda columns, grouping: select(*columns, LEDGER.c.user_id).distinct(),
                      dialect or _dialect())


def _user_batches(session):
    low, high = session.execute(select(func.min(LEDGER.c.user_id), func.max(LEDGER.c.user_id))).one()
    if low is None:
        return
    for start in range(low, high + 1, USERS_PER_BATCH):
        yield start, start + USERS_PER_BATCH


def rebuild_totals(progress=None, session=None):
    """Replace every running total with the ledger's sums, in one transaction.

    On PostgreSQL the ledger is locked against appends meanwhile (SHARE mode:
    reads go on, an approval waits for the rebuild), so no approval can land
    between the sums and the commit. Safe to call after a bulk load; commits.
    ``session``: another database's (the scale seeder's), else the app's."""
    session = session or db.session
    dialect = _dialect(session)
    if dialect == "postgresql":
        session.execute(db.text("LOCK TABLE hours_ledger IN SHARE MODE"))
        session.execute(db.text(
            "LOCK TABLE hours_user_totals, hours_scope_totals, hours_scope_volunteers IN EXCLUSIVE MODE"))
    for model in (HoursScopeVolunteer, HoursScopeTotal, HoursUserTotal):
        session.execute(model.__table__.delete())
    for users in _user_batches(session):
        session.execute(HoursUserTotal.__table__.insert().from_select(
            list(USER_KEY) + ["minutes", "records"], expected_users(users, dialect)))
        session.execute(HoursScopeVolunteer.__table__.insert().from_select(
            ["scope_kind", "year", "scope_id", "user_id"], expected_members(users, dialect)))
        # Batches split the ledger by person, so each person is counted in one
        # batch only: the batches' minutes and distinct volunteers add up.
        # The WHERE: SQLite would read ON CONFLICT as a join's ON without one.
        table = HoursScopeTotal.__table__
        insert = upsert_statement(session, table).from_select(
            list(SCOPE_KEY) + ["minutes", "records", "volunteers"],
            select(expected_scopes(users, dialect).subquery()).where(true()))
        session.execute(insert.on_conflict_do_update(
            index_elements=list(SCOPE_KEY),
            set_={name: table.c[name] + insert.excluded[name] for name in ("minutes", "records", "volunteers")}))
        if progress:
            progress(users)
    session.commit()


@dataclass
class Mismatch:
    table: str
    key: tuple
    stored: tuple | None
    ledger: tuple | None


@dataclass
class Report:
    mismatches: list = field(default_factory=list)
    count: int = 0  # every mismatched key, of which at most SHOWN_MISMATCHES are kept


def _compare(report, name, model, key, values, expected):
    stored = select(*(model.__table__.c[c] for c in key + values))
    computed = expected.subquery()
    expected = select(*(computed.c[c] for c in key + values))
    found = {}
    for side, query in (("ledger", except_(expected, stored)), ("stored", except_(stored, expected))):
        for row in db.session.execute(query):
            found.setdefault(tuple(row[:len(key)]), {})[side] = tuple(row[len(key):])
    report.count += len(found)
    for k in sorted(found)[:max(0, SHOWN_MISMATCHES - len(report.mismatches))]:
        report.mismatches.append(Mismatch(name, k, found[k].get("stored"), found[k].get("ledger")))


def check_totals():
    """Every running total against the ledger's sum; a Report of the differences."""
    report = Report()
    _compare(report, "hours_user_totals", HoursUserTotal, USER_KEY, ("minutes", "records"), expected_users())
    _compare(report, "hours_scope_totals", HoursScopeTotal, SCOPE_KEY, ("minutes", "records", "volunteers"),
             expected_scopes())
    _compare(report, "hours_scope_volunteers", HoursScopeVolunteer, SCOPE_KEY + ("user_id",), (),
             expected_members())
    return report


def rebuild_after_bulk_load(conn, world):
    """The scale seeder's post-load step (app.scale.POST_LOAD_STEPS): its COPY
    bypassed the ORM hooks that keep the totals, so they are rebuilt from the
    ledger it wrote, in the seeded database (which need not be the app's)."""
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import NullPool

    engine = create_engine("postgresql+psycopg://", poolclass=NullPool,
                           creator=lambda: psycopg.connect(conn.info.dsn, password=conn.info.password))
    try:
        with Session(engine) as session:
            rebuild_totals(session=session)
    finally:
        engine.dispose()
