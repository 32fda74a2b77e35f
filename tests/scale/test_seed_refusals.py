"""seed-scale is for PostgreSQL: elsewhere it says so and changes nothing."""
from app import create_app


def test_seed_scale_refuses_sqlite(app, tmp_path):
    result = app.test_cli_runner().invoke(args=[
        "jusha", "seed-scale", "--size", "small", "--database-url", f"sqlite:///{tmp_path}/other.db"])
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output and "只能" in result.output


def test_explain_hot_queries_refuses_sqlite(app_env, tmp_path):
    sqlite_app = create_app(env=dict(app_env, DATABASE_URL=f"sqlite:///{tmp_path}/other.db"))
    result = sqlite_app.test_cli_runner().invoke(args=["jusha", "explain-hot-queries"])
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output
