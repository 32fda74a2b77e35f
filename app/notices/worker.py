"""What ``dramatiq`` loads in each worker process (see scripts/worker)::

    dramatiq app.notices.worker:broker --processes 2 --threads 8

Each process builds the app from the environment; its broker is Redis
(REDIS_URL must be set). ``tick_forever`` runs the periodic pass as a
dramatiq fork process (``--fork-function app.notices.worker:tick_forever``).
"""
import logging
import os
import time

from app import create_app

log = logging.getLogger(__name__)

app = create_app()
if not app.config["REDIS_URL"]:
    raise SystemExit("notice workers need REDIS_URL: in embedded mode the web process delivers notices itself")
broker = app.extensions["jusha_broker"]


def tick_forever():
    from app.extensions import db
    from app.notices.dispatch import tick

    every = float(os.environ.get("NOTICE_TICK_EVERY") or 15)
    while True:
        with app.app_context():
            try:
                tick()
            except Exception:  # the next pass tries again
                log.exception("notices tick failed")
            finally:
                db.session.remove()
        time.sleep(every)
