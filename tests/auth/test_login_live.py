"""Login with the app itself behind a real HTTP server: phone → app → wechatpy → emulator."""
import threading

import pytest
import requests
from werkzeug.serving import make_server


@pytest.fixture()
def live_app(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_login_over_real_http(live_app, wechat_control):
    code = wechat_control.login_code(openid="o-live")
    response = requests.post(f"{live_app}/api/v1/auth/login", json={"code": code}, timeout=10)
    assert response.status_code == 200
    token = response.json()["token"]
    me = requests.get(f"{live_app}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.json()["id"] == response.json()["user"]["id"]
    reused = requests.post(f"{live_app}/api/v1/auth/login", json={"code": code}, timeout=10)
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "login_code_invalid"
