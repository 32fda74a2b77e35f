"""Templates for the mini-program, and what users allow."""
from tests.factories import auth_headers, make_user
from tests.notices.conftest import template_id


def test_templates_list_fields_with_wechat_limits(client):
    response = client.get("/api/v1/subscriptions/templates")
    assert response.status_code == 200
    by_name = {t["name"]: t for t in response.get_json()}
    assert set(by_name) == {"event_reminder", "hours_credited", "volunteer_call", "duty_reminder", "whistle_call",
                            "report_closed", "household_overdue", "household_request"}
    call = by_name["volunteer_call"]
    assert call["id"] == "Hx2mKp8vQa5eWr1tYz7uNc3bLs9dGf4jOi6hVg0kMqS"
    assert call["title"] == "志愿活动招募通知"
    thing = call["fields"][0]
    assert thing["key"] == "thing1" and thing["type"] == "thing" and thing["label"] == "活动主题"
    assert thing["max_length"] == 20 and "20" in thing["rule"]
    assert {f["type"] for f in call["fields"]} == {"thing", "date", "name", "phone_number"}


def test_each_accept_adds_one_send_and_other_answers_add_none(client, ctx):
    user = make_user()
    call, reminder = template_id("volunteer_call"), template_id("event_reminder")
    headers = auth_headers(user)
    first = client.post("/api/v1/subscriptions", json={"results": {call: "accept", reminder: "reject"}},
                        headers=headers)
    assert first.status_code == 200
    client.post("/api/v1/subscriptions", json={"results": {call: "acceptWithAudio"}}, headers=headers)
    client.post("/api/v1/subscriptions", json={"results": {reminder: "ban"}}, headers=headers)

    mine = {s["name"]: s for s in client.get("/api/v1/subscriptions", headers=headers).get_json()}
    assert mine["volunteer_call"]["remaining"] == 2
    assert mine["volunteer_call"]["last_answer"] == "acceptWithAudio"
    assert mine["event_reminder"]["remaining"] == 0
    assert mine["event_reminder"]["last_answer"] == "ban"
    assert mine["hours_credited"] == {**mine["hours_credited"], "remaining": 0, "last_answer": None}


def test_a_report_sent_twice_with_its_request_id_counts_once(client, ctx):
    user = make_user()
    body = {"results": {template_id(): "accept"}, "request_id": "req-7f3a9c21"}
    for _ in range(2):
        assert client.post("/api/v1/subscriptions", json=body, headers=auth_headers(user)).status_code == 200
    mine = client.get("/api/v1/subscriptions", headers=auth_headers(user)).get_json()
    assert {s["name"]: s["remaining"] for s in mine}["volunteer_call"] == 1


def test_users_see_only_their_own_subscriptions(client, ctx):
    alice, bob = make_user(), make_user()
    client.post("/api/v1/subscriptions", json={"results": {template_id(): "accept"}}, headers=auth_headers(alice))
    bobs = client.get("/api/v1/subscriptions", headers=auth_headers(bob)).get_json()
    assert all(s["remaining"] == 0 for s in bobs)
    assert client.get("/api/v1/subscriptions").status_code == 401


def test_unknown_templates_and_answers_are_refused(client, ctx):
    user = make_user()
    unknown = client.post("/api/v1/subscriptions", json={"results": {"no-such-template": "accept"}},
                          headers=auth_headers(user))
    assert unknown.status_code == 422
    assert unknown.get_json()["error"]["code"] == "unknown_template"
    bad_answer = client.post("/api/v1/subscriptions", json={"results": {template_id(): "maybe"}},
                             headers=auth_headers(user))
    assert bad_answer.status_code == 422
    extra = client.post("/api/v1/subscriptions", json={"results": {template_id(): "accept"}, "errMsg": "ok"},
                        headers=auth_headers(user))
    assert extra.status_code == 422


def test_one_tap_named_by_id_and_by_name_is_refused_not_counted_twice(client, ctx):
    user = make_user()
    both = {template_id(): "accept", "volunteer_call": "accept"}
    response = client.post("/api/v1/subscriptions", json={"results": both}, headers=auth_headers(user))
    assert response.status_code == 422
    mine = client.get("/api/v1/subscriptions", headers=auth_headers(user)).get_json()
    assert {s["name"]: s["remaining"] for s in mine}["volunteer_call"] == 0
