"""SQLite (the embedded mode): the database copied with SQLite's online
backup API, which gives a consistent copy while the app keeps writing; the
row counts are read from that copy, so they are the copy's own."""
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from app.backup.errors import BackupError


def path_of(database_uri):
    database = make_url(database_uri).database
    if not database or database == ":memory:":
        raise BackupError("内存中的 SQLite 数据库无法备份或恢复：请在 DATABASE_URL 中给出数据库文件")
    return Path(database)


def _tables(conn):
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _counts_and_revision(path):
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in _tables(conn)}
        revision = None
        if "alembic_version" in counts:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return revision, counts


def _copy(source, target):
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def dump(database_uri, path):
    source = path_of(database_uri)
    if not source.is_file():
        raise BackupError(f"SQLite 数据库文件 {source} 不存在")
    _copy(source, path)
    return _counts_and_revision(path)


def occupied_tables(database_uri):
    target = path_of(database_uri)
    if not target.exists():
        return []
    with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as conn:
        return _tables(conn)


def restore(database_uri, path):
    target = path_of(database_uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(path, target)


def counts_and_revision(database_uri):
    return _counts_and_revision(path_of(database_uri))
