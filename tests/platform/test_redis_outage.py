"""Redis hangs or is gone: the app keeps serving within short timeouts, and
the readiness check says what is wrong."""
import socket

import pytest

from app.redis_breaker import make_redis_client

from tests.factories import auth_headers, make_user


@pytest.fixture()
def hung_redis(app):
    """Point the app at a port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    real = app.extensions["jusha_redis"]
    app.extensions["jusha_redis"] = make_redis_client(f"redis://127.0.0.1:{listener.getsockname()[1]}/0", 0.2)
    yield
    app.extensions["jusha_redis"] = real
    listener.close()


@pytest.fixture()
def absent_redis(app):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    real = app.extensions["jusha_redis"]
    app.extensions["jusha_redis"] = make_redis_client(f"redis://127.0.0.1:{port}/0", 0.2)
    yield
    app.extensions["jusha_redis"] = real


@pytest.mark.parametrize("outage", ["hung_redis", "absent_redis"])
def test_tokens_resolve_from_the_database_when_redis_fails(request, client, outage):
    headers = auth_headers(make_user(name="陈阿姨"))
    request.getfixturevalue(outage)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200
    assert response.get_json()["name"] == "陈阿姨"


@pytest.mark.parametrize("outage", ["hung_redis", "absent_redis"])
def test_readiness_reports_redis_down(request, client, outage):
    request.getfixturevalue(outage)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "redis": "unavailable"}


@pytest.mark.parametrize("outage", ["hung_redis", "absent_redis"])
def test_login_still_works_when_redis_fails(request, client, wechat_control, outage):
    code = wechat_control.login_code(openid="o-during-outage")
    request.getfixturevalue(outage)
    response = client.post("/api/v1/auth/login", json={"code": code})
    assert response.status_code == 200
    token = response.get_json()["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
