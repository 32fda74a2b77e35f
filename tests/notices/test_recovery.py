"""A send interrupted by a crash, a redelivered job, racing copies of one job:
never a second message, and a lost one only where WeChat cannot tell us."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from dramatiq import Retry

from app.extensions import db
from app.models import NoticeDelivery, utcnow
from app.notices import delivery
from app.notices.dispatch import fan_out_notice, tick
from app.jobs import broker_of, start_inprocess_worker, stop_inprocess_worker
from app.subscriptions import ledger
from tests.factories import make_community, make_organiser, make_team, make_volunteer
from tests.notices.conftest import accept, inbox, known_to_wechat, send_notice, template_id, wait_for_notice


class WorkerDied(BaseException):
    """Stands for SIGKILL at a chosen line: nothing after it runs."""


@pytest.fixture()
def one_recipient(client, ctx, wechat_control):
    """A notice to one volunteer, fanned out, its delivery job not yet run."""
    community = make_community()
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team(community=community)
    volunteer = make_volunteer(team=team, community=community)

    def prepare(acceptances=1):
        accept(client, wechat_control, volunteer, times=acceptances)
        notice = send_notice(client, organiser, prepare.audience)
        fan_out_notice(notice["id"])
        delivery_id = db.session.execute(db.select(NoticeDelivery.id)).scalar_one()
        return notice, delivery_id

    prepare.audience = {"kind": "team", "team_id": team.id}
    return organiser, volunteer, prepare


def row(delivery_id):
    db.session.expire_all()
    return db.session.get(NoticeDelivery, delivery_id)


def lease_runs_out(delivery_id):
    db.session.execute(db.update(NoticeDelivery).where(NoticeDelivery.id == delivery_id)
                       .values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def crash_after_wechat_accepted(monkeypatch):
    def die(*args, **kwargs):
        raise WorkerDied()

    monkeypatch.setattr(delivery, "_record", die)


def test_killed_after_wechat_accepted_is_settled_as_sent_without_a_second_message(
        one_recipient, wechat_control, monkeypatch, client):
    organiser, volunteer, prepare = one_recipient
    notice, delivery_id = prepare(acceptances=1)
    with monkeypatch.context() as patch:
        crash_after_wechat_accepted(patch)
        with pytest.raises(WorkerDied):
            delivery.deliver(delivery_id)
    assert row(delivery_id).state == "sending"
    assert len(inbox(wechat_control, volunteer)) == 1

    with pytest.raises(Retry):  # the job comes back while the lease still holds: wait
        delivery.deliver(delivery_id)
    lease_runs_out(delivery_id)
    delivery.deliver(delivery_id)  # the broker redelivers the dead worker's job
    settled = row(delivery_id)
    assert (settled.state, settled.reason) == ("sent", "confirmed_by_quota")
    assert len(inbox(wechat_control, volunteer)) == 1
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["sent"] == 1 and report["confirmed_by_quota"] == 1


def test_killed_before_the_call_left_is_sent_on_redelivery(one_recipient, wechat_control, monkeypatch):
    _, volunteer, prepare = one_recipient
    _, delivery_id = prepare(acceptances=1)

    def die(*args, **kwargs):
        raise WorkerDied()

    with monkeypatch.context() as patch:
        patch.setattr(delivery, "_call", die)
        with pytest.raises(WorkerDied):
            delivery.deliver(delivery_id)
    assert inbox(wechat_control, volunteer) == []
    lease_runs_out(delivery_id)
    delivery.deliver(delivery_id)
    assert (row(delivery_id).state, row(delivery_id).reason) == ("sent", None)
    assert len(inbox(wechat_control, volunteer)) == 1


def test_with_acceptances_left_an_interrupted_send_is_unconfirmed_not_repeated(
        one_recipient, wechat_control, monkeypatch, client):
    organiser, volunteer, prepare = one_recipient
    notice, delivery_id = prepare(acceptances=2)
    with monkeypatch.context() as patch:
        crash_after_wechat_accepted(patch)
        with pytest.raises(WorkerDied):
            delivery.deliver(delivery_id)
    lease_runs_out(delivery_id)
    delivery.deliver(delivery_id)
    assert (row(delivery_id).state, row(delivery_id).reason) == ("unconfirmed", "interrupted")
    assert len(inbox(wechat_control, volunteer)) == 1
    assert ledger.remaining(volunteer.id, template_id()) == 1
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["unconfirmed"] == 1
    assert report["failed_codes"] == {"interrupted": 1}


def test_a_dropped_connection_is_settled_and_the_message_arrives_once(
        one_recipient, wechat_control, notice_worker, client):
    organiser, volunteer, prepare = one_recipient
    wechat_control.fault("drop", count=1, path="/cgi-bin/message/subscribe/send")
    notice, _ = prepare(acceptances=1)
    report = wait_for_notice(client, organiser, notice["id"])
    assert report["counts"]["sent"] == 1
    assert wechat_control.stats()["faults_fired"] == {"drop": 1}
    assert len(inbox(wechat_control, volunteer)) == 1


def test_copies_of_one_job_racing_send_one_message(app, one_recipient, wechat_control):
    _, volunteer, prepare = one_recipient
    _, delivery_id = prepare(acceptances=3)

    def run():
        with app.app_context():
            try:
                delivery.deliver(delivery_id)
                return "ran"
            except Retry:
                return "waits"
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _: run(), range(8)))
    assert row(delivery_id).state == "sent"
    assert len(inbox(wechat_control, volunteer)) == 1
    assert ledger.remaining(volunteer.id, template_id()) == 2
    delivery.deliver(delivery_id)  # and once more, long after
    assert len(inbox(wechat_control, volunteer)) == 1
    assert row(delivery_id).attempts == 1
    assert "ran" in outcomes


@pytest.mark.parametrize("lost", ["fan_out", "deliveries"])
def test_jobs_the_broker_lost_are_found_by_the_periodic_pass(app, one_recipient, wechat_control, client, lost):
    organiser, volunteer, prepare = one_recipient
    accept(client, wechat_control, volunteer)
    notice = send_notice(client, organiser, prepare.audience)
    if lost == "deliveries":
        fan_out_notice(notice["id"])
    broker_of(app).flush_all()  # Redis lost its data, or the jobs were dead-lettered

    assert tick()["swept"] == {"notices": 0, "deliveries": 0}  # not stale yet: their jobs may be coming
    swept = tick(now=utcnow() + timedelta(minutes=5))["swept"]
    assert swept == ({"notices": 1, "deliveries": 0} if lost == "fan_out" else {"notices": 0, "deliveries": 1})
    worker = start_inprocess_worker(app, threads=2)
    try:
        assert wait_for_notice(client, organiser, notice["id"])["counts"]["sent"] == 1
    finally:
        stop_inprocess_worker(app, worker)
    assert len(inbox(wechat_control, volunteer)) == 1
