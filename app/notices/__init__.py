"""Notices: organisers compose, a Dramatiq queue delivers them as WeChat
subscription messages, at most once per person, within one global rate.

See docs/notices.md for the delivery design and its trade-offs."""
import atexit
import logging
import threading

log = logging.getLogger(__name__)


def init_app(app):
    from app.notices import tasks  # noqa: F401  (declares the actors)
    from app.notices.queue import jobs, start_inprocess_worker

    jobs.init_app(app)
    if app.config["NOTICE_INPROCESS_WORKER"]:
        worker = start_inprocess_worker(app)
        app.extensions["jusha_inprocess_worker"] = worker
        ticker = Ticker(app, every=15.0)
        ticker.start()
        atexit.register(ticker.stop)
        atexit.register(worker.stop, timeout=5000)


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
