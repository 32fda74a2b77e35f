"""Injected faults fire exactly N times on matching WeChat paths, then stop."""
import time

import pytest
import requests
from wechatpy.exceptions import APILimitedException, WeChatClientException


def fault(emu, http, **body):
    r = http.post(emu.url("/_emulator/faults"), json=body)
    assert r.status_code == 200, r.text
    return r.json()


def token_call(emu, http):
    return http.get(emu.url("/cgi-bin/token"), params={
        "grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret}, timeout=5)


@pytest.mark.parametrize("kind, errcode", [("busy", -1), ("rate_limit", 45009)])
def test_error_faults_fire_exactly_n_times(emu, http, kind, errcode):
    fault(emu, http, kind=kind, count=2)
    outs = [token_call(emu, http).json() for _ in range(3)]
    assert [o.get("errcode") for o in outs[:2]] == [errcode, errcode]
    assert "access_token" in outs[2]
    assert emu.state.stats()["faults_fired"] == {kind: 2}
    assert emu.state.stats()["tokens_issued"]["token"] == 1
    assert outs[0]["errmsg"].startswith("system error" if kind == "busy" else "api freq out of limit")


def test_slow_fault_delays_then_answers(emu, http):
    fault(emu, http, kind="slow", count=1, delay=0.4)
    started = time.monotonic()
    assert "access_token" in token_call(emu, http).json()
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    token_call(emu, http)
    assert time.monotonic() - started < 0.3


def test_drop_fault_closes_the_connection_without_a_response(emu, http):
    fault(emu, http, kind="drop", count=2)
    for _ in range(2):
        with pytest.raises(requests.exceptions.ConnectionError) as info:
            token_call(emu, http)
        assert "without response" in str(info.value)
    assert "access_token" in token_call(emu, http).json()
    assert emu.state.stats()["faults_fired"] == {"drop": 2}


def test_fault_targets_a_path_prefix_and_spares_control_paths(emu, http):
    fault(emu, http, kind="busy", count=1, path="/wxa/")
    assert http.get(emu.url("/_emulator/stats")).status_code == 200
    assert "access_token" in token_call(emu, http).json()  # /cgi-bin/ is not targeted
    assert emu.state.fault_list()[0]["remaining"] == 1
    tok = token_call(emu, http).json()["access_token"]
    out = http.post(emu.url("/wxa/msg_sec_check"), params={"access_token": tok}, json={"content": "x"}).json()
    assert out["errcode"] == -1
    assert emu.state.fault_list() == []


def test_delete_clears_faults(emu, http):
    fault(emu, http, kind="busy", count=5)
    assert http.delete(emu.url("/_emulator/faults")).json() == {"cleared": 1}
    assert "access_token" in token_call(emu, http).json()


def test_faults_in_order_and_bad_requests(emu, http):
    fault(emu, http, kind="rate_limit", count=1)
    fault(emu, http, kind="busy", count=1)
    assert token_call(emu, http).json()["errcode"] == 45009
    assert token_call(emu, http).json()["errcode"] == -1
    assert http.post(emu.url("/_emulator/faults"), json={"kind": "explode"}).status_code == 400
    assert http.post(emu.url("/_emulator/faults"), json={"kind": "busy", "count": 0}).status_code == 400


def test_wechatpy_sees_rate_limit_and_busy(emu, wx, http):
    wx.fetch_access_token()
    fault(emu, http, kind="rate_limit", count=1, path="/wxa/msg_sec_check")
    with pytest.raises(APILimitedException):
        wx.wxa.check_text_security("hi")
    fault(emu, http, kind="busy", count=1, path="/wxa/msg_sec_check")
    with pytest.raises(WeChatClientException) as info:
        wx.wxa.check_text_security("hi")
    assert info.value.errcode == -1
    assert wx.wxa.check_text_security("hi")["errcode"] == 0
