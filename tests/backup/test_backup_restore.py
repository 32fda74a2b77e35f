"""A backup restores: a database with every kind of row and files in the
object store is backed up, restored into a fresh empty database and store,
and every table's rows, every sequence and the hours ledger's totals come
back as they were. A tampered backup and a non-empty target are refused
before anything is touched."""
import pytest

from app.backup import postgres
from tests.backup.commands import invoke, restore, small_world, stored_files, take_backup
from tests.backup.every_kind import build_every_kind

pytestmark = pytest.mark.postgres_only


def source_url(app):
    return postgres.libpq_url(app.config["SQLALCHEMY_DATABASE_URI"])


def every_row(url):
    """{table: every row as text, ordered} and {sequence: last value}."""
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY 1")]
        rows = {name: [row for (row,) in conn.execute(f'SELECT t::text FROM "{name}" AS t ORDER BY 1')]
                for name in tables}
        sequences = dict(conn.execute("SELECT sequencename, last_value FROM pg_sequences "
                                      "WHERE schemaname = current_schema()"))
    return rows, sequences


def hours_by_user(url):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT user_id, SUM(minutes) FROM hours_ledger GROUP BY user_id ORDER BY 1").fetchall()


def test_a_backup_of_every_kind_of_row_restores_into_a_fresh_database(app, client, ctx, restoring_app,
                                                                      fresh_database, tmp_path):
    build_every_kind(client)
    before, sequences_before = every_row(source_url(app))
    empty = sorted(name for name, rows in before.items() if not rows)
    assert not empty, f"a kind of row nothing builds (add it to tests/backup/every_kind.py): {empty}"
    files_before = stored_files(app)
    assert len(files_before) == 2

    take_backup(app, tmp_path / "backup")
    result = restore(restoring_app, tmp_path / "backup")
    assert result.exit_code == 0, result.output
    assert "核对通过" in result.output

    after, sequences_after = every_row(postgres.libpq_url(restoring_app.config["SQLALCHEMY_DATABASE_URI"]))
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert sequences_after == sequences_before
    assert hours_by_user(postgres.libpq_url(fresh_database)) == hours_by_user(source_url(app)) != []
    assert stored_files(restoring_app) == files_before


def test_a_tampered_file_makes_restore_refuse_before_touching_anything(app, client, ctx, restoring_app,
                                                                      fresh_database, tmp_path):
    from app.backup.postgres import occupied_tables

    small_world(client)
    take_backup(app, tmp_path / "backup")
    (photo,) = (tmp_path / "backup" / "files").rglob("*.jpg")
    photo.write_bytes(photo.read_bytes()[:-1] + b"\0")

    result = restore(restoring_app, tmp_path / "backup")
    assert result.exit_code == 2
    assert "备份校验失败" in result.output and "校验和与清单不符" in result.output
    assert occupied_tables(fresh_database) == [], "nothing was restored"
    assert stored_files(restoring_app) == {}


def test_restoring_into_a_database_that_has_tables_is_refused(app, client, ctx, restoring_app, tmp_path):
    small_world(client)
    take_backup(app, tmp_path / "backup")
    rows_before, _ = every_row(source_url(app))

    result = restore(restoring_app, tmp_path / "backup", "--database-url", source_url(app))
    assert result.exit_code == 2
    assert "目标数据库不是空的" in result.output
    assert every_row(source_url(app))[0] == rows_before


def test_a_backup_is_never_written_over_another(app, client, ctx, tmp_path):
    small_world(client)
    take_backup(app, tmp_path / "backup")
    result = invoke(app, "backup", "--to", str(tmp_path / "backup"))
    assert result.exit_code == 2 and "不是空目录" in result.output


def test_photos_in_an_object_store_back_up_to_a_bucket_and_restore_from_it(app, client, ctx, restoring_app,
                                                                         fresh_database, tmp_path, monkeypatch):
    """The S3 paths: the photos in SeaweedFS, the backup written to a prefix
    there and restored from it into another prefix (one bucket: the test
    server has room for one bucket's volumes)."""
    from app.files.storage import S3Storage, make_s3_client
    from tests.support.seaweedfs import running_seaweedfs

    with running_seaweedfs(tmp_path / "seaweedfs") as server:
        client_of = make_s3_client(server.endpoint, server.access_key, server.secret_key, "us-east-1")
        client_of.create_bucket(Bucket="jusha")
        for each in (app, restoring_app):
            monkeypatch.setitem(each.config, "BACKUP_S3_ENDPOINT", server.endpoint)
            monkeypatch.setitem(each.config, "BACKUP_S3_ACCESS_KEY", server.access_key)
            monkeypatch.setitem(each.config, "BACKUP_S3_SECRET_KEY", server.secret_key)
        for each, prefix in ((app, "live"), (restoring_app, "restored")):
            monkeypatch.setitem(each.extensions, "jusha_storage", S3Storage(
                "jusha", prefix=prefix, endpoint_url=server.endpoint, access_key=server.access_key,
                secret_key=server.secret_key))
        small_world(client)
        files_before = stored_files(app)
        rows_before, _ = every_row(source_url(app))

        take_backup(app, "s3://jusha/backups/1")
        listed = client_of.list_objects_v2(Bucket="jusha", Prefix="backups/1/")["Contents"]
        assert {item["Key"] for item in listed} >= {"backups/1/manifest.json", "backups/1/database.dump"}
        again = invoke(app, "backup", "--to", "s3://jusha/backups/1")
        assert again.exit_code == 2, again.output

        result = restore(restoring_app, "s3://jusha/backups/1")
        assert result.exit_code == 0, result.output
        assert len(files_before) == 1 and stored_files(restoring_app) == files_before
        assert every_row(postgres.libpq_url(fresh_database))[0] == rows_before
