"""Phone binding, and the shared access token's refresh on 42001/40001."""
from tests.factories import auth_headers, make_user


def bind(client, headers, code):
    return client.post("/api/v1/auth/phone", json={"code": code}, headers=headers)


def tokens_issued(control):
    return control.stats()["tokens_issued"]["total"]


def test_phone_code_binds_the_number_once(client, wechat_control):
    user = make_user()
    headers = auth_headers(user)
    code = wechat_control.phone_code("13800000001")
    response = bind(client, headers, code)
    assert response.status_code == 200
    assert response.get_json()["phone"] == "13800000001"
    again = bind(client, headers, code)
    assert again.status_code == 401
    assert again.get_json()["error"]["code"] == "phone_code_invalid"


def test_an_expired_access_token_is_refreshed_once(client, wechat_control):
    headers = auth_headers(make_user())
    assert bind(client, headers, wechat_control.phone_code("13800000002")).status_code == 200
    before = tokens_issued(wechat_control)

    wechat_control.expire_tokens()
    response = bind(client, headers, wechat_control.phone_code("13800000003"))

    assert response.status_code == 200
    assert response.get_json()["phone"] == "13800000003"
    assert tokens_issued(wechat_control) == before + 1


def test_an_invalidated_token_is_refreshed_once_and_then_reused(client, wechat_control):
    headers = auth_headers(make_user())
    assert bind(client, headers, wechat_control.phone_code("13800000004")).status_code == 200
    wechat_control.invalidate_tokens()
    assert bind(client, headers, wechat_control.phone_code("13800000005")).status_code == 200
    after_refresh = tokens_issued(wechat_control)
    assert bind(client, headers, wechat_control.phone_code("13800000006")).status_code == 200
    assert tokens_issued(wechat_control) == after_refresh


def test_wechat_busy_during_phone_binding_is_a_502(client, wechat_control):
    headers = auth_headers(make_user())
    wechat_control.fault("busy", count=1)
    response = bind(client, headers, wechat_control.phone_code("13800000007"))
    assert response.status_code == 502
