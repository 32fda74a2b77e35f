"""running hour totals: per person and month, per squad / community / district
and year (and all time), and who counts in each; backfilled from the ledger

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-10 10:00:00

The tables are new, so creating them locks nothing anyone uses (they have
no foreign keys: one to users would hold a lock on users, blocking logins,
for the whole backfill, which runs in the migration's transaction). The backfill
only reads hours_ledger (ACCESS SHARE: approvals go on meanwhile) and
groups it a range of people at a time in SQL, never row by row in Python.
Measured (bench/hours_totals/backfill.py): 2,000,000 ledger entries of
100,000 volunteers over five years, 380 s on PostgreSQL 15 on the shared
2-core machine at load average 7-9 (with the foreign keys since dropped, so
an upper bound); 1.5 M person-month rows, 5,400 scope rows, 6.1 M
who-counts-where rows.

Approvals made by the previous release while this runs are in the ledger but
not in the totals: after deploying, ``flask jusha check-hours-totals
--repair`` makes them agree (it is also the way to recheck at any time).

The SQL is written out here rather than imported from app.hours so this
migration keeps working whatever that module becomes.
"""
import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

USERS_PER_BATCH = 20000
APPROVALS = "SUM(CASE WHEN kind = 'approval' THEN 1 ELSE 0 END)"
IN_BATCH = "user_id >= :low AND user_id < :high"


def upgrade():
    op.create_table(
        'hours_user_totals',
        sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('month', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('records', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('user_id', 'year', 'month', name=op.f('pk_hours_user_totals')),
    )
    op.create_table(
        'hours_scope_totals',
        sa.Column('scope_kind', sa.String(length=16), nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('scope_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('records', sa.Integer(), nullable=False),
        sa.Column('volunteers', sa.Integer(), nullable=False),
        sa.CheckConstraint("scope_kind IN ('team', 'community', 'district')",
                           name=op.f('ck_hours_scope_totals_scope_kind_known')),
        sa.PrimaryKeyConstraint('scope_kind', 'year', 'scope_id', name=op.f('pk_hours_scope_totals')),
    )
    op.create_table(
        'hours_scope_volunteers',
        sa.Column('scope_kind', sa.String(length=16), nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('scope_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('scope_kind', 'year', 'scope_id', 'user_id', name=op.f('pk_hours_scope_volunteers')),
    )
    backfill(op.get_bind())


def _local(part, dialect):
    """The Beijing-time year or month of served_at (China keeps no daylight saving)."""
    if dialect == "postgresql":
        return f"CAST(EXTRACT({part.upper()} FROM served_at AT TIME ZONE 'Asia/Shanghai') AS INTEGER)"
    return f"CAST(strftime('{'%Y' if part == 'year' else '%m'}', served_at, '+8 hours') AS INTEGER)"


def _scopes(year):
    """(kind, year, scope_id, filter, GROUP BY) for each scope and year-or-all-time."""
    for kind, column in (("team", "team_id"), ("community", "community_id"), ("district", None)):
        for year_column in (year, None):
            grouping = [c for c in (year_column, column) if c]
            yield (f"'{kind}'", year_column or "0", column or "0",
                   f"{column} IS NOT NULL AND " if column else "",
                   f"GROUP BY {', '.join(grouping)}" if grouping else "HAVING COUNT(*) > 0")


def backfill(connection):
    dialect = connection.dialect.name
    year, month = _local("year", dialect), _local("month", dialect)
    people = (f"INSERT INTO hours_user_totals (user_id, year, month, minutes, records) "
              f"SELECT user_id, {year}, {month}, SUM(minutes), {APPROVALS} FROM hours_ledger "
              f"WHERE {IN_BATCH} GROUP BY user_id, {year}, {month}")
    members = ("INSERT INTO hours_scope_volunteers (scope_kind, year, scope_id, user_id) " + " UNION ALL ".join(
        f"SELECT DISTINCT {kind}, {y}, {scope}, user_id FROM hours_ledger WHERE {where}{IN_BATCH}"
        for kind, y, scope, where, _ in _scopes(year)))
    # A person's entries are all in one batch, so batches' minutes and
    # distinct volunteers add up. "WHERE true" before ON CONFLICT: SQLite's parser needs it.
    scopes = ("INSERT INTO hours_scope_totals (scope_kind, year, scope_id, minutes, records, volunteers) "
              "SELECT * FROM (" + " UNION ALL ".join(
                  f"SELECT {kind} AS scope_kind, {y} AS year, {scope} AS scope_id, SUM(minutes) AS minutes, "
                  f"{APPROVALS} AS records, COUNT(DISTINCT user_id) AS volunteers "
                  f"FROM hours_ledger WHERE {where}{IN_BATCH} {group}"
                  for kind, y, scope, where, group in _scopes(year)) + ") AS batch WHERE true "
              "ON CONFLICT (scope_kind, year, scope_id) DO UPDATE SET "
              "minutes = hours_scope_totals.minutes + excluded.minutes, "
              "records = hours_scope_totals.records + excluded.records, "
              "volunteers = hours_scope_totals.volunteers + excluded.volunteers")
    low, high = connection.execute(sa.text("SELECT MIN(user_id), MAX(user_id) FROM hours_ledger")).one()
    if low is None:
        return
    for start in range(low, high + 1, USERS_PER_BATCH):
        bounds = {"low": start, "high": start + USERS_PER_BATCH}
        for statement in (people, members, scopes):
            connection.execute(sa.text(statement), bounds)


def downgrade():
    op.drop_table('hours_scope_volunteers')
    op.drop_table('hours_scope_totals')
    op.drop_table('hours_user_totals')
