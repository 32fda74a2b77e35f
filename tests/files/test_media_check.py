"""WeChat's media check end to end: the upload's job asks the emulator,
which downloads the photo through its signed URL and pushes its verdict to
the app's push endpoint, served over real HTTP; a risky photo disappears."""
import threading

import pytest
import requests
from werkzeug.serving import make_server

from app import signals
from app.extensions import db
from app.files import media_check, service
from app.models import Upload
from app.wechat.push_routes import push_signature
from tests.factories import make_user
from tests.files.conftest import fetch_url, uploaded

PUSH_PATH = "/api/v1/wechat/push"


@pytest.fixture(scope="module")
def live_app(app):
    """The app on a real port, where WeChat (the emulator) fetches photos and pushes verdicts."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture()
def wechat_pushes_to_the_app(app, live_app, wechat_control, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", live_app)
    wechat_control.configure(push_url=live_app + PUSH_PATH, push_token=app.config["WECHAT_PUSH_TOKEN"])
    return live_app


@pytest.fixture()
def flagged(app):
    sent = []

    def capture(sender, **kwargs):
        sent.append(kwargs)

    with signals.upload_flagged.connected_to(capture, sender=app):
        yield sent


def checked_upload(client, wechat_control, user=None):
    """A photo uploaded by someone who has the mini-program open, its check asked of WeChat."""
    user = user or make_user()
    wechat_control.login_code(openid=user.openid)  # WeChat saw them within two hours
    answer = uploaded(client, user)
    media_check.check_upload(answer["id"])  # the queued job, run here
    db.session.expire_all()
    upload = db.session.get(Upload, answer["id"])
    assert upload.check_status == "pending" and upload.check_trace_id
    return answer, upload


def test_a_risky_photo_is_hidden_once_wechat_says_so(client, backend, wechat_control, wechat_pushes_to_the_app,
                                                     flagged):
    answer, upload = checked_upload(client, wechat_control)
    (check,) = wechat_control.media_checks()
    assert check["trace_id"] == upload.check_trace_id and check["media_type"] == 2 and check["scene"] == 3
    (delivered,) = wechat_control.deliver_media_checks(suggest="risky")
    assert delivered["push_status"] == 200, delivered  # WeChat downloaded it and the app took the push
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "risky"
    assert flagged == [{"upload_id": answer["id"], "owner_id": upload.owner_id, "purpose": "need_photo"}]
    assert service.present_uploads([answer["id"]]) == []
    assert service.url_for(db.session.get(Upload, answer["id"])) is None


def test_a_clean_photo_passes(client, wechat_control, wechat_pushes_to_the_app, flagged):
    answer, _ = checked_upload(client, wechat_control)
    (delivered,) = wechat_control.deliver_media_checks()
    assert delivered["suggest"] == "pass" and delivered["push_status"] == 200
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "pass"
    assert [p["id"] for p in service.present_uploads([answer["id"]])] == [answer["id"]]
    assert flagged == []


def test_the_emulator_really_fetched_the_photo(client, app, wechat_control, wechat_pushes_to_the_app):
    answer, upload = checked_upload(client, wechat_control)
    digest = __import__("hashlib").sha256(service.storage().read(upload.storage_key)).hexdigest()
    wechat_control.configure(risky_media=[digest])
    (delivered,) = wechat_control.deliver_media_checks()
    assert delivered["suggest"] == "risky"


def test_a_push_with_a_wrong_signature_changes_nothing(client, app, wechat_control, wechat_pushes_to_the_app):
    answer, upload = checked_upload(client, wechat_control)
    wechat_control.configure(push_token="not-the-apps-token")
    (delivered,) = wechat_control.deliver_media_checks(suggest="risky")
    assert delivered["push_status"] == 403
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "pending"
    forged = client.post(PUSH_PATH, query_string={"signature": "0" * 40, "timestamp": "1", "nonce": "2"},
                         json={"Event": "wxa_media_check", "trace_id": upload.check_trace_id,
                               "result": {"suggest": "risky"}})
    assert forged.status_code == 403 and forged.get_json()["error"]["code"] == "push_signature_invalid"
    missing = client.post(PUSH_PATH, json={"Event": "wxa_media_check"})
    assert missing.status_code == 422


def signed(app, **query):
    timestamp, nonce = "1764661234", "987654"
    return {"signature": push_signature(app.config["WECHAT_PUSH_TOKEN"], timestamp, nonce),
            "timestamp": timestamp, "nonce": nonce, **query}


def test_wechat_checks_the_push_url_with_echostr(client, app):
    response = client.get(PUSH_PATH, query_string=signed(app, echostr="7340213812"))
    assert response.status_code == 200 and response.data == b"7340213812"
    wrong = client.get(PUSH_PATH, query_string={**signed(app, echostr="1"), "nonce": "other"})
    assert wrong.status_code == 403
    assert client.get(PUSH_PATH, query_string={**signed(app, echostr="1"), "signature": "签名"}).status_code == 403


def test_a_push_without_a_json_label_and_unknown_events_are_taken(client, app):
    response = client.post(PUSH_PATH, query_string=signed(app), data=b'{"Event": "wxa_media_check", '
                           b'"trace_id": "nobody-asked", "errcode": 0, "result": {"suggest": "risky"}}',
                           content_type="text/plain")
    assert response.status_code == 200 and response.data == b"success"
    other = client.post(PUSH_PATH, query_string=signed(app), json={"MsgType": "event", "Event": "something_else"})
    assert other.status_code == 200


def test_a_verdict_that_overtakes_the_job_is_kept_for_it(client, app, wechat_control, monkeypatch):
    user = make_user()
    answer = uploaded(client, user)
    push = {"Event": "wxa_media_check", "trace_id": "trace-early", "errcode": 0, "result": {"suggest": "risky"}}
    assert client.post(PUSH_PATH, query_string=signed(app), json=push).status_code == 200
    client_of_wechat = media_check.wechat()
    monkeypatch.setattr(type(client_of_wechat), "media_check_async",
                        lambda self, *args, **kwargs: {"errcode": 0, "trace_id": "trace-early"})
    media_check.check_upload(answer["id"])
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "risky"


def test_an_upload_wechat_will_not_check_stays_usable(client, wechat_control):
    user = make_user()  # never opened the mini-program as far as WeChat knows: 40003
    answer = uploaded(client, user)
    media_check.check_upload(answer["id"])
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "error"
    assert [p["id"] for p in service.present_uploads([answer["id"]])] == [answer["id"]]


def test_a_busy_wechat_is_asked_again(client, wechat_control):
    user = make_user()
    wechat_control.login_code(openid=user.openid)
    answer = uploaded(client, user)
    wechat_control.fault("busy", count=1, path="/wxa/media_check_async")
    with pytest.raises(media_check.CheckNotTaken):
        media_check.check_upload(answer["id"])  # Dramatiq retries it with backoff
    media_check.check_upload(answer["id"])
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_trace_id


def test_download_failure_is_an_error_not_a_pass(client, app, wechat_control, wechat_pushes_to_the_app):
    answer, upload = checked_upload(client, wechat_control)
    service.storage().delete(upload.storage_key)
    (delivered,) = wechat_control.deliver_media_checks()
    assert delivered["errcode"] == -1008
    db.session.expire_all()
    assert db.session.get(Upload, answer["id"]).check_status == "error"
    assert requests.get(wechat_pushes_to_the_app + "/api/v1/openapi.json", timeout=5).status_code == 200
    assert fetch_url(client, answer["url"])[0] == 404
