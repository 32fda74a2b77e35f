"""What ``dramatiq`` loads in each worker process (see scripts/worker)::

    dramatiq app.worker:broker --processes 2 --threads 8

Each process builds the app from the environment; its broker is Redis
(REDIS_URL must be set), with every area's queued jobs bound to it.
``run_periodic_jobs`` runs the periodic jobs as a dramatiq fork process
(``--fork-function app.worker:run_periodic_jobs``), for a deployment without
a scheduler process; each run still takes its job's lock.
"""
from app import create_app
from app.scheduler import run_forever

app = create_app()
if not app.config["REDIS_URL"]:
    raise SystemExit("workers need REDIS_URL: in embedded mode the web process runs the jobs itself")
broker = app.extensions["jusha_broker"]


def run_periodic_jobs():
    run_forever(app)
