"""Real dramatiq worker processes over Redis and PostgreSQL; one is SIGKILLed
mid-run and another started: every recipient still gets the message exactly once."""
import time
from collections import Counter

import pytest

from app.extensions import db
from app.models import NoticeDelivery
from tests.factories import make_community, make_organiser, make_quota, make_team, make_volunteer
from tests.notices.conftest import known_to_wechat, send_notice, template_id, wait_for_notice
from tests.support.notice_workers import kill, start_worker, stop

RECIPIENTS = 120


@pytest.mark.postgres_only
def test_a_worker_killed_mid_run_loses_and_repeats_nothing(app, app_env, client, ctx, wechat_control, tmp_path):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team("铭和社区党员中队", community=community)
    people = [make_volunteer(team=team, community=community) for _ in range(RECIPIENTS)]
    for person in people:
        known_to_wechat(wechat_control, person)
        wechat_control.subscribe(person.openid, template_id())
        make_quota(person, template_id())
    wechat_control.fault("busy", count=10, path="/cgi-bin/message/subscribe/send")
    # Each send spends 0.3 s inside WeChat, which delivers it even if the
    # caller is gone by then: the kill lands while sends are in flight.
    wechat_control.fault("slow", count=RECIPIENTS * 2, delay=0.3, path="/cgi-bin/message/subscribe/send")

    # Small batches, so that both workers have every thread busy.
    env = {**app_env, "LOG_LEVEL": "WARNING", "NOTICE_BATCH_SIZE": "2"}
    logs = tmp_path / "workers.log"
    workers = [start_worker(env, threads=4, log_path=logs) for _ in range(2)]
    try:
        notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
        deadline = time.monotonic() + 60
        while wechat_control.stats()["messages_delivered"] < RECIPIENTS // 3:
            assert time.monotonic() < deadline, logs.read_text()
            time.sleep(0.05)
        assert kill(workers[0]) == -9
        open_at_kill = db.session.execute(
            db.select(db.func.count()).where(NoticeDelivery.state.in_(("queued", "sending")))).scalar()
        db.session.commit()
        workers.append(start_worker(env, threads=4, log_path=logs))

        report = wait_for_notice(client, organiser, notice["id"], timeout=120)
    finally:
        for worker in workers:
            stop(worker)

    assert open_at_kill > 0  # the kill did land mid-run
    received = Counter(m["openid"] for m in wechat_control.messages(template_id=template_id())["messages"])
    assert {p.openid for p in people} == set(received)  # none lost
    assert set(received.values()) == {1}  # none twice
    assert report["counts"]["sent"] == RECIPIENTS
    # Sends the dead worker had in flight reached WeChat; they were settled, not repeated.
    assert report["confirmed_by_quota"] >= 1
