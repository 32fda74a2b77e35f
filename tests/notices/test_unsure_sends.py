"""Sends whose outcome we do not know, and what each side believes after them.

A dropped connection on subscribeMessage.send leaves the row ``unconfirmed``
and our ledger one acceptance short of WeChat's (we counted the send, WeChat
never saw it). From then on our ledger is no witness: settling a later
timed-out send by it would repeat a message WeChat already delivered.

A send WeChat refused for its access token (40001) delivered nothing, even
when the refresh that follows fails: it is retried, never left unconfirmed.
"""
import time

import pytest
from dramatiq import Retry

from app.extensions import db
from app.models import NoticeDelivery
from app.notices import delivery
from app.notices.dispatch import fan_out_notice
from app.jobs import broker_of, start_inprocess_worker, stop_inprocess_worker
from app.subscriptions import ledger
from app.wechat import wechat
from tests.factories import make_community, make_organiser, make_team, make_volunteer
from tests.notices.conftest import CALL_VALUES, accept, inbox, known_to_wechat, send_notice, template_id, wait_for_notice

SEND_PATH = "/cgi-bin/message/subscribe/send"
TOKEN_PATH = "/cgi-bin/token"
# The client gives up on a send after this long; the emulator's slow answers
# take longer and still deliver, as WeChat does after a read timeout.
SHORT_TIMEOUT = 0.3
SLOW_ANSWER = 1.0


@pytest.fixture()
def team_of(client, ctx, wechat_control):
    community = make_community()
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team(community=community)

    def build(n, acceptances):
        people = [make_volunteer(team=team, community=community) for _ in range(n)]
        for person in people:
            accept(client, wechat_control, person, times=acceptances)
        return people

    build.organiser = organiser
    build.audience = {"kind": "team", "team_id": team.id}
    return build


@pytest.fixture()
def impatient_client(app, ctx, monkeypatch):
    """The app's WeChat client gives up on a call after SHORT_TIMEOUT."""
    monkeypatch.setattr(wechat(), "timeout", SHORT_TIMEOUT)


def notice_with(client, team_of, title):
    values = dict(CALL_VALUES, thing1=title)
    return send_notice(client, team_of.organiser, team_of.audience, values=values)


def only_delivery(notice_id):
    db.session.expire_all()
    return db.session.execute(db.select(NoticeDelivery).filter_by(notice_id=notice_id)).scalar_one()


def deliver_until_settled(delivery_id, tries=5):
    """Run the delivery job as the queue would, again after each Retry."""
    for _ in range(tries):
        try:
            delivery.deliver(delivery_id)
            return
        except Retry:
            continue
    raise AssertionError(f"delivery {delivery_id} still open after {tries} runs")


def wait_until(predicate, what, timeout=15):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.05)


def titles(wechat_control, person):
    return [m["values"]["thing1"] for m in inbox(wechat_control, person)]


def test_after_an_unconfirmed_send_a_timed_out_send_is_not_sent_again(
        client, team_of, wechat_control, impatient_client):
    (person,) = team_of(1, acceptances=2)
    tid = template_id()

    # Notice 1: the connection drops before WeChat reads the request.
    first = notice_with(client, team_of, "第一次通知")
    fan_out_notice(first["id"])
    wechat_control.fault("drop", count=1, path=SEND_PATH)
    deliver_until_settled(only_delivery(first["id"]).id)
    assert (only_delivery(first["id"]).state, only_delivery(first["id"]).reason) == ("unconfirmed", "interrupted")
    # Each side's belief now: we counted the send, WeChat never saw it.
    assert ledger.remaining(person.id, tid) == 1
    assert wechat_control.quotas(person.openid)[tid] == 2

    # Notice 2: WeChat takes longer than our timeout, and delivers anyway.
    second = notice_with(client, team_of, "第二次通知")
    fan_out_notice(second["id"])
    wechat_control.fault("slow", count=1, path=SEND_PATH, delay=SLOW_ANSWER)
    row_id = only_delivery(second["id"]).id
    with pytest.raises(Retry):
        delivery.deliver(row_id)  # read timeout: did WeChat get it?
    assert only_delivery(second["id"]).state == "sending"
    wait_until(lambda: titles(wechat_control, person) == ["第二次通知"], "the slow send to arrive")
    # Our ledger says the last acceptance is used; WeChat still holds one.
    assert ledger.remaining(person.id, tid) == 0
    assert wechat_control.quotas(person.openid)[tid] == 1

    deliver_until_settled(row_id)
    settled = only_delivery(second["id"])
    assert (settled.state, settled.reason) == ("unconfirmed", "interrupted")
    assert titles(wechat_control, person) == ["第二次通知"]
    assert wechat_control.quotas(person.openid)[tid] == 1


