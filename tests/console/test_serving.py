"""/console/: the built single-page app, index.html for its routes, a Chinese page without a build."""
import pytest

from app import create_app


@pytest.fixture()
def dist(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>聚沙 · 工作台</title>", encoding="utf-8")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('console')", encoding="utf-8")
    (tmp_path / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    return tmp_path


@pytest.fixture()
def console(app_env, dist):
    return create_app(env={**app_env, "CONSOLE_DIST": str(dist)}).test_client()


@pytest.mark.parametrize("path", ["/console/", "/console/events/12", "/console/screen", "/console/hours?page=2"])
def test_every_console_route_gets_the_page(console, path):
    response = console.get(path)
    assert response.status_code == 200
    assert "聚沙 · 工作台" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"


def test_assets_are_served_and_cached_for_long(console):
    response = console.get("/console/assets/index-abc123.js")
    assert response.status_code == 200 and b"console.log" in response.data
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert console.get("/console/favicon.ico").status_code == 200


def test_a_missing_asset_is_a_404_not_the_page(console):
    assert console.get("/console/assets/index-old.js").status_code == 404


def test_nothing_outside_the_build_is_served(console, dist):
    (dist.parent / "secret.txt").write_text("DEV_SECRET", encoding="utf-8")
    for path in ("/console/../secret.txt", "/console/%2e%2e/secret.txt", "/console/..%2fsecret.txt"):
        assert b"DEV_SECRET" not in console.get(path).data, path


def test_without_a_build_a_chinese_page_says_how_to_make_one(app_env, tmp_path):
    client = create_app(env={**app_env, "CONSOLE_DIST": str(tmp_path / "nothing")}).test_client()
    response = client.get("/console/events")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "尚未构建" in page and "npm run build" in page and "./scripts/dev" in page
