"""The scheduler: a registry of periodic jobs, each run under a Redis lock so
two scheduler processes never run the same job at once."""
import json
import os
import subprocess
import sys
import threading
import time

import pytest
import redis

from app import scheduler
from app.extensions import db, redis_store
from app.localtime import CHINA_TZ
from app.models import Event
from tests.factories import make_community


def planned_keys():
    db.session.expire_all()
    return sorted(db.session.execute(db.select(Event.plan_key)).scalars())


def test_the_welfare_planner_is_scheduled_daily_in_shanghai_time(app):
    job = scheduler.JOBS["plan_welfare_days"]
    assert job.cron == {"hour": 3, "minute": 10} and job.run_at_start
    built = scheduler.build_scheduler(app)
    (entry,) = [j for j in built.get_jobs() if j.id == "plan_welfare_days"]
    assert str(entry.trigger.timezone) == str(CHINA_TZ) and entry.args == (app, "plan_welfare_days")
    assert entry.coalesce and entry.max_instances == 1


def test_a_run_plans_the_coming_months(app, ctx):
    make_community()
    assert scheduler.run_job(app, "plan_welfare_days") is True
    keys = planned_keys()
    months = {key.split(":")[1] for key in keys}
    # This month (unless its welfare day is over) and the next ones, one activity per community.
    assert app.config["WELFARE_PLAN_MONTHS"] - 1 <= len(months) <= app.config["WELFARE_PLAN_MONTHS"]
    assert len(keys) == 2 * len(months)
    assert redis_store.get(scheduler.LOCK_PREFIX + "plan_welfare_days") is None  # released


def test_a_run_is_skipped_while_another_process_holds_the_lock(app, ctx):
    make_community()
    held = redis_store.lock(scheduler.LOCK_PREFIX + "plan_welfare_days", timeout=60)
    assert held.acquire(blocking=False)
    try:
        assert scheduler.run_job(app, "plan_welfare_days") is False
        assert planned_keys() == []
    finally:
        held.release()
    assert scheduler.run_job(app, "plan_welfare_days") is True


def test_two_schedulers_starting_a_job_at_once_run_it_once(app, monkeypatch):
    runs, started, finish = [], threading.Event(), threading.Event()

    def slow_job(app):
        runs.append(threading.get_ident())
        started.set()
        finish.wait(10)

    monkeypatch.setitem(scheduler.JOBS, "slow", scheduler.PeriodicJob(name="slow", func=slow_job, lock_seconds=30))
    results = []
    first = threading.Thread(target=lambda: results.append(scheduler.run_job(app, "slow")))
    first.start()
    assert started.wait(10)
    results.append(scheduler.run_job(app, "slow"))  # the second scheduler, while the first still runs
    finish.set()
    first.join(10)
    assert sorted(results) == [False, True] and len(runs) == 1


def test_without_redis_the_run_is_skipped_not_doubled(app, ctx, monkeypatch):
    class UnreachableLock:
        def acquire(self, *args, **kwargs):
            raise redis.ConnectionError("Connection refused")

    class UnreachableRedis:
        def lock(self, *args, **kwargs):
            return UnreachableLock()

    monkeypatch.setitem(app.extensions, "jusha_redis", UnreachableRedis())
    assert scheduler.run_job(app, "plan_welfare_days") is False
    assert planned_keys() == []


def test_a_failing_job_releases_its_lock(app, monkeypatch):
    def broken(app):
        raise RuntimeError("boom")

    monkeypatch.setitem(scheduler.JOBS, "broken", scheduler.PeriodicJob(name="broken", func=broken))
    with pytest.raises(RuntimeError):
        scheduler.run_job(app, "broken")
    with app.app_context():
        assert redis_store.get(scheduler.LOCK_PREFIX + "broken") is None


def test_run_once_from_the_command_line(app_env, ctx):
    make_community()
    env = {**os.environ, **app_env}
    result = subprocess.run([sys.executable, "-m", "app.scheduler", "--run-once", "plan_welfare_days"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert planned_keys()


PLANNER = """
import json, sys, time
from app import create_app
from app.events.welfare import plan_welfare_days
app = create_app()
with app.app_context():
    time.sleep(max(0, float(sys.argv[1]) - time.time()))
    print(json.dumps(plan_welfare_days("2031-01", 6)))
"""


@pytest.mark.postgres_only
def test_two_planner_processes_at_once_create_each_row_once(app_env, ctx):
    for _ in range(4):
        make_community()
    env = {**os.environ, **app_env}
    start_at = str(time.time() + 3)
    procs = [subprocess.Popen([sys.executable, "-c", PLANNER, start_at], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    summaries = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        summaries.append(json.loads(out.strip().splitlines()[-1]))
    keys = planned_keys()
    assert len(keys) == len(set(keys)) == 6 * 5
    assert sum(len(s["created"]) for s in summaries) == 30 and sum(s["existing"] for s in summaries) == 30
