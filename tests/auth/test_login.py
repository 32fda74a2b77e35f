"""Login end to end: the app calls wechatpy, which calls the emulator over HTTP."""
from app.extensions import db
from app.models import User


def login(client, code):
    return client.post("/api/v1/auth/login", json={"code": code})


def test_first_login_creates_the_user_and_a_second_finds_them(client, wechat_control):
    first = login(client, wechat_control.login_code(openid="o-resident-1"))
    assert first.status_code == 200
    body = first.get_json()
    assert body["token"] and body["expires_in"] > 0
    assert body["user"]["role"] == "resident"
    assert "session_key" not in first.get_data(as_text=True)

    second = login(client, wechat_control.login_code(openid="o-resident-1"))
    assert second.status_code == 200
    assert second.get_json()["user"]["id"] == body["user"]["id"]
    assert second.get_json()["token"] != body["token"]
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1


def test_session_key_is_kept_on_the_server_only(client, wechat_control):
    response = login(client, wechat_control.login_code(openid="o-key"))
    user = db.session.execute(db.select(User).filter_by(openid="o-key")).scalar_one()
    assert user.session_key
    assert user.session_key not in response.get_data(as_text=True)


def test_a_reused_code_is_refused(client, wechat_control):
    code = wechat_control.login_code(openid="o-reuse")
    assert login(client, code).status_code == 200
    again = login(client, code)
    assert again.status_code == 401
    assert again.get_json()["error"]["code"] == "login_code_invalid"
    assert "重新登录" in again.get_json()["error"]["message"]


def test_an_unknown_code_is_refused(client):
    response = login(client, "not-a-real-code")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "login_code_invalid"


def test_unionid_finds_the_same_person(client, wechat_control):
    first = login(client, wechat_control.login_code(openid="o-a", unionid="u-same"))
    user = db.session.execute(db.select(User).filter_by(openid="o-a")).scalar_one()
    assert user.unionid == "u-same"
    assert first.get_json()["user"]["id"] == user.id


def test_login_body_is_validated(client):
    for body in ({}, {"code": ""}, {"code": 5}, {"code": "x", "role": "admin"}):
        response = client.post("/api/v1/auth/login", json=body)
        assert response.status_code == 422, body
        assert response.get_json()["error"]["code"] == "validation_failed"


def test_a_non_json_body_is_a_clear_error(client):
    response = client.post("/api/v1/auth/login", data="code=abc", content_type="text/plain")
    assert response.status_code in (415, 422)
    assert "error" in response.get_json()


def test_wechat_down_is_a_502(client, wechat_control):
    code = wechat_control.login_code(openid="o-down")
    wechat_control.fault("busy", count=5)
    response = login(client, code)
    assert response.status_code == 502
    assert response.get_json()["error"]["code"] in ("wechat_error", "wechat_unavailable")


def test_a_dropped_connection_is_a_502(client, wechat_control):
    code = wechat_control.login_code(openid="o-drop")
    wechat_control.fault("drop", count=5)
    response = login(client, code)
    assert response.status_code == 502
    assert response.get_json()["error"]["code"] == "wechat_unavailable"


def test_logout_revokes_the_token(client, wechat_control):
    token = login(client, wechat_control.login_code()).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    after = client.get("/api/v1/me", headers=headers)
    assert after.status_code == 401
    assert after.get_json()["error"]["code"] == "token_invalid"


def test_login_is_rate_limited(app, client, wechat_control):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    try:
        codes = [wechat_control.login_code() for _ in range(4)]
        statuses = [login(client, code).status_code for code in codes]
    finally:
        app.config["RATELIMIT_LOGIN"] = "1000 per minute"
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
