"""Backup fixtures: the app as it runs where a backup is restored."""
import pytest

from app import create_app
from app.extensions import db
from tests.support.databases import throwaway_database


@pytest.fixture()
def fresh_database(tmp_path):
    with throwaway_database(tmp_path / "fresh") as url:
        yield url


@pytest.fixture()
def restoring_app(app_env, fresh_database, tmp_path):
    """The app as it runs where the backup is restored: a fresh empty
    database and an empty folder for the object store."""
    restored = create_app(env={**app_env, "DATABASE_URL": fresh_database, "STORAGE_URL": str(tmp_path / "store")})
    yield restored
    with restored.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def own_photo_folder(app, tmp_path, monkeypatch):
    """The session app's photos in a folder of this test's own: the shared
    one keeps what earlier tests uploaded (only the tables are emptied)."""
    from app.files.storage import LocalStorage

    shared = app.extensions["jusha_storage"]
    if shared.kind == "local":
        monkeypatch.setitem(app.extensions, "jusha_storage", LocalStorage(
            tmp_path / "photos", app.config["SECRET_KEY"], shared._url_for_key))
