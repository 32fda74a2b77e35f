"""access_token: getAccessToken, getStableAccessToken, expiry and invalidation."""
import pytest
from wechatpy.exceptions import WeChatClientException

from .helpers import EmulatorWeChatClient


def get_token(emu, http, **overrides):
    params = {"grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret, **overrides}
    return http.get(emu.url("/cgi-bin/token"), params=params)


def stable(emu, http, **overrides):
    body = {"grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret, **overrides}
    return http.post(emu.url("/cgi-bin/stable_token"), json=body).json()


def msg_check(emu, http, token):
    """Any token-guarded call: msgSecCheck v1 is the cheapest."""
    params = {} if token is None else {"access_token": token}
    return http.post(emu.url("/wxa/msg_sec_check"), params=params, json={"content": "hello"}).json()


def test_token_is_issued_with_expires_in(emu, http):
    r = get_token(emu, http)
    assert r.status_code == 200
    body = r.json()
    assert body["expires_in"] == 7200 and len(body["access_token"]) > 30
    assert msg_check(emu, http, body["access_token"])["errcode"] == 0
    assert emu.state.stats()["tokens_issued"] == {"token": 1, "stable_token": 0, "total": 1}


@pytest.mark.parametrize("overrides, errcode", [
    ({"appid": "wx_nope"}, 40013),
    ({"appid": ""}, 41002),
    ({"secret": "wrong"}, 40125),
    ({"secret": ""}, 41004),
    ({"grant_type": "authorization_code"}, 40002),
])
def test_bad_credentials(emu, http, overrides, errcode):
    r = get_token(emu, http, **overrides)
    assert r.status_code == 200
    assert r.json()["errcode"] == errcode
    assert "access_token" not in r.json()


def test_token_ttl_is_configurable(emu, http):
    emu.state.configure(token_ttl=60)
    assert get_token(emu, http).json()["expires_in"] == 60


def test_missing_unknown_expired_and_invalidated_tokens(emu, http):
    assert msg_check(emu, http, None)["errcode"] == 41001
    assert msg_check(emu, http, "not-a-token")["errcode"] == 40001
    token = get_token(emu, http).json()["access_token"]
    assert http.post(emu.url("/_emulator/tokens/expire")).json() == {"expired": 1}
    assert msg_check(emu, http, token)["errcode"] == 42001

    fresh = get_token(emu, http).json()["access_token"]
    assert http.post(emu.url("/_emulator/tokens/invalidate")).json() == {"invalidated": 1}
    assert msg_check(emu, http, fresh)["errcode"] == 40001


def test_token_expires_after_its_ttl(emu, http):
    token = get_token(emu, http).json()["access_token"]
    emu.state.advance(7199)
    assert msg_check(emu, http, token)["errcode"] == 0
    emu.state.advance(2)
    assert msg_check(emu, http, token)["errcode"] == 42001


def test_new_token_invalidates_old_after_grace_zero(emu, http):
    emu.state.configure(token_grace_seconds=0)
    first = get_token(emu, http).json()["access_token"]
    second = get_token(emu, http).json()["access_token"]
    assert first != second
    assert msg_check(emu, http, first)["errcode"] == 40001
    assert msg_check(emu, http, second)["errcode"] == 0


def test_old_token_works_during_grace_period(emu, http):
    first = get_token(emu, http).json()["access_token"]  # default grace: 300 s
    get_token(emu, http)
    assert msg_check(emu, http, first)["errcode"] == 0
    emu.state.advance(301)
    assert msg_check(emu, http, first)["errcode"] == 40001


def test_stable_token_is_stable_until_force_refresh(emu, http):
    a = stable(emu, http)
    b = stable(emu, http, force_refresh=False)
    assert a["access_token"] == b["access_token"] and 0 < b["expires_in"] <= 7200
    c = stable(emu, http, force_refresh=True)
    assert c["access_token"] != a["access_token"]
    assert msg_check(emu, http, a["access_token"])["errcode"] == 40001
    assert msg_check(emu, http, c["access_token"])["errcode"] == 0
    assert emu.state.stats()["tokens_issued"] == {"token": 0, "stable_token": 2, "total": 2}


def test_stable_token_is_isolated_from_get_access_token(emu, http):
    emu.state.configure(token_grace_seconds=0)
    s = stable(emu, http)["access_token"]
    get_token(emu, http)
    get_token(emu, http)
    assert msg_check(emu, http, s)["errcode"] == 0


def test_stable_token_renews_in_its_last_five_minutes(emu, http):
    a = stable(emu, http)["access_token"]
    emu.state.advance(7200 - 299)
    b = stable(emu, http)
    assert b["access_token"] != a and b["expires_in"] == 7200
    assert msg_check(emu, http, a)["errcode"] == 0  # old one lives until its own expiry


def test_stable_token_errors(emu, http):
    assert stable(emu, http, secret="bad")["errcode"] == 40125
    assert stable(emu, http, appid="wxother")["errcode"] == 40013
    assert stable(emu, http, grant_type="x")["errcode"] == 40002
    assert stable(emu, http, force_refresh="yes")["errcode"] == 47001
    assert http.get(emu.url("/cgi-bin/stable_token")).json()["errcode"] == 43002
    assert http.post(emu.url("/cgi-bin/stable_token"), data=b"{not json").json()["errcode"] == 47001


def test_expired_token_is_refreshed_exactly_once_by_wechatpy(emu, wx, http):
    wx.wxa.check_text_security("hello")
    assert emu.state.stats()["tokens_issued"]["token"] == 1
    http.post(emu.url("/_emulator/tokens/expire"))
    wx.wxa.check_text_security("hello again")  # 42001 -> refetch -> retry
    assert emu.state.stats()["tokens_issued"]["token"] == 2
    wx.wxa.check_text_security("and again")
    assert emu.state.stats()["tokens_issued"]["token"] == 2


def test_wechatpy_sees_bad_secret(emu):
    client = EmulatorWeChatClient(emu.base_url, emu.appid, "wrong-secret", timeout=5)
    with pytest.raises(WeChatClientException) as info:
        client.fetch_access_token()
    assert info.value.errcode == 40125


def test_second_app_is_accepted(emu, http):
    from wechat_emulator.testing import running_emulator

    with running_emulator(apps={"wx1111111111111111": "another0secret"}) as other:
        r = http.get(other.url("/cgi-bin/token"), params={
            "grant_type": "client_credential", "appid": "wx1111111111111111", "secret": "another0secret"})
        assert "access_token" in r.json()
