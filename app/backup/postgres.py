"""PostgreSQL: a dump and its row counts from one snapshot, and a restore.

``pg_dump`` and ``pg_restore`` are the Debian PostgreSQL client's; the
connection's settings reach them through libpq's environment variables, so
no password shows in the process list."""
import glob
import os
import shutil
import subprocess

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from app.backup.errors import BackupError

# libpq's environment variable for each connection parameter a URL may carry.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER",
    "password": "PGPASSWORD", "passfile": "PGPASSFILE", "options": "PGOPTIONS", "sslmode": "PGSSLMODE",
    "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "sslrootcert": "PGSSLROOTCERT",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS", "application_name": "PGAPPNAME",
}
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")


def libpq_url(database_uri):
    """SQLAlchemy's ``postgresql+psycopg://`` as libpq's ``postgresql://``."""
    scheme, rest = database_uri.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else database_uri


def tool(name):
    """``pg_dump``/``pg_restore``: from PATH, else the newest Debian client."""
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                       key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0)
    if not installed:
        raise BackupError(f"找不到 {name}：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client-15）")
    return installed[-1]


def _run(url, command):
    parameters = conninfo_to_dict(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update({LIBPQ_ENVIRONMENT[key]: str(value) for key, value in parameters.items() if key in LIBPQ_ENVIRONMENT})
    finished = subprocess.run(command + ["--no-password"], env=env, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{os.path.basename(command[0])} 失败（退出码 {finished.returncode}）：{finished.stderr.strip()}")


def _tables(conn):
    return [name for (name,) in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name")]


def _counts_and_revision(conn):
    counts = {name: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))).fetchone()[0]
              for name in _tables(conn)}
    revision = None
    if "alembic_version" in counts:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return counts, revision


def dump(database_uri, path):
    """Write a custom-format dump to ``path``; return (revision, counts)
    counted in the very snapshot pg_dump reads, so they agree with it
    whatever is written meanwhile."""
    url = libpq_url(database_uri)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        (snapshot,) = conn.execute("SELECT pg_export_snapshot()").fetchone()
        counts, revision = _counts_and_revision(conn)
        # The exported snapshot lives as long as this transaction: pg_dump
        # must start (and take its locks) while it is open.
        _run(url, [tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={path}"])
        conn.execute("COMMIT")
    return revision, counts


def occupied_tables(database_uri):
    """Tables already in the target database (any schema but the system's)."""
    with psycopg.connect(libpq_url(database_uri), autocommit=True) as conn:
        return [f"{schema}.{name}" for schema, name in conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema <> ALL(%s) AND table_schema NOT LIKE 'pg_toast%%' ORDER BY 1, 2",
            [list(SYSTEM_SCHEMAS)])]


def restore(database_uri, path):
    """pg_restore into the (empty) database, all or nothing: one transaction,
    stopping at the first error. Owners and grants are the target's own
    (the restoring role may not be the one that made the dump)."""
    url = libpq_url(database_uri)
    dbname = conninfo_to_dict(url).get("dbname")
    _run(url, [tool("pg_restore"), "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
               f"--dbname={dbname}", str(path)])


def counts_and_revision(database_uri):
    with psycopg.connect(libpq_url(database_uri), autocommit=True) as conn:
        counts, revision = _counts_and_revision(conn)
    return revision, counts
