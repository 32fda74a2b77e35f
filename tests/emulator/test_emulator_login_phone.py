"""code2Session and getuserphonenumber."""
import base64

from .helpers import code2session, login


def test_login_code_is_single_use(emu, http):
    minted = login(emu, http)
    assert minted["openid"].startswith("o") and len(minted["openid"]) == 28
    first = code2session(emu, http, minted["code"])
    assert first["openid"] == minted["openid"]
    assert len(base64.b64decode(first["session_key"])) == 16
    assert "unionid" not in first and "errcode" not in first
    again = code2session(emu, http, minted["code"])
    assert again["errcode"] == 40163 and again["errmsg"].startswith("code been used")


def test_session_key_is_new_per_login(emu, http):
    a = code2session(emu, http, login(emu, http, openid="oUser000000000000000000000001")["code"])
    b = code2session(emu, http, login(emu, http, openid="oUser000000000000000000000001")["code"])
    assert a["openid"] == b["openid"] and a["session_key"] != b["session_key"]
    assert emu.state.users[a["openid"]].session_key == b["session_key"]


def test_unionid_only_when_the_user_has_one(emu, http):
    out = code2session(emu, http, login(emu, http, unionid="oUnion00000000000000000000001")["code"])
    assert out["unionid"] == "oUnion00000000000000000000001"


def test_unknown_and_expired_codes(emu, http):
    assert code2session(emu, http, "0" * 32)["errcode"] == 40029
    minted = login(emu, http)
    emu.state.advance(301)
    assert code2session(emu, http, minted["code"])["errcode"] == 40029


def test_bad_appid_secret_and_missing_code(emu, http):
    code = login(emu, http)["code"]
    assert code2session(emu, http, code, secret="nope")["errcode"] == 40125
    assert code2session(emu, http, code, appid="wxnope")["errcode"] == 40013
    assert code2session(emu, http, "")["errcode"] == 41008
    assert code2session(emu, http, code)["openid"]  # failed attempts did not use it up


def test_wechatpy_code_to_session_sends_access_token_and_works(emu, wx, http):
    minted = login(emu, http)
    out = wx.wxa.code_to_session(minted["code"])
    assert out["openid"] == minted["openid"]


def phone(emu, http, token, code, **extra):
    return http.post(emu.url("/wxa/business/getuserphonenumber"), params={"access_token": token},
                     json={"code": code, **extra}).json()


def test_phone_code_once(emu, http, token):
    code = http.post(emu.url("/_emulator/phone-codes"), json={"phone": "13800138000"}).json()["code"]
    out = phone(emu, http, token, code)
    assert out["errcode"] == 0 and out["errmsg"] == "ok"
    info = out["phone_info"]
    assert info["phoneNumber"] == info["purePhoneNumber"] == "13800138000"
    assert info["countryCode"] == "86"
    assert info["watermark"]["appid"] == emu.appid and isinstance(info["watermark"]["timestamp"], int)
    assert phone(emu, http, token, code)["errcode"] == 40029
    assert phone(emu, http, token, "deadbeef")["errcode"] == 40029


def test_phone_code_checks(emu, http, token):
    assert phone(emu, http, "bad-token", "x")["errcode"] == 40001
    assert phone(emu, http, token, "")["errcode"] == 41008
    code = http.post(emu.url("/_emulator/phone-codes"),
                     json={"phone": "13800138001", "openid": "oA00000000000000000000000001"}).json()["code"]
    assert phone(emu, http, token, code, openid="oB00000000000000000000000001")["errcode"] == 40029
    assert phone(emu, http, token, code, openid="oA00000000000000000000000001")["errcode"] == 0
    expired = http.post(emu.url("/_emulator/phone-codes"), json={"phone": "13800138002"}).json()["code"]
    emu.state.advance(301)
    assert phone(emu, http, token, expired)["errcode"] == 40029


def test_phone_control_rejects_bad_phone(emu, http):
    r = http.post(emu.url("/_emulator/phone-codes"), json={"phone": "138-0013"})
    assert r.status_code == 400 and "phone" in r.json()["error"]
