"""The embedded mode's backup: the SQLite database copied with SQLite's
backup API, restored into a new file, every row as it was."""
import sqlite3
from contextlib import closing

import pytest

from app.backup.sqlite import path_of
from tests.backup.commands import restore, small_world, stored_files, take_backup


def every_row(database_uri):
    with closing(sqlite3.connect(path_of(database_uri))) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")]
        return {name: sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"'))) for name in tables}


@pytest.fixture()
def fresh_database(tmp_path):
    return f"sqlite:///{tmp_path}/restored.db"


def test_an_embedded_database_backs_up_and_restores_into_a_new_file(app, client, ctx, restoring_app, tmp_path):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("embedded mode (SQLite) only")
    small_world(client)
    take_backup(app, tmp_path / "backup")
    assert (tmp_path / "backup" / "database.sqlite3").is_file()

    result = restore(restoring_app, tmp_path / "backup")
    assert result.exit_code == 0, result.output
    restored, source = (each.config["SQLALCHEMY_DATABASE_URI"] for each in (restoring_app, app))
    assert every_row(restored) == every_row(source)
    assert stored_files(restoring_app) == stored_files(app) != {}

    again = restore(restoring_app, tmp_path / "backup")
    assert again.exit_code == 2 and "目标数据库不是空的" in again.output
