"""The schema comes only from Alembic, and the migrations build exactly the
models' schema on this run's database (SQLite in embedded mode, PostgreSQL in CI)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db


def test_migrations_match_the_models(ctx):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_every_table_is_created_by_a_migration(ctx):
    with db.engine.connect() as connection:
        existing = set(db.inspect(connection).get_table_names())
    assert set(db.metadata.tables) <= existing
    assert "alembic_version" in existing


def test_0010_widens_session_key_and_clears_the_keys_stored_in_clear(app_env, tmp_path):
    """Keys in clear are dropped (WeChat issues a new one at every login),
    in batches; afterwards the column takes a token."""
    from flask_migrate import upgrade

    from app import MIGRATIONS_DIR, create_app
    from app.keys import encrypt_text
    from tests.support.databases import throwaway_database

    with throwaway_database(tmp_path) as url:
        app = create_app(env=dict(app_env, DATABASE_URL=url))
        with app.app_context():
            upgrade(directory=MIGRATIONS_DIR, revision="0008")
            insert = db.text("INSERT INTO users (openid, session_key, role, is_active, created_at, updated_at) "
                             "VALUES (:openid, :key, 'resident', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
            with db.engine.begin() as connection:
                for number in range(3):
                    connection.execute(insert, {"openid": f"o-clear-{number}", "key": f"Y2xlYXIta2V5LW{number}=="})
                connection.execute(insert, {"openid": "o-none", "key": None})
            upgrade(directory=MIGRATIONS_DIR)
            token = encrypt_text("a-session-key-24-chars==")
            after = db.text("INSERT INTO users (openid, session_key, is_active, created_at, updated_at) "
                            "VALUES (:openid, :key, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
            with db.engine.begin() as connection:
                connection.execute(after, {"openid": "o-token", "key": token})
            with db.engine.connect() as connection:
                rows = dict(connection.execute(db.text("SELECT openid, session_key FROM users")).all())
                [column] = [c for c in db.inspect(connection).get_columns("users") if c["name"] == "session_key"]
            db.session.remove()
            db.engine.dispose()
    assert rows == {"o-clear-0": None, "o-clear-1": None, "o-clear-2": None, "o-token": token, "o-none": None}
    assert column["type"].length == 255
