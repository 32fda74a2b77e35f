"""Control endpoints, reset, stats, and the standalone entry point."""
import json
import os
import subprocess
import sys
from pathlib import Path

import requests


from .helpers import EVENT_REMINDER, login

REPO = Path(__file__).resolve().parents[2]


def test_reset_forgets_everything_but_apps_and_templates(emu, http, token):
    openid = login(emu, http)["openid"]
    emu.state.grant_subscription(openid, EVENT_REMINDER, 3)
    http.post(emu.url("/_emulator/faults"), json={"kind": "busy", "count": 3, "path": "/wxa/"})
    http.post(emu.url("/_emulator/config"), json={"token_ttl": 10, "pages": ["pages/x/x"]})
    assert http.post(emu.url("/_emulator/reset")).json() == {"reset": True}

    assert emu.state.users == {} and emu.state.quota_of(openid) == {} and emu.state.fault_list() == []
    assert emu.state.config()["token_ttl"] == 7200 and "pages/index/index" in emu.state.pages
    stats = http.get(emu.url("/_emulator/stats")).json()
    assert stats["tokens_issued"]["total"] == 0 and stats["messages_delivered"] == 0 and stats["calls"] == {}
    out = http.post(emu.url("/wxa/msg_sec_check"), params={"access_token": token}, json={"content": "x"}).json()
    assert out["errcode"] == 40001  # tokens are forgotten
    configured = json.loads((Path(__file__).resolve().parents[2] / "config" / "subscribe_templates.json")
                            .read_text(encoding="utf-8"))["templates"]
    assert len(http.get(emu.url("/_emulator/templates")).json()["templates"]) == len(configured)
    assert "access_token" in http.get(emu.url("/cgi-bin/token"), params={
        "grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret}).json()


def test_stats_count_calls_errors_and_messages(emu, http, token):
    http.get(emu.url("/sns/jscode2session"), params={"appid": emu.appid, "secret": emu.secret,
                                                      "js_code": "x", "grant_type": "authorization_code"})
    stats = http.get(emu.url("/_emulator/stats")).json()
    assert stats["calls"] == {"/cgi-bin/token": 1, "/sns/jscode2session": 1}
    assert stats["errors"] == {"40029": 1}
    assert stats["tokens_issued"] == {"token": 1, "stable_token": 0, "total": 1}


def test_config_round_trip_and_validation(emu, http):
    out = http.post(emu.url("/_emulator/config"), json={"token_grace_seconds": 0, "risky_words": ["刷单"]}).json()
    assert out["token_grace_seconds"] == 0 and out["risky_words"] == {"刷单": 21000}
    assert http.get(emu.url("/_emulator/config")).json()["token_grace_seconds"] == 0
    assert http.post(emu.url("/_emulator/config"), json={"nope": 1}).status_code == 400
    assert http.post(emu.url("/_emulator/config"), data=b"{").status_code == 400


def test_clock_advance_and_info(emu, http):
    code = login(emu, http)["code"]
    assert http.post(emu.url("/_emulator/clock"), json={"advance": 301}).json()["offset"] == 301
    out = http.get(emu.url("/sns/jscode2session"), params={"appid": emu.appid, "secret": emu.secret,
                                                            "js_code": code, "grant_type": "authorization_code"})
    assert out.json()["errcode"] == 40029
    info = http.get(emu.url("/_emulator/")).json()
    assert info["default_appid"] == "wx0123456789abcdef"


def test_unknown_paths_are_a_json_404(emu, http):
    r = http.get(emu.url("/cgi-bin/menu/create"))
    assert r.status_code == 404 and r.json()["error"] == "not emulated"


def test_login_codes_remember_users(emu, http):
    a = login(emu, http, openid="oKnown0000000000000000000001", unionid="oUnion0000000000000000000001")
    assert a["openid"] == "oKnown0000000000000000000001"
    users = http.get(emu.url("/_emulator/users")).json()["users"]
    assert users[0]["unionid"] == "oUnion0000000000000000000001"
    assert http.post(emu.url("/_emulator/login-codes"), json={"appid": "wxunknown"}).status_code == 400


def test_python_m_app_emulator_prints_its_url():
    env = {**os.environ, "EMULATOR_PORT": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "wechat_emulator", "--quiet"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("WeChat emulator on http://127.0.0.1:")
        base = line.split()[3]
        assert requests.get(base + "/_emulator/stats", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=5)