def test_with_a_consistent_ledger_a_timed_out_send_is_still_settled_by_wechats_quota(
        client, team_of, wechat_control, impatient_client):
    """No unconfirmed send before: the ledger is a witness, and the slow send is confirmed."""
    (person,) = team_of(1, acceptances=1)
    first = notice_with(client, team_of, "只收一次")
    fan_out_notice(first["id"])
    wechat_control.fault("slow", count=1, path=SEND_PATH, delay=SLOW_ANSWER)
    row_id = only_delivery(first["id"]).id
    with pytest.raises(Retry):
        delivery.deliver(row_id)
    wait_until(lambda: titles(wechat_control, person) == ["只收一次"], "the slow send to arrive")
    deliver_until_settled(row_id)
    settled = only_delivery(first["id"])
    assert (settled.state, settled.reason) == ("sent", "confirmed_by_quota")
    assert titles(wechat_control, person) == ["只收一次"]


def test_twenty_volunteers_after_dropped_then_slow_sends_get_notice_two_once(
        client, team_of, wechat_control, impatient_client, notice_worker):
    """The incident: drops on notice 1, then sends slower than the timeout on notice 2."""
    people = team_of(20, acceptances=2)
    wechat_control.fault("drop", count=20, path=SEND_PATH)
    first = notice_with(client, team_of, "第一次通知")
    report = wait_for_notice(client, team_of.organiser, first["id"])
    assert report["counts"]["unconfirmed"] == 20

    wechat_control.fault("slow", count=20, path=SEND_PATH, delay=SLOW_ANSWER)
    second = notice_with(client, team_of, "第二次通知")
    report = wait_for_notice(client, team_of.organiser, second["id"])
    wait_until(lambda: wechat_control.stats()["faults_fired"].get("slow") == 20
               and wechat_control.stats()["messages_delivered"] >= 20, "every slow send to arrive")
    time.sleep(SLOW_ANSWER)  # a send made after the slow ones would have landed by now
    assert {p.id: titles(wechat_control, p) for p in people} == {p.id: ["第二次通知"] for p in people}
    assert report["counts"]["unconfirmed"] == 20


def test_a_send_refused_for_its_token_is_retried_when_the_refresh_drops(client, team_of, wechat_control):
    (person,) = team_of(1, acceptances=2)
    tid = template_id()
    notice = notice_with(client, team_of, "令牌失效")
    fan_out_notice(notice["id"])
    assert wechat().access_token  # the workers hold a token...
    wechat_control.invalidate_tokens()  # ...which WeChat now refuses (40001)
    wechat_control.fault("drop", count=1, path=TOKEN_PATH)  # and the one refresh is cut off

    row_id = only_delivery(notice["id"]).id
    with pytest.raises(Retry):
        delivery.deliver(row_id)
    row = only_delivery(notice["id"])
    assert (row.state, row.errcode, row.attempts) == ("queued", 40001, 1)  # refused: known not delivered
    assert row.next_attempt_at is not None  # after the queue's backoff
    assert ledger.remaining(person.id, tid) == 2  # the acceptance was given back
    assert wechat_control.stats()["faults_fired"] == {"drop": 1}

    deliver_until_settled(row_id)
    row = only_delivery(notice["id"])
    assert (row.state, row.attempts) == ("sent", 2)
    assert titles(wechat_control, person) == ["令牌失效"]
    assert ledger.remaining(person.id, tid) == 1 and wechat_control.quotas(person.openid)[tid] == 1


def test_twenty_volunteers_get_the_notice_when_token_refreshes_drop(app, client, team_of, wechat_control):
    """The incident: 40001 on the send, then dropped connections on the refresh."""
    people = team_of(20, acceptances=2)
    broker_of(app).flush_all()
    notice = notice_with(client, team_of, "令牌失效")  # queued; no worker runs yet
    wechat_control.invalidate_tokens()
    wechat_control.fault("drop", count=4, path=TOKEN_PATH)
    worker = start_inprocess_worker(app, threads=4)
    try:
        report = wait_for_notice(client, team_of.organiser, notice["id"])
    finally:
        stop_inprocess_worker(app, worker)
        broker_of(app).flush_all()
    assert wechat_control.stats()["faults_fired"] == {"drop": 4}
    assert report["counts"]["sent"] == 20 and report["counts"]["unconfirmed"] == 0
    assert all(titles(wechat_control, p) == ["令牌失效"] for p in people)
