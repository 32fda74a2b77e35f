"""Time migration 0026's backfill on a synthetic district-size ledger (2,000,000 entries of
100,000 volunteers over five years), in a scratch PostgreSQL database it creates and drops.

    /work/main/.venv/bin/python -m bench.hours_totals.backfill     (PostgreSQL at 127.0.0.1:5432)
"""
import importlib.util
import time

import psycopg
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

name = "jusha_scratch_totals"
with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{name}"')
    c.execute(f'CREATE DATABASE "{name}"')
engine = sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
spec = importlib.util.spec_from_file_location("m", "app/migrations/versions/0026_hours_totals.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
with engine.begin() as conn:
    conn.execute(sa.text("""CREATE TABLE hours_ledger (id serial primary key, user_id int not null, kind varchar(16) not null,
        minutes int not null, team_id int, community_id int, served_at timestamptz not null)"""))
    t = time.time()
    # 2,000,000 entries of 100,000 volunteers over five years, a few very active (skewed user ids), 1,000 squads, 7 communities
    conn.execute(sa.text("""INSERT INTO hours_ledger (user_id, kind, minutes, team_id, community_id, served_at)
        SELECT 1 + floor(100000 * power(random(), 2))::int, CASE WHEN g % 50 = 0 THEN 'correction' ELSE 'approval' END,
               CASE WHEN g % 50 = 0 THEN -15 ELSE 15 * (1 + floor(random() * 16))::int END,
               CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + g % 1000 END, 1 + g % 7,
               timestamptz '2022-01-01' + random() * interval '5 years'
        FROM generate_series(1, 2000000) g"""))
    conn.execute(sa.text("CREATE INDEX ON hours_ledger (user_id)"))
    conn.execute(sa.text("ANALYZE hours_ledger"))
    print(f"synthetic ledger: {time.time() - t:.1f} s")
with engine.begin() as conn:
    op = Operations(MigrationContext.configure(conn))
    m.op = op
    t = time.time()
    m.upgrade()
    print(f"migration 0026 (tables + backfill) on 2,000,000 entries: {time.time() - t:.1f} s")
    for table in ("hours_user_totals", "hours_scope_totals", "hours_scope_volunteers"):
        print(table, conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar())
engine.dispose()
with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
