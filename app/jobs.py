"""Background work for every area: the job queue (Dramatiq and its Redis
broker) and the registry of periodic jobs, set up in ``create_app``.

An area declares a queued job with ``@actor("area.name", **options)`` and
queues it with ``job.send(*args, delay=ms)``; it declares a periodic job with
``@periodic("name", **cron)``. app/scheduler.py runs the periodic jobs, each
under its Redis lock, and that locked runner is the only way any of them runs
(the scheduler process, the worker's fork, the embedded demo's thread and the
``flask jusha`` commands alike).

Why Dramatiq: its Redis broker acknowledges a message only after the actor
returned (the message sits in the worker's ack set until then) and puts the
unacknowledged messages of a worker whose heartbeat stopped back on the
queue, so a SIGKILLed worker loses nothing; retries with backoff (and a
``Retry(delay=...)`` the actor controls) are built in; workers are plain
processes (``dramatiq app.worker:broker``). Celery acknowledges early by
default and its Redis transport redelivers only after a visibility timeout of
an hour; RQ has no redelivery of a killed worker's job at all.

Requeue timing, from dramatiq 2.x's Redis broker: every broker command
records the worker's heartbeat; on ``maintenance_chance`` per million
commands the broker also moves the unacknowledged messages of workers silent
for ``heartbeat_timeout`` ms back to their queue. Dramatiq's defaults (60 s,
0.1%) can leave a dead worker's jobs stranded for minutes on a quiet queue;
QUEUE_HEARTBEAT_TIMEOUT_MS and QUEUE_MAINTENANCE_CHANCE tune both. A live
worker mistaken for dead costs nothing but a duplicate job, so every job must
be safe to run twice (notices: the delivery row's claim, app/notices/delivery.py).

Without REDIS_URL (the embedded demo) the broker is Dramatiq's in-memory
StubBroker, and a worker and the periodic jobs marked ``embedded`` run on
threads inside the web process, started with its first request or job.
"""
import atexit
import logging
import threading
from dataclasses import dataclass, field
from typing import Callable

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Middleware
from flask import current_app

from app.extensions import db

log = logging.getLogger(__name__)

# Every actor's queue. Named after notices, its first users, because running
# workers (scripts/worker --queues notices) and queued messages know it so.
QUEUE_NAME = "notices"
# Dead-lettered messages are kept for a day for inspection; the notices
# sweeper (app/notices/dispatch.py) re-queues the work they carried from the database.
DEAD_MESSAGE_TTL_MS = 24 * 3600 * 1000
_start_lock = threading.Lock()


# -- periodic jobs -------------------------------------------------------------

@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: Callable  # called with the app, inside an app context
    cron: dict = field(default_factory=dict)  # CronTrigger fields, Shanghai time
    # Longer than the job can take: the lock expires by itself if a process dies holding it.
    lock_seconds: int = 600
    run_at_start: bool = False
    # Also run on a thread of the web process in embedded mode, where no scheduler process runs.
    embedded: bool = False


JOBS = {}


def periodic(name, lock_seconds=600, run_at_start=False, embedded=False, **cron):
    """Register a function of the app as a periodic job (run by app/scheduler.py)."""
    def register(func):
        JOBS[name] = PeriodicJob(name=name, func=func, cron=cron, lock_seconds=lock_seconds,
                                 run_at_start=run_at_start, embedded=embedded)
        return func

    return register


# -- the queue -----------------------------------------------------------------

class AppContext(Middleware):
    """Runs every job inside an app context with its own database session."""

    def __init__(self, app):
        self.app = app
        self._local = threading.local()

    def before_process_message(self, broker, message):
        ctx = self.app.app_context()
        ctx.push()
        self._local.ctx = ctx

    def after_process_message(self, broker, message, *, result=None, exception=None):
        ctx = getattr(self._local, "ctx", None)
        if ctx is None:
            return
        self._local.ctx = None
        try:
            db.session.remove()
        finally:
            ctx.pop()

    after_skip_message = after_process_message


def build_broker(app):
    config = app.config
    if config["REDIS_URL"]:
        client = redis.Redis.from_url(
            config["REDIS_URL"], socket_timeout=10, socket_connect_timeout=5, health_check_interval=30,
        )
        broker = RedisBroker(
            client=client,
            namespace=config["QUEUE_NAMESPACE"],
            heartbeat_timeout=config["QUEUE_HEARTBEAT_TIMEOUT_MS"],
            maintenance_chance=config["QUEUE_MAINTENANCE_CHANCE"],
            dead_message_ttl=DEAD_MESSAGE_TTL_MS,
        )
    else:
        broker = StubBroker()
        broker.emit_after("process_boot")
    broker.add_middleware(AppContext(app))
    return broker


