"""The job queue: Dramatiq, with its Redis broker, bound to each Flask app.

Why Dramatiq: its Redis broker acknowledges a message only after the actor
returned (the message sits in the worker's ack set until then) and puts the
unacknowledged messages of a worker whose heartbeat stopped back on the
queue, so a SIGKILLed worker loses nothing; retries with backoff (and a
``Retry(delay=...)`` the actor controls) are built in; workers are plain
processes (``dramatiq app.notices.worker:broker``). Celery acknowledges
early by default and its Redis transport redelivers only after a visibility
timeout of an hour; RQ has no redelivery of a killed worker's job at all.

Requeue timing, from dramatiq 2.x's Redis broker: every broker command
records the worker's heartbeat; on ``maintenance_chance`` per million
commands the broker also moves the unacknowledged messages of workers silent
for ``heartbeat_timeout`` ms back to their queue. Dramatiq's defaults (60 s,
0.1%) can leave a dead worker's jobs stranded for minutes on a quiet queue;
QUEUE_HEARTBEAT_TIMEOUT_MS and QUEUE_MAINTENANCE_CHANCE tune both. A live
worker mistaken for dead costs nothing but a duplicate job: the delivery
row's claim (app/notices/delivery.py) makes the duplicate a no-op.

Without REDIS_URL (the embedded demo) the broker is Dramatiq's in-memory
StubBroker and a worker runs on threads inside the web process.
"""
import logging
import threading

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Middleware
from flask import current_app

from app.extensions import db

log = logging.getLogger(__name__)

QUEUE_NAME = "notices"
# Dead-lettered messages are kept for a day for inspection; the sweeper
# (app/notices/dispatch.py) re-queues the work they carried from the database.
DEAD_MESSAGE_TTL_MS = 24 * 3600 * 1000


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
        from app.notices import ensure_background

        app = current_app._get_current_object()
        ensure_background(app)
        return broker_of(app).get_actor(self.name).send_with_options(args=args, delay=delay)


class JobQueue:
    def __init__(self):
        self._definitions = {}

    def actor(self, name, **options):
        def decorate(fn):
            self._definitions[name] = (fn, options)
            return Job(name, fn)

        return decorate

    def init_app(self, app):
        broker = build_broker(app)
        for name, (fn, options) in self._definitions.items():
            dramatiq.Actor(fn, broker=broker, actor_name=name, queue_name=QUEUE_NAME, priority=0,
                           options=dict(options))
        broker.declare_queue(QUEUE_NAME)
        app.extensions["jusha_broker"] = broker
        return broker


jobs = JobQueue()


def broker_of(app):
    return app.extensions["jusha_broker"]


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
