"""gunicorn settings and server hooks (scripts/serve: ``--config python:app.gunicorn_config``).

A graceful reload (HUP, ``systemctl reload jusha-app@PORT``) must bring up
workers running the new release whole. The gunicorn master imports ``app``
once, at start (its logger class, app.gunicorn_logger, lives there) and with
it ``config`` and app.observability; every worker forked later inherits those
modules already imported. Without the purge below, a worker forked after a
reload would run the old release's app factory and settings next to the new
release's areas. The master's logger keeps the old redaction code until the
next restart, which is all of the old release that survives a reload.
"""
import os
import sys

from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics

OWN_PACKAGES = ("app", "config")


def post_fork(server, worker):
    """In each new worker, before it loads the app: forget our own modules, so
    the app is imported afresh from the directory gunicorn changed into."""
    for name in [n for n in sys.modules if n in OWN_PACKAGES or n.startswith(tuple(p + "." for p in OWN_PACKAGES))]:
        del sys.modules[name]


# gunicorn 25+ opens a control socket at one path per user ($HOME/.gunicorn/gunicorn.ctl):
# two app processes on one machine (jusha-app@8001, @8002) would take it from each
# other, and nothing here uses it. (Older gunicorn ignores a setting it does not know.)
control_socket_disable = True


def child_exit(server, worker):
    """A worker ended (a crash, ``--max-requests``, a graceful reload). Its
    values stay in PROMETHEUS_MULTIPROC_DIR, so counters keep counting what it
    did, but its live gauges (the Redis breaker's state,
    ``multiprocess_mode="livemax"``) are dropped: prometheus-flask-exporter's
    documented hook for gunicorn."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        GunicornInternalPrometheusMetrics.mark_process_dead_on_child_exit(worker.pid)
