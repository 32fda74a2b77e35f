"""Run the same work in several threads at once, each with its own app
context and database session, as concurrent requests would."""
import threading
from concurrent.futures import ThreadPoolExecutor

from app.extensions import db


def race(app, work, count):
    """Call ``work(i)`` for i in range(count) in ``count`` threads released
    together; returns the results (or raised exceptions) in order."""
    barrier = threading.Barrier(count)

    def run(i):
        with app.app_context():
            barrier.wait()
            try:
                return work(i)
            except Exception as exc:  # the caller decides which failures are expected
                db.session.rollback()
                return exc
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))
