"""Notices fixtures: a queue worker in this process, accepting a
subscription on both sides (WeChat and ours), sending and awaiting a notice."""
import time

import pytest

from app.jobs import broker_of, start_inprocess_worker, stop_inprocess_worker
from app.subscriptions import templates
from tests.factories import auth_headers

CALL_VALUES = {
    "thing1": "市民公益日：清理楼道小广告",
    "date2": "2026年12月13日",
    "thing3": "铭和社区党群服务中心",
    "name4": "王书记",
    "phone_number5": "0571-86000000",
}


@pytest.fixture()
def notice_worker(app):
    """A Dramatiq worker on threads of the test process, over the app's broker
    (Redis with REDIS_URL, the in-memory broker otherwise)."""
    broker = broker_of(app)
    broker.flush_all()
    worker = start_inprocess_worker(app, threads=4)
    yield worker
    stop_inprocess_worker(app, worker)
    broker.flush_all()


def template_id(name="volunteer_call"):
    return templates.get(name).id


def known_to_wechat(wechat_control, *users):
    """The people opened the mini-program (WeChat knows them; msgSecCheck
    wants the author to have visited in the last two hours)."""
    for user in users:
        wechat_control.login_code(openid=user.openid)


def accept(client, wechat_control, user, template="volunteer_call", times=1):
    """The user taps 允许 in wx.requestSubscribeMessage ``times`` times: WeChat
    counts it, and the mini-program reports it to us."""
    known_to_wechat(wechat_control, user)
    tid = template_id(template)
    wechat_control.subscribe(user.openid, tid, count=times)
    for _ in range(times):
        response = client.post("/api/v1/subscriptions", json={"results": {tid: "accept"}},
                               headers=auth_headers(user))
        assert response.status_code == 200, response.get_json()


def call_body(audience, **changes):
    body = {"template_id": template_id(), "values": dict(CALL_VALUES), "page": "pages/event/detail?id=1",
            "audience": audience}
    body.update(changes)
    return body


def send_notice(client, organiser, audience, **changes):
    response = client.post("/api/v1/notices", json=call_body(audience, **changes), headers=auth_headers(organiser))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def wait_for_notice(client, organiser, notice_id, timeout=30):
    """Poll the notice until nobody is queued or in flight; return its report."""
    headers = auth_headers(organiser)
    deadline = time.monotonic() + timeout
    while True:
        notice = client.get(f"/api/v1/notices/{notice_id}/report", headers=headers).get_json()
        counts = notice["counts"]
        if notice["status"] in ("done", "cancelled") and counts["queued"] == 0 and counts["sending"] == 0:
            return notice
        if time.monotonic() > deadline:
            raise AssertionError(f"notice {notice_id} still open: {notice['status']} {counts}")
        time.sleep(0.1)


def inbox(wechat_control, user, template="volunteer_call"):
    return wechat_control.messages(openid=user.openid, template_id=template_id(template))["messages"]