class Job:
    """An actor declared once and bound to each app's broker by name."""

    def __init__(self, name, fn):
        self.name = name
        self.fn = fn

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def send(self, *args, delay=None):
        app = current_app._get_current_object()
        ensure_background(app)
        return broker_of(app).get_actor(self.name).send_with_options(args=args, delay=delay)


_ACTORS = {}


def actor(name, **options):
    """Declare a queued job (Dramatiq actor options: max_retries, time_limit, ...)."""
    def declare(fn):
        _ACTORS[name] = (fn, options)
        return Job(name, fn)

    return declare


def init_app(app):
    """Bind every declared actor to this app's broker; call it after the areas
    have declared theirs. In embedded mode the background threads start with
    the first request (or job), so shell commands (flask db upgrade ...) start none."""
    broker = build_broker(app)
    for name, (fn, options) in _ACTORS.items():
        dramatiq.Actor(fn, broker=broker, actor_name=name, queue_name=QUEUE_NAME, priority=0,
                       options=dict(options))
    broker.declare_queue(QUEUE_NAME)
    app.extensions["jusha_broker"] = broker
    if app.config["NOTICE_INPROCESS_WORKER"]:
        app.before_request(lambda: ensure_background(app))
    return broker


def broker_of(app):
    return app.extensions["jusha_broker"]


def queue_depths(app):
    """{(queue, state): messages} for /metrics (app.metrics.QueueDepthCollector):
    waiting, delayed (retries and later sends) and dead, per declared queue.
    Read through the app's own Redis client (the breaker, a 0.5 s timeout),
    not the broker's, so a scrape never waits on a hung Redis for long."""
    from dramatiq.common import dq_name, xq_name

    broker = broker_of(app)
    queues = sorted(q for q in broker.get_declared_queues() if not q.endswith(".DQ"))
    if isinstance(broker, StubBroker):  # embedded mode: the queue is in this process
        return {key: count for q in queues for key, count in (
            ((q, "waiting"), broker.queues[q].qsize()), ((q, "delayed"), broker.queues[dq_name(q)].qsize()),
            ((q, "dead"), len(broker.dead_letters_by_queue[q])))}
    # dramatiq's Redis layout (brokers/redis/dispatch.lua): $ns:$queue is a list
    # of ready message ids; the dead-letter queue $ns:$queue.XQ a sorted set.
    namespace = broker.namespace
    with app.extensions["jusha_redis"].pipeline(transaction=False) as pipe:
        for q in queues:
            pipe.llen(f"{namespace}:{q}")
            pipe.llen(f"{namespace}:{dq_name(q)}")
            pipe.zcard(f"{namespace}:{xq_name(q)}")
        counts = pipe.execute()
    return {(q, state): counts[3 * i + k]
            for i, q in enumerate(queues) for k, state in enumerate(("waiting", "delayed", "dead"))}


def start_inprocess_worker(app, threads=None):
    """A Dramatiq worker on threads of this process (the embedded demo, tests)."""
    worker = dramatiq.Worker(broker_of(app), worker_threads=threads or app.config["NOTICE_INPROCESS_THREADS"],
                             worker_timeout=100)
    worker.start()
    return worker


def stop_inprocess_worker(app, worker, timeout_ms=10000):
    """Stop ``worker`` and unhook it from the broker, so a later worker on the
    same broker (the next test) does not find it there."""
    worker.stop(timeout=timeout_ms)
    broker = broker_of(app)
    broker.middleware[:] = [m for m in broker.middleware if getattr(m, "worker", None) is not worker]


# -- embedded mode: everything inside the web process ------------------------------

def ensure_background(app):
    """Embedded mode: the in-process worker and periodic jobs, once per app."""
    if not app.config["NOTICE_INPROCESS_WORKER"] or "jusha_inprocess_worker" in app.extensions:
        return
    # Imported here: the scheduler imports this module's registry.
    from app.scheduler import build_scheduler

    with _start_lock:
        if "jusha_inprocess_worker" in app.extensions:
            return
        app.extensions["jusha_inprocess_worker"] = start_inprocess_worker(app)
        periodic_jobs = build_scheduler(app, background=True, jobs=[j for j in JOBS.values() if j.embedded])
        periodic_jobs.start()
        app.extensions["jusha_periodic_jobs"] = periodic_jobs
        atexit.register(shutdown, app)


def shutdown(app):
    """Stop the in-process worker and periodic jobs (embedded mode), if running."""
    periodic_jobs = app.extensions.pop("jusha_periodic_jobs", None)
    if periodic_jobs is not None:
        periodic_jobs.shutdown(wait=False)
    worker = app.extensions.pop("jusha_inprocess_worker", None)
    if worker is not None:
        stop_inprocess_worker(app, worker, timeout_ms=5000)
