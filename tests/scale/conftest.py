"""The small district, seeded once for the package into a database of its own:
the suite's own database is emptied before every test, this one is not."""
import pytest
from flask_migrate import upgrade

from app import MIGRATIONS_DIR, create_app
from app.extensions import db
from app.scale.seed import seed
from app.scale.sizes import SIZES
from tests.support.databases import throwaway_database


@pytest.fixture(scope="package")
def scale_app(app_env, tmp_path_factory):
    with throwaway_database(tmp_path_factory.mktemp("scale")) as url:
        scale_app = create_app(env=dict(app_env, DATABASE_URL=url))
        with scale_app.app_context():
            upgrade(directory=MIGRATIONS_DIR)
            db.session.remove()
        scale_app.config["SCALE_COUNTS"] = seed(url, SIZES["small"])
        yield scale_app
        with scale_app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def scale_ctx(scale_app):
    with scale_app.app_context():
        yield scale_app
        db.session.rollback()
        db.session.remove()
