"""Delivery through the queue, judged by the emulator's inbox."""
import time
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import NoticeDelivery, utcnow
from app.notices import ratelimit
from app.notices.dispatch import dispatch_due_notices
from app.subscriptions import ledger
from tests.factories import auth_headers, make_community, make_organiser, make_quota, make_team, make_volunteer
from tests.notices.conftest import (
    CALL_VALUES,
    accept,
    inbox,
    known_to_wechat,
    send_notice,
    template_id,
    wait_for_notice,
)

SEND_PATH = "/cgi-bin/message/subscribe/send"


@pytest.fixture()
def squad(ctx, wechat_control):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team("铭和社区党员中队", community=community)
    return community, organiser, team


def volunteers(community, team, n):
    return [make_volunteer(team=team, community=community) for _ in range(n)]


def test_no_quota_means_nothing_is_sent(client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    known_to_wechat(wechat_control, volunteer)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["skipped"] == 1 and report["counts"]["sent"] == 0
    assert report["skipped_reasons"] == {"no_subscription": 1}
    assert report["not_reached"][0]["user_id"] == volunteer.id
    assert inbox(wechat_control, volunteer) == []
    assert SEND_PATH not in wechat_control.stats()["calls"]


def test_one_acceptance_allows_exactly_one_message(client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    accept(client, wechat_control, volunteer)
    first = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    assert wait_for_notice(client, organiser, first["id"])["counts"]["sent"] == 1
    second = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, second["id"])
    assert report["counts"]["skipped"] == 1
    assert report["skipped_reasons"] == {"no_subscription": 1}

    (message,) = inbox(wechat_control, volunteer)
    assert message["values"] == CALL_VALUES
    assert message["page"] == "pages/event/detail?id=1"
    mine = client.get("/api/v1/subscriptions", headers=auth_headers(volunteer)).get_json()
    assert {s["name"]: s["remaining"] for s in mine}["volunteer_call"] == 0


def test_busy_and_rate_limited_answers_are_retried_and_the_message_arrives_once(
        client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    people = volunteers(community, team, 3)
    for person in people:
        accept(client, wechat_control, person)
    wechat_control.fault("busy", count=3, path=SEND_PATH)
    wechat_control.fault("rate_limit", count=3, path=SEND_PATH)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["sent"] == 3
    assert wechat_control.stats()["faults_fired"] == {"busy": 3, "rate_limit": 3}
    for person in people:
        assert len(inbox(wechat_control, person)) == 1
    attempts = db.session.execute(db.select(db.func.sum(NoticeDelivery.attempts))).scalar()
    assert attempts == 3 + 6


def test_a_token_invalidated_mid_run_is_refreshed_and_sending_goes_on(
        client, app, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    people = volunteers(community, team, 30)
    for person in people:
        accept(client, wechat_control, person)
    issued_before = wechat_control.stats()["tokens_issued"]["total"]
    app.config["NOTICE_SEND_RATE"] = 20.0  # slow enough to act mid-run
    try:
        notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
        deadline = time.monotonic() + 20
        while wechat_control.stats()["messages_delivered"] < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        wechat_control.invalidate_tokens()
        report = wait_for_notice(client, organiser, notice["id"])
    finally:
        app.config["NOTICE_SEND_RATE"] = 500.0
    stats = wechat_control.stats()
    assert 5 <= stats["messages_delivered"] == 30
    assert report["counts"]["sent"] == 30
    assert stats["errors"].get("40001", 0) >= 1
    assert stats["tokens_issued"]["total"] > issued_before
    assert all(len(inbox(wechat_control, p)) == 1 for p in people)


def test_43101_marks_the_quota_spent_and_skips(client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    known_to_wechat(wechat_control, volunteer)
    make_quota(volunteer, template_id(), remaining=2)  # we think so; WeChat has none
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["skipped"] == 1
    assert report["skipped_reasons"] == {"quota_spent": 1}
    assert report["not_reached"][0]["errcode"] == 43101
    db.session.expire_all()
    assert ledger.remaining(volunteer.id, template_id()) == 0


def test_a_final_refusal_is_reported_with_its_code_and_the_quota_kept(client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    accept(client, wechat_control, volunteer)
    wechat_control.configure(pages=["pages/index/index"])  # the event page is not published yet
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["failed"] == 1
    assert report["failed_codes"] == {"41030": 1}
    assert report["not_reached"][0]["attempts"] == 1  # not retried: WeChat will not change its mind
    db.session.expire_all()
    assert ledger.remaining(volunteer.id, template_id()) == 1


def test_retries_stop_after_the_last_attempt(client, app, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    accept(client, wechat_control, volunteer)
    wechat_control.fault("busy", count=50, path=SEND_PATH)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["failed"] == 1
    assert report["failed_codes"] == {"-1": 1}
    assert report["not_reached"][0]["attempts"] == app.config["NOTICE_MAX_ATTEMPTS"]
    assert inbox(wechat_control, volunteer) == []


def test_a_scheduled_notice_goes_out_when_due_and_a_cancelled_one_never(
        client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    (volunteer,) = volunteers(community, team, 1)
    accept(client, wechat_control, volunteer, times=2)
    send_at = utcnow() + timedelta(hours=20)
    later = send_notice(client, organiser, {"kind": "team", "team_id": team.id}, send_at=send_at.isoformat())
    dropped = send_notice(client, organiser, {"kind": "team", "team_id": team.id}, send_at=send_at.isoformat())
    assert later["status"] == "scheduled" and later["counts"]["total"] == 0
    cancel = client.post(f"/api/v1/notices/{dropped['id']}/cancel", headers=auth_headers(organiser))
    assert cancel.status_code == 200 and cancel.get_json()["status"] == "cancelled"
    again = client.post(f"/api/v1/notices/{dropped['id']}/cancel", headers=auth_headers(organiser))
    assert again.status_code == 409
    assert again.get_json()["error"]["message"] == "通知已经取消过了"

    assert dispatch_due_notices(now=utcnow()) == 0
    assert inbox(wechat_control, volunteer) == []
    assert dispatch_due_notices(now=send_at + timedelta(seconds=1)) == 1
    assert wait_for_notice(client, organiser, later["id"])["counts"]["sent"] == 1
    assert len(inbox(wechat_control, volunteer)) == 1


def test_send_at_more_than_30_days_ahead_is_refused(client, squad):
    community, organiser, team = squad
    volunteers(community, team, 1)
    response = client.post("/api/v1/notices", headers=auth_headers(organiser), json={
        "template_id": template_id(), "values": CALL_VALUES, "audience": {"kind": "team", "team_id": team.id},
        "send_at": (utcnow() + timedelta(days=31)).isoformat()})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "send_at_invalid"


def test_notices_are_visible_to_their_scope_only(client, squad, wechat_control, notice_worker):
    community, organiser, team = squad
    volunteers(community, team, 1)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    colleague = make_organiser(community)
    stranger = make_organiser(make_community("柠檬社区"))
    assert client.get(f"/api/v1/notices/{notice['id']}", headers=auth_headers(colleague)).status_code == 200
    for path in (f"/api/v1/notices/{notice['id']}", f"/api/v1/notices/{notice['id']}/report"):
        assert client.get(path, headers=auth_headers(stranger)).status_code == 404
    assert client.post(f"/api/v1/notices/{notice['id']}/cancel", headers=auth_headers(stranger)).status_code == 404
    assert client.get("/api/v1/notices", headers=auth_headers(stranger)).get_json() == []
    listed = client.get("/api/v1/notices", headers=auth_headers(organiser)).get_json()
    assert [n["id"] for n in listed] == [notice["id"]]
    wait_for_notice(client, organiser, notice["id"])


def test_the_send_rate_is_shared_through_redis(app, ctx):
    app.config["NOTICE_SEND_RATE"] = 10.0
    try:
        waits = [ratelimit.try_acquire() for _ in range(ratelimit.burst_for(10.0) + 1)]
    finally:
        app.config["NOTICE_SEND_RATE"] = 500.0
    assert waits[:-1] == [0] * ratelimit.burst_for(10.0)
    assert 0 < waits[-1] <= 100


def test_the_embedded_demo_delivers_with_no_redis_and_no_separate_worker(app_env, client, squad, wechat_control):
    from app import create_app
    from app.jobs import shutdown

    demo = create_app(env={**app_env, "REDIS_URL": "", "NOTICE_INPROCESS_WORKER": "1"})
    try:
        assert type(demo.extensions["jusha_broker"]).__name__ == "StubBroker"
        assert "jusha_inprocess_worker" not in demo.extensions  # nothing runs until it is needed
        community, organiser, team = squad
        (volunteer,) = volunteers(community, team, 1)
        accept(client, wechat_control, volunteer)
        demo.test_client_class = type(client)
        created = demo.test_client().post("/api/v1/notices", headers=auth_headers(organiser), json={
            "template_id": template_id(), "values": CALL_VALUES, "audience": {"kind": "team", "team_id": team.id}})
        assert created.status_code == 201, created.get_json()
        assert "jusha_inprocess_worker" in demo.extensions
        deadline = time.monotonic() + 20
        while not inbox(wechat_control, volunteer) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(inbox(wechat_control, volunteer)) == 1
    finally:
        shutdown(demo)


def test_a_notice_that_finished_after_it_was_read_is_not_cancelled(client, squad, wechat_control):
    from app.errors import APIError
    from app.models import Notice
    from app.notices import service

    community, organiser, team = squad
    volunteers(community, team, 1)
    send_at = (utcnow() + timedelta(hours=2)).isoformat()
    created = send_notice(client, organiser, {"kind": "team", "team_id": team.id}, send_at=send_at)
    read = db.session.get(Notice, created["id"])
    assert read.status == "scheduled"
    # Meanwhile it went out and the watcher (another process) marked it done.
    with db.engine.begin() as watcher:
        watcher.execute(db.update(Notice).where(Notice.id == read.id).values(status="done"))

    with pytest.raises(APIError) as refused:
        service.cancel_notice(organiser, read)
    assert refused.value.code == "notice_not_cancellable"
    report = client.get(f"/api/v1/notices/{created['id']}", headers=auth_headers(organiser)).get_json()
    assert report["status"] == "done" and report["cancelled_at"] is None
