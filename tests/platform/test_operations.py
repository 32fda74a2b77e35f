"""Health checks, request ids, the error shape, settings."""
import pytest

from config import ConfigError, load_settings

FERNET_KEY = "x" * 43 + "="  # 32 bytes, urlsafe base64


def test_healthz_and_readyz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {"database": "ok", "redis": "ok"}


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response.headers["X-Request-ID"]) >= 16
    echoed = client.get("/healthz", headers={"X-Request-ID": "lb-1234"})
    assert echoed.headers["X-Request-ID"] == "lb-1234"
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 500})
    assert hostile.headers["X-Request-ID"] != "x" * 500


def test_unknown_paths_answer_json_in_chinese(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"] == {"code": "not_found", "message": "请求的内容不存在"}


def test_wrong_method_answers_json(client):
    response = client.delete("/api/v1/auth/login")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_unauthenticated_calls_are_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json()["error"] == {"code": "unauthenticated", "message": "请先登录"}
    forged = client.get("/api/v1/me", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401
    assert forged.get_json()["error"]["code"] == "token_invalid"


def test_openapi_document_and_docs_page(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/auth/login" in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert b"/api/v1/docs/assets/swagger-ui-bundle.js" in page.data
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_production_refuses_default_secrets():
    with pytest.raises(ConfigError) as excinfo:
        load_settings({"APP_ENV": "production"})
    message = str(excinfo.value)
    for name in ("SECRET_KEY", "WECHAT_APPID", "WECHAT_SECRET", "WECHAT_PUSH_TOKEN", "DATABASE_URL", "REDIS_URL", "DATA_ENCRYPTION_KEY"):
        assert name in message


def test_production_starts_with_real_settings():
    settings = load_settings({
        "APP_ENV": "production",
        "SECRET_KEY": "k" * 48,
        "WECHAT_APPID": "wx1111222233334444",
        "WECHAT_SECRET": "s" * 32, "WECHAT_PUSH_TOKEN": "p" * 32,
        "DATABASE_URL": "postgresql://jusha@db/jusha",
        "REDIS_URL": "redis://cache:6379/0",
        "DATA_ENCRYPTION_KEY": FERNET_KEY,
    })
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://jusha@db/jusha"


PRODUCTION = {
    "APP_ENV": "production", "SECRET_KEY": "k" * 48, "WECHAT_APPID": "wx1111222233334444",
    "WECHAT_SECRET": "s" * 32, "WECHAT_PUSH_TOKEN": "p" * 32, "DATABASE_URL": "postgresql://jusha@db/jusha", "REDIS_URL": "redis://cache:6379/0",
    "DATA_ENCRYPTION_KEY": FERNET_KEY,
}


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_production_refuses_debug_mode(value):
    with pytest.raises(ConfigError) as excinfo:
        load_settings({**PRODUCTION, "FLASK_DEBUG": value})
    assert "debug" in str(excinfo.value)
    assert load_settings({**PRODUCTION, "FLASK_DEBUG": "0"})["APP_ENV"] == "production"
    assert load_settings({"APP_ENV": "development", "FLASK_DEBUG": value})["APP_ENV"] == "development"


def test_production_refuses_debug_mode_however_flask_was_told(monkeypatch):
    from app import create_app

    # Flask reads FLASK_DEBUG from the process environment itself, whatever
    # environment the settings came from (``flask run --debug`` sets it).
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigError) as excinfo:
        create_app(env=PRODUCTION)
    assert "debug" in str(excinfo.value)


def test_development_has_safe_defaults():
    settings = load_settings({})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["REDIS_URL"] == ""


def test_production_talks_to_wechat_and_development_to_the_emulator():
    assert load_settings({})["WECHAT_API_BASE"] == "http://127.0.0.1:9100"
    production = load_settings({
        "APP_ENV": "production", "SECRET_KEY": "k" * 48, "WECHAT_APPID": "wx1111222233334444",
        "WECHAT_SECRET": "s" * 32, "WECHAT_PUSH_TOKEN": "p" * 32, "DATABASE_URL": "postgresql://db/jusha", "REDIS_URL": "redis://cache/0",
        "DATA_ENCRYPTION_KEY": FERNET_KEY,
    })
    assert production["WECHAT_API_BASE"] == "https://api.weixin.qq.com"


def test_nul_characters_are_refused_everywhere(client):
    from tests.factories import auth_headers, make_user

    headers = auth_headers(make_user(name="原名"))
    response = client.patch("/api/v1/me", json={"name": "a\u0000b"}, headers=headers)
    assert response.status_code == 422
    assert client.get("/api/v1/me", headers=headers).get_json()["name"] == "原名"
    assert client.get("/api/v1/events?kind=%00", headers=headers).status_code == 422


def test_logging_is_configured_once_per_process():
    import logging

    from app.observability import RequestIdFilter, configure_logging

    root = logging.getLogger()
    before = len(root.handlers)
    configure_logging("INFO")
    configure_logging("INFO")
    assert len(root.handlers) == max(before, 1)
    assert all(any(isinstance(f, RequestIdFilter) for f in h.filters) for h in root.handlers)
