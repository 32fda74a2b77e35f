"""indexes the district-size plans ask for (issue 16)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 17:00:00

Each index removes a scan that ``flask jusha explain-hot-queries`` showed on
the district dataset; bench/scale/README.md ("Indexes") says which plan node
each one replaces. One replaces the ledger's plain index on user_id with a
covering one (the same key, the columns "my hours" reads INCLUDEd), so the
phone's query reads the index alone instead of a heap page per entry.

On PostgreSQL every index is built CONCURRENTLY (phones keep writing while a
large table is indexed) and the replaced one is dropped only after its
successor exists; a build that failed half-way leaves an INVALID index, which
is dropped and built again. SQLite (embedded, small by nature) builds
them plainly, without INCLUDE.
"""
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

# (name, table, key columns, included columns): as the models declare them.
INDEXES = (
    ("ix_events_ends_at", "events", ("ends_at",), ()),
    ("ix_service_records_started_at", "service_records", ("started_at",), ()),
    ("ix_hours_ledger_user_id_covering", "hours_ledger", ("user_id",), ("served_at", "minutes", "service_record_id")),
)
# Plain indexes the covering one makes redundant: (name, table, column).
REPLACED = (
    ("ix_hours_ledger_user_id", "hours_ledger", "user_id"),
)


def _definition(table, columns, include, postgresql):
    text = f'"{table}" ({", ".join(columns)})'
    return text + (f' INCLUDE ({", ".join(include)})' if include and postgresql else "")


def _drop_if_invalid(bind, name):
    invalid = bind.exec_driver_sql(
        "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relname = %(name)s AND NOT i.indisvalid", {"name": name}).first()
    if invalid:
        op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        for name, table, columns, include in INDEXES:
            op.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON {_definition(table, columns, include, False)}')
        for name, _, _ in REPLACED:
            op.execute(f'DROP INDEX IF EXISTS "{name}"')
        return
    with op.get_context().autocommit_block():
        for name, table, columns, include in INDEXES:
            _drop_if_invalid(bind, name)
            definition = _definition(table, columns, include, True)
            op.execute(f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON {definition}')
        for name, _, _ in REPLACED:
            op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


def downgrade():
    bind = op.get_bind()
    postgresql = bind.dialect.name == 'postgresql'
    concurrently = " CONCURRENTLY" if postgresql else ""
    if not postgresql:
        for name, table, column in REPLACED:
            op.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({column})')
        for name, _, _, _ in INDEXES:
            op.execute(f'DROP INDEX IF EXISTS "{name}"')
        return
    with op.get_context().autocommit_block():
        for name, table, column in REPLACED:
            _drop_if_invalid(bind, name)
            op.execute(f'CREATE INDEX{concurrently} IF NOT EXISTS "{name}" ON "{table}" ({column})')
        for name, _, _, _ in INDEXES:
            op.execute(f'DROP INDEX{concurrently} IF EXISTS "{name}"')
