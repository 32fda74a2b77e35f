"""Escalation by deadline, with a clock the tests control: an open order
past its level's deadline (per category, from config/report_deadlines.json)
climbs grid → community → office and is marked overdue at the office;
each deadline is handled exactly once, even by overlapping runs."""
import json
import threading
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import utcnow
from app.reports import deadlines
from app.reports.deadline_job import escalate_overdue
from app.reports.service import file_report
from tests.reports.conftest import A1, fresh, inside, steps


def filed_at(town, when, category="facilities"):
    latitude, longitude = inside(A1)
    order = file_report(town.reporter, category=category, description="井盖松动", latitude=latitude,
                        longitude=longitude, now=when)
    db.session.commit()
    return order.id


def test_each_level_has_its_hours_then_the_order_climbs(ctx, town):
    t0 = utcnow()
    order_id = filed_at(town, t0)  # facilities: grid 48 h, community 72 h, office 168 h
    assert fresh(order_id).due_at == t0 + timedelta(hours=48)
    assert escalate_overdue(t0 + timedelta(hours=47)) == 0
    assert escalate_overdue(t0 + timedelta(hours=49)) == 1
    order = fresh(order_id)
    assert (order.level, order.status, order.lapsed_due_at) == ("community", "submitted", t0 + timedelta(hours=48))
    assert order.due_at == t0 + timedelta(hours=49 + 72)
    assert escalate_overdue(t0 + timedelta(hours=50)) == 0
    assert escalate_overdue(t0 + timedelta(hours=49 + 73)) == 1
    assert fresh(order_id).level == "office"
    late = t0 + timedelta(hours=49 + 73 + 169)
    assert escalate_overdue(late) == 1  # no level above the office: marked overdue, once
    assert escalate_overdue(late + timedelta(days=3)) == 0
    order = fresh(order_id)
    assert (order.level, order.status, order.lapsed_due_at) == ("office", "submitted", order.due_at)
    actions = [(s.action, s.from_level, s.to_level) for s in steps(order_id)]
    assert actions == [("submit", None, "grid"), ("deadline_escalate", "grid", "community"),
                       ("deadline_escalate", "community", "office"), ("overdue", "office", "office")]
    assert "网格超过办理时限" in steps(order_id)[1].note


def test_a_safety_hazard_has_hours_not_days_and_a_closed_order_waits_for_nobody(ctx, town):
    t0 = utcnow()
    hazard, settled = filed_at(town, t0, "safety"), filed_at(town, t0, "safety")
    order = fresh(settled)
    order.status = "closed"
    db.session.commit()
    assert escalate_overdue(t0 + timedelta(hours=5)) == 1
    assert fresh(hazard).level == "community" and fresh(settled).level == "grid"


def test_overlapping_runs_escalate_each_order_once(app, ctx, town):
    t0 = utcnow() - timedelta(days=3)
    ids = [filed_at(town, t0) for _ in range(4)]
    results, barrier = [], threading.Barrier(4)

    def run():
        with app.app_context():
            barrier.wait()
            try:
                results.append(escalate_overdue(utcnow()))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == len(ids), results
    for order_id in ids:
        assert fresh(order_id).level == "community"
        assert [s.action for s in steps(order_id)].count("deadline_escalate") == 1


def test_the_deadlines_file_is_checked(tmp_path):
    bad = tmp_path / "deadlines.json"
    bad.write_text(json.dumps({"default": {"grid": 24, "community": 48}}), encoding="utf-8")
    with pytest.raises(deadlines.DeadlinesInvalid, match="office"):
        deadlines.load(bad)
    bad.write_text(json.dumps({"default": {"grid": 1, "community": 1, "office": 1},
                               "categories": {"ufo": {"grid": 1, "community": 1, "office": 1}}}), encoding="utf-8")
    with pytest.raises(deadlines.DeadlinesInvalid, match="ufo"):
        deadlines.load(bad)
