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


def empty_all_tables(db):
    """Remove every row between tests (faster than re-migrating)."""
    tables = [t.name for t in db.metadata.sorted_tables]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()
