"""indexes the district-size plans ask for (issue 16)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 17:00:00

Each index removes a sequential scan that ``flask jusha explain-hot-queries``
showed on the district dataset; bench/scale/README.md ("Indexes") says which
plan node each one replaces. On PostgreSQL they are built CONCURRENTLY, so
phones keep checking in while a large table is indexed (no lock that blocks
writes); an earlier build that failed half-way leaves an INVALID index, which
is dropped and built again. SQLite (embedded, small by nature) builds them
plainly.
"""
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

# (name, table, columns): the same indexes the models declare in __table_args__.
INDEXES = (
    ("ix_events_ends_at", "events", ("ends_at",)),
    ("ix_service_records_started_at", "service_records", ("started_at",)),
)


def _drop_if_invalid(bind, name):
    invalid = bind.exec_driver_sql(
        "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relname = %(name)s AND NOT i.indisvalid", {"name": name}).first()
    if invalid:
        op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        for name, table, columns in INDEXES:
            op.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({", ".join(columns)})')
        return
    with op.get_context().autocommit_block():
        for name, table, columns in INDEXES:
            _drop_if_invalid(bind, name)
            op.execute(f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" ({", ".join(columns)})')


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        for name, _, _ in INDEXES:
            op.execute(f'DROP INDEX IF EXISTS "{name}"')
        return
    with op.get_context().autocommit_block():
        for name, _, _ in INDEXES:
            op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')
