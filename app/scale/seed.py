"""``seed-scale``: one run from an empty, migrated PostgreSQL database to a
generated district (app/scale/world.py), table by table with COPY."""
import time

import psycopg
from sqlalchemy.engine import make_url

from app.errors import APIError
from app.scale import POST_LOAD_STEPS
from app.scale.activity import activity_tables
from app.scale.alliance import alliance_tables
from app.scale.contests import contest_tables
from app.scale.copy_load import advance_sequences, load_table, prepare_session, vacuum_analyze
from app.scale.notices import notice_tables
from app.scale.people import people_tables
from app.scale.world import World


def psycopg_dsn(url):
    """A SQLAlchemy URL (``postgresql+psycopg://``) as a libpq connection string."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise APIError("scale_needs_postgresql", "只能在 PostgreSQL 上生成规模数据（请设置 DATABASE_URL 为 postgresql://...）")
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def existing_users(conn):
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM users LIMIT 1) AS any_user").fetchone()[0]


def all_tables(world):
    return (people_tables(world) + activity_tables(world) + notice_tables(world) + alliance_tables(world)
            + contest_tables(world))


def seed(url, size, seed_value=16, force=False, out=None, now=None):
    """Load ``size`` into the database at ``url``; returns {table: rows written}
    and the seconds taken under the key ``"_seconds"``."""
    began = time.monotonic()
    with psycopg.connect(psycopg_dsn(url)) as conn:
        try:
            has_users = existing_users(conn)
        except psycopg.errors.UndefinedTable:
            raise APIError("scale_not_migrated", "数据库还没有表结构：请先运行 flask db upgrade") from None
        if has_users and not force:
            raise APIError("scale_not_empty", "数据库里已有用户：规模数据只装入空库（确需清空请加 --force）")
        if has_users:
            truncate_all(conn)
        prepare_session(conn)
        world = World(size, seed=seed_value, now=now)
        counts = {}
        for load in all_tables(world):
            counts[load.table] = load_table(conn, load, out=out)
        for step in POST_LOAD_STEPS:
            step(conn, world)
            conn.commit()
        advance_sequences(conn)
        vacuum_analyze(conn)
    counts["_seconds"] = round(time.monotonic() - began, 1)
    return counts


def truncate_all(conn):
    """--force: every table but Alembic's, emptied with its sequences restarted."""
    tables = [row[0] for row in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'alembic_version'")]
    conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
    conn.commit()
