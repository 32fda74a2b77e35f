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


def test_session_key_is_encrypted_at_rest(client, wechat_control):
    from app.keys import decrypt_text

    assert login(client, wechat_control.login_code(openid="o-encrypted")).status_code == 200
    user = db.session.execute(db.select(User).filter_by(openid="o-encrypted")).scalar_one()
    stored = db.session.execute(db.text("SELECT session_key FROM users WHERE openid = 'o-encrypted'")).scalar_one()
    assert user.session_key and stored != user.session_key
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert decrypt_text(stored) == user.session_key


def test_a_session_key_that_cannot_be_decrypted_reads_as_none(client):
    from tests.factories import make_user

    user = make_user(openid="o-legacy")
    db.session.execute(db.text("UPDATE users SET session_key = 'clear-legacy-key' WHERE id = :id"), {"id": user.id})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).session_key is None


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


def _login_statuses(app, client, wechat_control, attempts, request_options):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    try:
        return [client.post("/api/v1/auth/login", json={"code": wechat_control.login_code()},
                            **request_options(index)).status_code
                for index in range(attempts)]
    finally:
        app.config["RATELIMIT_LOGIN"] = "1000 per minute"


def test_a_made_up_bearer_header_does_not_escape_the_login_limit(app, client, wechat_control):
    statuses = _login_statuses(app, client, wechat_control, 5,
                               lambda index: {"headers": {"Authorization": f"Bearer made-up-{index}"}})
    assert statuses == [200, 200, 200, 429, 429]


def test_made_up_bearer_headers_share_their_address_limit_and_a_user_has_one_limit(app, ctx):
    from app.extensions import rate_limit_key
    from tests.factories import auth_headers, make_user

    def key(headers):
        with app.test_request_context("/api/v1/communities", headers=headers,
                                      environ_base={"REMOTE_ADDR": "203.0.113.7"}):
            return rate_limit_key()

    assert key({"Authorization": "Bearer junk-1"}) == key({"Authorization": "Bearer junk-2"}) == "ip:203.0.113.7"
    user = make_user()
    # Logging in on several phones does not multiply a person's allowance.
    assert key(auth_headers(user)) == key(auth_headers(user)) == f"u:{user.id}"


def test_behind_nginx_each_resident_has_their_own_login_limit(app, client, wechat_control):
    from app import _trust_proxies

    original, app.config["PROXY_HOPS"] = app.wsgi_app, 1
    _trust_proxies(app)
    try:
        def through_nginx(address):
            return lambda index: {"environ_base": {"REMOTE_ADDR": "10.0.0.2"},
                                  "headers": {"X-Forwarded-For": address}}

        first = _login_statuses(app, client, wechat_control, 4, through_nginx("203.0.113.7"))
        # Someone else in the same hall, coming through the same nginx, is not refused.
        second = _login_statuses(app, client, wechat_control, 1, through_nginx("198.51.100.23"))
        # A client that writes its own X-Forwarded-For only adds an entry nginx does not vouch for.
        spoofed = _login_statuses(app, client, wechat_control, 1,
                                  lambda index: {"environ_base": {"REMOTE_ADDR": "10.0.0.2"},
                                                 "headers": {"X-Forwarded-For": "198.51.100.99, 203.0.113.7"}})
    finally:
        app.wsgi_app, app.config["PROXY_HOPS"] = original, 0
    assert first == [200, 200, 200, 429]
    assert second == [200]
    assert spoofed == [429]


def test_a_disabled_account_cannot_log_in(client, wechat_control):
    from tests.factories import make_user

    user = make_user(openid="o-disabled")
    user.is_active = False
    db.session.commit()
    response = login(client, wechat_control.login_code(openid="o-disabled"))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "account_disabled"
