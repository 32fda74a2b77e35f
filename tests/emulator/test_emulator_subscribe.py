"""subscribeMessage.send: template checks, field checks, one-time quota, inbox."""
import threading

import pytest
from wechatpy.exceptions import WeChatClientException

from .helpers import EVENT_REMINDER, HOURS_CREDITED, VOLUNTEER_CALL, login

REMINDER_DATA = {
    "thing1": {"value": "聚沙讲堂：百年党史"},
    "time2": {"value": "2024年5月12日 14:30"},
    "thing3": {"value": "下沙中学报告厅"},
    "thing4": {"value": "请提前10分钟签到"},
}


@pytest.fixture()
def user(emu, http):
    return login(emu, http)["openid"]


def grant(emu, http, openid, template_id, count=1):
    return http.post(emu.url("/_emulator/subscriptions"),
                     json={"openid": openid, "template_id": template_id, "count": count}).json()


def send(emu, http, token, **body):
    payload = {"template_id": EVENT_REMINDER, "page": "pages/event/detail?id=7", "data": REMINDER_DATA, **body}
    return http.post(emu.url("/cgi-bin/message/subscribe/send"), params={"access_token": token},
                     json=payload).json()


def test_no_quota_is_43101(emu, http, token, user):
    out = send(emu, http, token, touser=user)
    assert out["errcode"] == 43101 and out["errmsg"].startswith("user refuse to accept the msg")
    assert emu.state.messages == []


def test_one_acceptance_is_exactly_one_send(emu, http, token, user):
    assert grant(emu, http, user, EVENT_REMINDER)["remaining"] == 1
    out = send(emu, http, token, touser=user)
    assert out["errcode"] == 0 and out["errmsg"] == "ok" and isinstance(out["msgid"], int)
    assert send(emu, http, token, touser=user)["errcode"] == 43101

    inbox = http.get(emu.url("/_emulator/messages"), params={"openid": user}).json()["messages"]
    assert len(inbox) == 1
    msg = inbox[0]
    assert msg["msgid"] == out["msgid"] and msg["template_id"] == EVENT_REMINDER
    assert msg["page"] == "pages/event/detail?id=7" and msg["data"] == REMINDER_DATA
    assert msg["values"]["thing3"] == "下沙中学报告厅" and msg["time"] > 0


def test_quota_is_per_template_and_by_name(emu, http, token, user):
    grant(emu, http, user, "hours_credited", count=2)  # a template name works too
    quotas = http.get(emu.url("/_emulator/subscriptions"), params={"openid": user}).json()["quotas"]
    assert quotas == {HOURS_CREDITED: 2}
    assert send(emu, http, token, touser=user)["errcode"] == 43101


def test_concurrent_sends_with_quota_five_deliver_exactly_five(emu, token, user):
    import requests

    emu.state.grant_subscription(user, EVENT_REMINDER, 5)
    results, barrier = [], threading.Barrier(20)

    def worker():
        with requests.Session() as s:
            barrier.wait()
            results.append(send(emu, s, token, touser=user)["errcode"])

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count(0) == 5 and results.count(43101) == 15
    assert len(emu.state.message_list(openid=user)) == 5
    assert emu.state.quota_of(user) == {}


@pytest.mark.parametrize("change, errcode", [
    ({"touser": "oNobody000000000000000000000"}, 40003),
    ({"touser": ""}, 40003),
    ({"template_id": "nope"}, 40037),
    ({"page": "pages/missing/page"}, 41030),
    ({"data": {**REMINDER_DATA, "thing1": {"value": "超" * 21}}}, 47003),
    ({"lang": "fr_FR"}, 47001),
])
def test_send_errors(emu, http, token, user, change, errcode):
    emu.state.grant_subscription(user, EVENT_REMINDER, 1)
    body = {"touser": user, **change}
    assert send(emu, http, token, **body)["errcode"] == errcode
    assert emu.state.quota_of(user) == {EVENT_REMINDER: 1}  # a refused send costs nothing


def test_47003_names_the_field(emu, http, token, user):
    emu.state.grant_subscription(user, EVENT_REMINDER, 1)
    missing = {k: v for k, v in REMINDER_DATA.items() if k != "time2"}
    out = send(emu, http, token, touser=user, data=missing)
    assert out["errcode"] == 47003 and out["errmsg"].startswith("argument invalid! data.time2.value is empty")
    bad = {**REMINDER_DATA, "time2": {"value": "明天下午"}}
    assert send(emu, http, token, touser=user, data=bad)["errmsg"].startswith(
        "argument invalid! data.time2.value invalid")
    extra = {**REMINDER_DATA, "thing9": {"value": "x"}}
    assert "data.thing9" in send(emu, http, token, touser=user, data=extra)["errmsg"]


def test_page_is_only_checked_for_formal_and_optional(emu, http, token, user):
    emu.state.grant_subscription(user, EVENT_REMINDER, 2)
    assert send(emu, http, token, touser=user, page="pages/dev/only", miniprogram_state="developer")["errcode"] == 0
    assert send(emu, http, token, touser=user, page=None)["errcode"] == 0


def test_other_templates_validate_their_types(emu, http, token, user):
    emu.state.grant_subscription(user, VOLUNTEER_CALL, 1)
    emu.state.grant_subscription(user, HOURS_CREDITED, 1)
    call = {"thing1": {"value": "七格社区环境整治"}, "date2": {"value": "2024年6月9日"},
            "thing3": {"value": "七格社区服务中心"}, "name4": {"value": "王阿姨"},
            "phone_number5": {"value": "0571-86001234"}}
    assert send(emu, http, token, touser=user, template_id=VOLUNTEER_CALL, data=call)["errcode"] == 0
    hours = {"thing1": {"value": "市民公益日"}, "number2": {"value": "2.5小时"},
             "date3": {"value": "2024-05-12"}, "thing4": {"value": "感谢参与"}}
    out = send(emu, http, token, touser=user, template_id=HOURS_CREDITED, data=hours)
    assert out["errcode"] == 47003 and "data.number2.value" in out["errmsg"]
    hours["number2"] = {"value": "2.5"}
    assert send(emu, http, token, touser=user, template_id=HOURS_CREDITED, data=hours)["errcode"] == 0


def test_wechatpy_send_subscribe_message(emu, wx, user):
    emu.state.grant_subscription(user, EVENT_REMINDER, 1)
    out = wx.wxa.send_subscribe_message(user, EVENT_REMINDER, REMINDER_DATA, page="pages/index/index")
    assert out["errcode"] == 0
    with pytest.raises(WeChatClientException) as info:
        wx.wxa.send_subscribe_message(user, EVENT_REMINDER, REMINDER_DATA)
    assert info.value.errcode == 43101


def test_messages_filter_and_grant_errors(emu, http, token, user):
    other = login(emu, http)["openid"]
    for openid in (user, other):
        emu.state.grant_subscription(openid, EVENT_REMINDER, 1)
        assert send(emu, http, token, touser=openid)["errcode"] == 0
    everything = http.get(emu.url("/_emulator/messages")).json()["messages"]
    assert {m["openid"] for m in everything} == {user, other}
    none = http.get(emu.url("/_emulator/messages"), params={"template_id": HOURS_CREDITED}).json()
    assert none["messages"] == []
    assert http.post(emu.url("/_emulator/subscriptions"),
                     json={"openid": "oGhost", "template_id": EVENT_REMINDER}).status_code == 400
    assert http.post(emu.url("/_emulator/subscriptions"),
                     json={"openid": user, "template_id": "nope"}).status_code == 400
