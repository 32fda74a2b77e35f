"""Platform services: the job queue and periodic jobs (app/jobs.py) and the
``flask jusha`` commands the areas add; every periodic job runs only under
its lock (app/scheduler.py), whoever starts it."""
from app import scheduler
from app.cli import jusha
from app.extensions import redis_store
from app.jobs import JOBS

OPERATOR_COMMANDS = {"create-admin", "grant-organiser", "seed-demo", "wait-for", "demo-codes", "export-hours",
                     "plan-welfare-days", "dispatch-due-notices", "notices-tick", "import-units",
                     "import-grids", "import-questions", "households-remind", "households-coverage",
                     "backup", "restore", "seed-scale", "explain-hot-queries", "check-hours-totals"}


def test_the_areas_add_every_operator_command_under_its_old_name(app):
    assert set(jusha.commands) == OPERATOR_COMMANDS
    assert app.cli.commands["jusha"] is jusha


# The periodic jobs the embedded demo runs on a thread of the web process.
EMBEDDED = {"notices_tick", "service_records", "needs_remind_overdue", "needs_close_unrated",
            "whistles_call_catch_up", "patrols_close_stale", "reports_escalate_overdue", "quiz_finish_expired",
            "households_remind_uncontacted", "exports_expire_files"}


def test_the_areas_register_their_periodic_and_queued_jobs(app):
    assert {"plan_welfare_days", "notices_tick", "service_records", "needs_remind_overdue",
            "needs_close_unrated", "whistles_call_catch_up"} <= set(JOBS)
    assert {name for name, job in JOBS.items() if job.embedded} == EMBEDDED
    assert {"notices.fan_out", "notices.deliver", "notices.deliver_batch", "notices.watch",
            "whistles.notify_units", "exports.run"} <= set(
        app.extensions["jusha_broker"].actors)


def held(name):
    lock = redis_store.lock(scheduler.LOCK_PREFIX + name, timeout=60)
    assert lock.acquire(blocking=False)
    return lock


def test_the_notices_pass_by_hand_waits_for_the_schedulers(app, ctx):
    runner = app.test_cli_runner()
    lock = held("notices_tick")
    try:
        assert "skipped" in runner.invoke(args=["jusha", "notices-tick"]).output
        blocked = runner.invoke(args=["jusha", "dispatch-due-notices"])
        assert blocked.exit_code != 0 and "another process" in blocked.output
    finally:
        lock.release()
    ran = runner.invoke(args=["jusha", "notices-tick"])
    assert ran.exit_code == 0 and "due_notices" in ran.output
    assert runner.invoke(args=["jusha", "dispatch-due-notices"]).output.strip() == "queued 0 notice(s)"


def test_planning_by_hand_waits_for_the_schedulers(app, ctx):
    lock = held("plan_welfare_days")
    try:
        blocked = app.test_cli_runner().invoke(args=["jusha", "plan-welfare-days", "--months", "1"])
        assert blocked.exit_code != 0 and "another process" in blocked.output
    finally:
        lock.release()


def test_the_embedded_app_runs_only_its_embedded_jobs_through_the_locked_runner(app_env):
    from app import create_app
    from app.jobs import ensure_background, shutdown

    demo = create_app(env={**app_env, "REDIS_URL": "", "NOTICE_INPROCESS_WORKER": "1"})
    try:
        ensure_background(demo)
        periodic_jobs = demo.extensions["jusha_periodic_jobs"]
        entries = periodic_jobs.get_jobs()
        assert {entry.id for entry in entries} == EMBEDDED
        assert all(entry.func is scheduler.run_job and entry.args == (demo, entry.id) for entry in entries)
    finally:
        shutdown(demo)
    assert "jusha_periodic_jobs" not in demo.extensions
