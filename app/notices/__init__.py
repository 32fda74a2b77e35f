"""Notices: organisers compose, a Dramatiq queue delivers them as WeChat
subscription messages, at most once per person, within one global rate.

See docs/notices.md for the delivery design and its trade-offs."""
import atexit
import logging
import threading

log = logging.getLogger(__name__)
_start_lock = threading.Lock()


def init_app(app):
    from app import signals
    from app.notices import tasks  # noqa: F401  (declares the actors)
    from app.notices.automatic import announce_hours_credited
    from app.notices.queue import jobs

    jobs.init_app(app)
    signals.hours_approved.connect(announce_hours_credited, sender=app)
    if app.config["NOTICE_INPROCESS_WORKER"]:
        # Started with the first request or the first job, so that shell
        # commands (flask db upgrade ...) do not start background threads.
        app.before_request(lambda: ensure_background(app))


def ensure_background(app):
    """Embedded mode: the in-process worker and the periodic ticker, once per app."""
    if not app.config["NOTICE_INPROCESS_WORKER"] or "jusha_inprocess_worker" in app.extensions:
        return
    from app.notices.queue import start_inprocess_worker

    with _start_lock:
        if "jusha_inprocess_worker" in app.extensions:
            return
        app.extensions["jusha_inprocess_worker"] = start_inprocess_worker(app)
        app.extensions["jusha_ticker"] = Ticker(app, every=15.0)
        app.extensions["jusha_ticker"].start()
        atexit.register(shutdown, app)


def shutdown(app):
    """Stop the in-process worker and ticker (embedded mode), if running."""
    from app.notices.queue import stop_inprocess_worker

    ticker = app.extensions.pop("jusha_ticker", None)
    if ticker is not None:
        ticker.stop()
    worker = app.extensions.pop("jusha_inprocess_worker", None)
    if worker is not None:
        stop_inprocess_worker(app, worker, timeout_ms=5000)


class Ticker:
    """Runs the periodic pass (due notices, reminders, sweeps) on a thread."""

    def __init__(self, app, every):
        self.app = app
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="notices-ticker", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()

    def _run(self):
        from app.extensions import db
        from app.notices.dispatch import tick

        while not self._stop.wait(self.every):
            with self.app.app_context():
                try:
                    tick()
                except Exception:  # a failed pass is retried on the next one
                    log.exception("notices tick failed")
                finally:
                    db.session.remove()
