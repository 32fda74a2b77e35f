"""Bulk loading with PostgreSQL COPY (psycopg 3): one table at a time, rows
streamed from a generator, a progress bar each.

Secondary indexes that back no constraint are dropped before a table is
loaded and built again afterwards: one sort per index instead of millions of
random B-tree inserts. Foreign-key triggers are off for the session when the
role may switch them off (``session_replication_role = replica``, as a
restore does); the generator keeps every key valid and the scale tests prove
it. The hours ledger's append-only trigger refuses UPDATE and DELETE only, so
COPY (an INSERT) passes it either way.
"""
from dataclasses import dataclass
from typing import Callable

import click

BAR_STEP = 5_000


@dataclass
class TableLoad:
    table: str
    columns: tuple
    rows: Callable           # () -> iterable of tuples, in ``columns`` order
    expected: int            # for the progress bar; the real count is what COPY wrote
    label: str


def prepare_session(conn):
    """Settings for one bulk-loading session; says whether FK triggers are off."""
    conn.execute("SET synchronous_commit = off")
    conn.execute("SET maintenance_work_mem = '512MB'")
    superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
    if superuser:
        conn.execute("SET session_replication_role = replica")
    return bool(superuser)


def secondary_indexes(conn, table):
    """(name, definition) of the table's indexes that back no constraint."""
    return conn.execute(
        """SELECT c.relname, pg_get_indexdef(i.indexrelid)
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""",
        (table,),
    ).fetchall()


def load_table(conn, load, out=None):
    """COPY one table; returns the number of rows written."""
    indexes = secondary_indexes(conn, load.table)
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    written = 0
    columns = ", ".join(load.columns)
    with click.progressbar(length=max(load.expected, 1), label=f"{load.label:<18}", show_pos=True,
                           file=out) as bar:
        with conn.cursor() as cursor, cursor.copy(f"COPY {load.table} ({columns}) FROM STDIN") as copy:
            for row in load.rows():
                copy.write_row(row)
                written += 1
                if written % BAR_STEP == 0:
                    bar.update(BAR_STEP)
        bar.update(written % BAR_STEP)
    for _, definition in indexes:
        conn.execute(definition)
    conn.commit()
    return written


def advance_sequences(conn):
    """Every serial/identity sequence to just past its column's highest value,
    so the app's own inserts after seeding get fresh ids."""
    owned = conn.execute(
        """SELECT s.relname, t.relname, a.attname
             FROM pg_class s
             JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
             JOIN pg_class t ON t.oid = d.refobjid
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
             JOIN pg_namespace n ON n.oid = s.relnamespace
            WHERE s.relkind = 'S' AND n.nspname = current_schema()"""
    ).fetchall()
    for sequence, table, column in owned:
        conn.execute(f'SELECT setval(\'"{sequence}"\', COALESCE((SELECT max("{column}") FROM "{table}"), 0) + 1, false)')
    conn.commit()
    return len(owned)


def vacuum_analyze(conn):
    """Statistics for the planner, and the visibility map that lets it use
    index-only scans on freshly loaded tables (VACUUM needs autocommit)."""
    conn.commit()
    conn.autocommit = True
    try:
        conn.execute("VACUUM (ANALYZE)")
    finally:
        conn.autocommit = False
