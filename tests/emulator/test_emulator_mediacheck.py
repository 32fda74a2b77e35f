"""mediaCheckAsync v2 and its wxa_media_check message push."""
import hashlib
import json
import threading

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from wechat_emulator.mediacheck import PER_MINUTE, push_signature

from .helpers import login

PUSH_TOKEN = "emulatortesttoken"


def ask(emu, http, token, **body):
    return http.post(emu.url("/wxa/media_check_async"), params={"access_token": token}, json=body).json()


def image_request(who, url, **changes):
    return {"media_url": url, "media_type": 2, "version": 2, "scene": 3, "openid": who, **changes}


@pytest.fixture()
def openid(emu, http):
    return login(emu, http)["openid"]


@pytest.fixture()
def receiver():
    """A little server standing in for both sides WeChat talks to: it serves
    the media (``/media/<name>``) and records the pushes it receives."""
    media = {"clean.jpg": b"\xff\xd8clean", "bad.jpg": b"\xff\xd8bad"}
    pushes = []

    @Request.application
    def app(request):
        if request.path.startswith("/media/"):
            data = media.get(request.path.rsplit("/", 1)[1])
            return Response(data, mimetype="image/jpeg") if data else Response("missing", status=404)
        pushes.append({"args": request.args.to_dict(), "body": json.loads(request.get_data()),
                       "content_type": request.content_type})
        return Response("success")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    yield {"base": base, "media": media, "pushes": pushes}
    server.shutdown()
    thread.join(timeout=5)


def configure_push(emu, http, receiver, **more):
    http.post(emu.url("/_emulator/config"), json={
        "push_url": receiver["base"] + "/push", "push_token": PUSH_TOKEN, **more}).raise_for_status()


def deliver(emu, http, **body):
    return http.post(emu.url("/_emulator/media-checks/deliver"), json=body).json()["delivered"]


def test_a_check_is_taken_then_its_verdict_pushed_signed(emu, http, token, openid, receiver):
    configure_push(emu, http, receiver)
    out = ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/clean.jpg"))
    assert out["errcode"] == 0 and out["errmsg"] == "ok" and out["trace_id"]
    assert receiver["pushes"] == []  # nothing until WeChat (the control API) gets round to it
    (delivered,) = deliver(emu, http)
    assert delivered["push_status"] == 200 and delivered["suggest"] == "pass"
    (push,) = receiver["pushes"]
    args, event = push["args"], push["body"]
    assert args["signature"] == push_signature(PUSH_TOKEN, args["timestamp"], args["nonce"])
    assert push["content_type"] == "application/json"
    assert event["Event"] == "wxa_media_check" and event["MsgType"] == "event" and event["version"] == 2
    assert event["trace_id"] == out["trace_id"] and event["FromUserName"] == openid and event["appid"] == emu.appid
    assert event["result"] == {"suggest": "pass", "label": 100} and event["errcode"] == 0
    assert deliver(emu, http) == []  # pushed once


def test_media_listed_as_risky_is_risky(emu, http, token, openid, receiver):
    configure_push(emu, http, receiver, risky_media=[hashlib.sha256(b"\xff\xd8bad").hexdigest()])
    ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/bad.jpg"))
    ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/clean.jpg"))
    verdicts = sorted(d["suggest"] for d in deliver(emu, http))
    assert verdicts == ["pass", "risky"]
    risky = [p["body"] for p in receiver["pushes"] if p["body"]["result"]["suggest"] == "risky"]
    assert risky[0]["result"]["label"] == 20002 and risky[0]["detail"][0]["suggest"] == "risky"


def test_the_control_api_names_the_verdict_of_one_check(emu, http, token, openid, receiver):
    configure_push(emu, http, receiver)
    first = ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/clean.jpg"))["trace_id"]
    second = ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/clean.jpg"))["trace_id"]
    (delivered,) = deliver(emu, http, trace_id=second, suggest="risky")
    assert delivered["trace_id"] == second and delivered["suggest"] == "risky"
    listed = {c["trace_id"]: c for c in http.get(emu.url("/_emulator/media-checks")).json()["media_checks"]}
    assert listed[first]["delivered"] is False and listed[second]["delivered"] is True


def test_media_wechat_cannot_download_is_pushed_as_1008(emu, http, token, openid, receiver):
    configure_push(emu, http, receiver)
    ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/gone.jpg"))
    deliver(emu, http)
    event = receiver["pushes"][0]["body"]
    assert event["errcode"] == -1008 and event["detail"] == [] and "result" not in event


@pytest.mark.parametrize("change, errcode", [
    ({"version": 1}, 47001), ({"media_type": 3}, 47001), ({"media_url": "ftp://x/y.jpg"}, 47001),
    ({"scene": 5}, 40129), ({"openid": ""}, 40003), ({"openid": "o-nobody-knows-this-user"}, 40003),
])
def test_bad_arguments_get_wechats_errcodes(emu, http, token, openid, change, errcode):
    assert ask(emu, http, token, **image_request(openid, "http://x/a.jpg", **change))["errcode"] == errcode


def test_tokens_are_checked(emu, http, openid):
    body = image_request(openid, "http://x/a.jpg")
    assert http.post(emu.url("/wxa/media_check_async"), json=body).json()["errcode"] == 41001
    assert ask(emu, http, "not-a-token", **body)["errcode"] == 40001


def test_a_user_not_seen_for_two_hours_is_61010(emu, http, token, openid):
    http.post(emu.url("/_emulator/clock"), json={"advance": 7201})
    fresh = ask(emu, http, token, **image_request(openid, "http://x/a.jpg"))
    assert fresh["errcode"] in (61010, 42001)  # the token may have aged too
    token = http.get(emu.url("/cgi-bin/token"), params={
        "grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret}).json()["access_token"]
    assert ask(emu, http, token, **image_request(openid, "http://x/a.jpg"))["errcode"] == 61010


def test_more_than_2000_a_minute_is_44991(emu, http, token, openid):
    state = emu.state
    for _ in range(PER_MINUTE):
        state.start_media_check(emu.appid, image_request(openid, "http://x/a.jpg"))
    assert ask(emu, http, token, **image_request(openid, "http://x/a.jpg"))["errcode"] == 44991
    http.post(emu.url("/_emulator/clock"), json={"advance": 61})
    token = http.get(emu.url("/cgi-bin/token"), params={
        "grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret}).json()["access_token"]
    login(emu, http, openid=openid)  # seen again
    assert ask(emu, http, token, **image_request(openid, "http://x/a.jpg"))["errcode"] == 0


def test_with_a_delay_the_verdict_is_pushed_by_itself(emu, http, token, openid, receiver):
    configure_push(emu, http, receiver, media_check_delay=0)
    trace_id = ask(emu, http, token, **image_request(openid, receiver["base"] + "/media/clean.jpg"))["trace_id"]
    for _ in range(100):  # the push runs on the emulator's timer thread
        if receiver["pushes"]:
            break
        threading.Event().wait(0.1)
    assert [p["body"]["trace_id"] for p in receiver["pushes"]] == [trace_id]
    assert deliver(emu, http) == []
