"""What ``dramatiq`` loads in each worker process (see scripts/worker)::

    dramatiq app.worker:broker --processes 2 --threads 8

Each process builds the app from the environment; its broker is Redis
(REDIS_URL must be set), with every area's queued jobs bound to it, and
Dramatiq's own Prometheus middleware (message counts, errors, retries,
dead letters, durations), whose exposition server scripts/worker binds to
WORKER_METRICS_HOST:WORKER_METRICS_PORT. Why a port of the workers' own
rather than the app's /metrics: workers may run on machines without an app
process, and each side's multiprocess folder is emptied when it starts, so a
folder shared between gunicorn and dramatiq would lose one side's numbers
whenever the other restarted.
``run_periodic_jobs`` runs the periodic jobs as a dramatiq fork process
(``--fork-function app.worker:run_periodic_jobs``), for a deployment without
a scheduler process; each run still takes its job's lock.
"""
from dramatiq.middleware.prometheus import Prometheus

from app import create_app
from app.scheduler import run_forever

app = create_app()
if not app.config["REDIS_URL"]:
    raise SystemExit("workers need REDIS_URL: in embedded mode the web process runs the jobs itself")
broker = app.extensions["jusha_broker"]
broker.add_middleware(Prometheus())


def run_periodic_jobs():
    run_forever(app)
