"""Periodic jobs: ``python -m app.scheduler`` (``scripts/scheduler``).

The areas register their periodic jobs in app/jobs.py's registry
(``@periodic``); one APScheduler scheduler runs them on Asia/Shanghai
wall-clock times. Each run first takes a Redis lock named after its job, so
two scheduler processes (a deploy overlapping the old one, a second host, the
worker's fork) never run the same job at once: whoever finds the lock taken
skips that run. If Redis cannot be reached the run is skipped as well and the
next one tries again; jobs are idempotent, so a skipped run loses nothing.
``run_job`` (and ``run_locked`` for a one-off under a job's lock) is the only
way a periodic job runs, from here, the worker, the embedded demo or a command.

    python -m app.scheduler                      run until stopped
    python -m app.scheduler --list               show the jobs and their schedules
    python -m app.scheduler --run-once NAME      run one job now (under its lock) and exit
"""
import argparse
import logging
import signal
import sys
from datetime import datetime

import redis
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from redis.exceptions import LockError

from app.extensions import db, redis_store
from app.jobs import JOBS, PeriodicJob, periodic  # noqa: F401  (the registry, here for callers and tests)
from app.localtime import CHINA_TZ
from app.redis_breaker import always_try

log = logging.getLogger("jusha.scheduler")
LOCK_PREFIX = "jusha:scheduler:"
SKIPPED = object()  # what run_locked returns when another process holds the lock


def run_locked(app, lock_name, func, lock_seconds):
    """``func()`` inside an app context, unless another process holds the lock
    ``lock_name``; returns its result, or SKIPPED."""
    with app.app_context():
        try:
            lock = redis_store.lock(LOCK_PREFIX + lock_name, timeout=lock_seconds, blocking=False)
            with always_try():  # rare, and a skipped job waits for its next run: not skipped on a guess
                acquired = lock.acquire()
        except redis.RedisError:
            log.warning("job %s skipped: Redis unavailable, cannot make sure it runs only once", lock_name)
            return SKIPPED
        if not acquired:
            log.info("job %s skipped: another process is running it", lock_name)
            return SKIPPED
        try:
            return func()
        finally:
            db.session.remove()
            try:
                lock.release()
            except (LockError, redis.RedisError):
                log.warning("job %s: its lock had expired or Redis went away before release", lock_name)


def run_job(app, name, report=None):
    """Run job ``name`` unless another process is running it. True when it
    ran; ``report``, if given, receives what the job returned."""
    job = JOBS[name]
    result = run_locked(app, name, lambda: job.func(app), job.lock_seconds)
    if result is SKIPPED:
        return False
    if report is not None:
        report(result)
    return True


def build_scheduler(app, background=False, jobs=None):
    """A scheduler of ``jobs`` (default: every registered job), blocking (the
    scheduler process) or on a thread of this process."""
    scheduler = (BackgroundScheduler if background else BlockingScheduler)(timezone=CHINA_TZ)
    for job in JOBS.values() if jobs is None else jobs:
        extra = {"next_run_time": datetime.now(CHINA_TZ)} if job.run_at_start else {}
        scheduler.add_job(run_job, CronTrigger(timezone=CHINA_TZ, **job.cron), args=(app, job.name), id=job.name,
                          name=job.name, coalesce=True, max_instances=1, misfire_grace_time=3600, **extra)
    return scheduler


def run_forever(app):
    """Run every periodic job on schedule until SIGTERM or Ctrl-C."""
    scheduler = build_scheduler(app)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started with jobs: %s", ", ".join(JOBS))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


def main(argv=None):
    from app import create_app

    app = create_app()  # the areas register their jobs as the app is made
    parser = argparse.ArgumentParser(prog="python -m app.scheduler", description="Jusha periodic jobs")
    parser.add_argument("--list", action="store_true", help="show the jobs and exit")
    parser.add_argument("--run-once", metavar="NAME", choices=sorted(JOBS), help="run one job now and exit")
    args = parser.parse_args(argv)
    if args.list:
        for job in JOBS.values():
            schedule = " ".join(f"{key}={value}" for key, value in job.cron.items())
            print(f"{job.name}: {schedule} (Asia/Shanghai){' and at start' if job.run_at_start else ''}")
        return 0
    if args.run_once:
        return 0 if run_job(app, args.run_once) else 1
    run_forever(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
