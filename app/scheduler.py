"""Periodic jobs: ``python -m app.scheduler`` (``scripts/scheduler``).

One APScheduler ``BlockingScheduler`` runs the registry below on Asia/Shanghai
wall-clock times. Each run first takes a Redis lock named after its job, so two
scheduler processes (a deploy overlapping the old one, a second host) never run
the same job at once: whoever finds the lock taken skips that run. If Redis
cannot be reached the run is skipped as well and the next one tries again;
jobs are idempotent, so a skipped run loses nothing.

    python -m app.scheduler                      run until stopped
    python -m app.scheduler --list               show the jobs and their schedules
    python -m app.scheduler --run-once NAME      run one job now (under its lock) and exit
"""
import argparse
import logging
import signal
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

import redis
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from redis.exceptions import LockError

from app.events.times import SHANGHAI

log = logging.getLogger("jusha.scheduler")
LOCK_PREFIX = "jusha:scheduler:"


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: Callable  # called with the app, inside an app context
    cron: dict = field(default_factory=dict)  # CronTrigger fields, Shanghai time
    # Longer than the job can take: the lock expires by itself if a process dies holding it.
    lock_seconds: int = 600
    run_at_start: bool = False


JOBS = {}


def periodic(name, lock_seconds=600, run_at_start=False, **cron):
    """Register a function as a periodic job."""
    def register(func):
        JOBS[name] = PeriodicJob(name=name, func=func, cron=cron, lock_seconds=lock_seconds,
                                 run_at_start=run_at_start)
        return func

    return register


@periodic("plan_welfare_days", hour=3, minute=10, lock_seconds=900, run_at_start=True)
def plan_welfare_days_job(app):
    """Keep the coming months' welfare days and community activities planned."""
    from app.events.welfare import plan_welfare_days

    summary = plan_welfare_days(months=app.config["WELFARE_PLAN_MONTHS"])
    log.info("welfare days planned: %d created, %d already there, months %s",
             len(summary["created"]), summary["existing"], ", ".join(summary["months"]))
    return summary


@periodic("notices_tick", second="*/15", lock_seconds=60)
def notices_tick_job(app):
    """Scheduled notices that fell due, event reminders, deliveries the queue
    lost, notices that finished (app.notices.dispatch.tick)."""
    from app.notices.dispatch import tick

    summary = tick()
    log.debug("notices tick: %s", summary)
    return summary


def run_job(app, name):
    """Run job ``name`` unless another process is running it. True when it ran."""
    from app.extensions import db, redis_store
    from app.redis_breaker import always_try

    job = JOBS[name]
    with app.app_context():
        try:
            lock = redis_store.lock(LOCK_PREFIX + name, timeout=job.lock_seconds, blocking=False)
            with always_try():  # rare, and a skipped job waits for its next run: not skipped on a guess
                acquired = lock.acquire()
        except redis.RedisError:
            log.warning("job %s skipped: Redis unavailable, cannot make sure it runs only once", name)
            return False
        if not acquired:
            log.info("job %s skipped: another scheduler is running it", name)
            return False
        try:
            job.func(app)
            return True
        finally:
            db.session.remove()
            try:
                lock.release()
            except (LockError, redis.RedisError):
                log.warning("job %s: its lock had expired or Redis went away before release", name)


def build_scheduler(app):
    scheduler = BlockingScheduler(timezone=SHANGHAI)
    for job in JOBS.values():
        extra = {"next_run_time": datetime.now(SHANGHAI)} if job.run_at_start else {}
        scheduler.add_job(run_job, CronTrigger(timezone=SHANGHAI, **job.cron), args=(app, job.name), id=job.name,
                          name=job.name, coalesce=True, max_instances=1, misfire_grace_time=3600, **extra)
    return scheduler


def main(argv=None):
    from app import create_app

    parser = argparse.ArgumentParser(prog="python -m app.scheduler", description="Jusha periodic jobs")
    parser.add_argument("--list", action="store_true", help="show the jobs and exit")
    parser.add_argument("--run-once", metavar="NAME", choices=sorted(JOBS), help="run one job now and exit")
    args = parser.parse_args(argv)
    app = create_app()
    if args.list:
        for job in JOBS.values():
            schedule = " ".join(f"{key}={value}" for key, value in job.cron.items())
            print(f"{job.name}: {schedule} (Asia/Shanghai){' and at start' if job.run_at_start else ''}")
        return 0
    if args.run_once:
        return 0 if run_job(app, args.run_once) else 1
    scheduler = build_scheduler(app)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started with jobs: %s", ", ".join(JOBS))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
