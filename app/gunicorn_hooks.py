"""gunicorn's server hooks, loaded by scripts/serve (``--config python:app.gunicorn_hooks``).

``child_exit``: a gunicorn worker ended (a crash, ``--max-requests``, a
graceful reload). Its values stay in PROMETHEUS_MULTIPROC_DIR, so counters
keep counting what it did, but its live gauges (the Redis breaker's state,
``multiprocess_mode="livemax"``) are dropped: prometheus-flask-exporter's
documented hook for gunicorn.
"""
import os

from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        GunicornInternalPrometheusMetrics.mark_process_dead_on_child_exit(worker.pid)
