"""Throwaway databases for a test session."""
import os
import uuid
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url


@contextmanager
def throwaway_database(tmp_dir):
    """Yield a DATABASE_URL: a fresh PostgreSQL database on the server named
    by $DATABASE_URL (dropped afterwards), else a SQLite file."""
    server_url = os.environ.get("DATABASE_URL")
    if not server_url or server_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_dir}/jusha-test.db"
        return
    url = make_url(server_url.replace("postgresql+psycopg://", "postgresql://"))
    name = f"jusha_test_{uuid.uuid4().hex[:10]}"
    admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Tables whose rows a trigger refuses to DELETE (the ledger is append-only);
# TRUNCATE fires no row trigger.
TRUNCATE_ONLY = ("hours_ledger", "hall_score_entries")


def empty_all_tables(db):
    """Remove every row between tests (faster than re-migrating).

    On PostgreSQL a TRUNCATE of every table costs file operations per table,
    about a third of a second for ~40 tables, times thousands of tests; so
    one query asks which tables hold rows (a millisecond), only those are
    emptied, with DELETE, and the sequences that were used start again at 1
    (tests and caches assume ids restart with every test)."""
    if db.engine.dialect.name == "postgresql":
        _empty_used_postgresql_tables(db)
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


def _empty_used_postgresql_tables(db):
    names = [t.name for t in db.metadata.sorted_tables]
    probe = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in names)
    holding = {row[0] for row in db.session.execute(db.text(probe))}
    for name in TRUNCATE_ONLY:
        if name in holding:
            db.session.execute(db.text(f'TRUNCATE "{name}" CASCADE'))
    for table in reversed(db.metadata.sorted_tables):
        if table.name in holding and table.name not in TRUNCATE_ONLY:
            db.session.execute(table.delete())
    used = db.session.execute(db.text(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"))
    for (sequence,) in used.all():
        db.session.execute(db.text(f'ALTER SEQUENCE "{sequence}" RESTART'))
