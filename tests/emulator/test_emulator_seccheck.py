"""msgSecCheck v2 (and v1 as wechatpy sends it)."""
import pytest
from wechatpy.exceptions import WeChatClientException

from .helpers import login


def check(emu, http, token, **body):
    return http.post(emu.url("/wxa/msg_sec_check"), params={"access_token": token}, json=body).json()


@pytest.fixture()
def openid(emu, http):
    return login(emu, http)["openid"]


def test_clean_content_passes(emu, http, token, openid):
    out = check(emu, http, token, content="周日市民公益日，欢迎参加", version=2, scene=2, openid=openid)
    assert out["errcode"] == 0 and out["errmsg"] == "ok"
    assert out["result"] == {"suggest": "pass", "label": 100}
    assert out["detail"][0]["strategy"] == "content_model" and out["trace_id"]


@pytest.mark.parametrize("word, label", [("赌博", 20006), ("诈骗", 20008), ("代开发票", 10001)])
def test_risky_words_are_risky_with_their_label(emu, http, token, openid, word, label):
    out = check(emu, http, token, content=f"这里有{word}信息", version=2, scene=3, openid=openid)
    assert out["result"] == {"suggest": "risky", "label": label}
    keyword = [d for d in out["detail"] if d["strategy"] == "keyword"]
    assert keyword and keyword[0]["keyword"] == word


def test_title_and_nickname_are_checked_too(emu, http, token, openid):
    out = check(emu, http, token, content="正常", title="赌博", version=2, scene=3, openid=openid)
    assert out["result"]["suggest"] == "risky"
    out = check(emu, http, token, content="正常", signature="赌博", version=2, scene=2, openid=openid)
    assert out["result"]["suggest"] == "pass"  # signature only counts for scene 1


def test_risky_words_are_configurable(emu, http, token, openid):
    http.post(emu.url("/_emulator/config"), json={"risky_words": {"广告位": 10001}})
    assert check(emu, http, token, content="赌博", version=2, scene=1, openid=openid)["result"]["label"] == 100
    assert check(emu, http, token, content="广告位招租", version=2, scene=1,
                 openid=openid)["result"]["label"] == 10001


@pytest.mark.parametrize("body, errcode", [
    ({"scene": 5}, 40129),
    ({"scene": 0}, 40129),
    ({"openid": ""}, 40003),
    ({"openid": "oUnknown00000000000000000000"}, 40003),
    ({"version": 3}, 47001),
    ({"content": None}, 47001),
])
def test_argument_errors(emu, http, token, openid, body, errcode):
    full = {"content": "hello", "version": 2, "scene": 1, "openid": openid, **body}
    assert check(emu, http, token, **full)["errcode"] == errcode


def test_openid_of_another_app_and_stale_visit(emu, http, token, openid):
    from wechat_emulator.state import User

    emu.state.users["oOtherApp000000000000000000x"] = User("oOtherApp000000000000000000x", "wxother")
    body = {"content": "hi", "version": 2, "scene": 1}
    assert check(emu, http, token, openid="oOtherApp000000000000000000x", **body)["errcode"] == 43104
    emu.state.advance(7201)
    fresh_token = http.get(emu.url("/cgi-bin/token"), params={
        "grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret}).json()["access_token"]
    assert check(emu, http, fresh_token, openid=openid, **body)["errcode"] == 61010


def test_v1_through_wechatpy(emu, wx):
    assert wx.wxa.check_text_security("你好")["errcode"] == 0
    with pytest.raises(WeChatClientException) as info:
        wx.wxa.check_text_security("网上赌博")
    assert info.value.errcode == 87014
