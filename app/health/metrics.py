"""/metrics: Prometheus's view of this app, for the operator's network only.

What it holds:
- per request (prometheus-flask-exporter): ``flask_http_request_duration_seconds``
  by method, Flask endpoint and status (a histogram; its ``_count`` is the
  requests), ``flask_http_request_total`` by method and status. The label is
  the endpoint's name (``checkin.scan``), never the path: a projector link or
  a display key in a URL is a capability and must not reach Prometheus.
- the app's own (app/metrics.py): check-ins by method and answer, WeChat
  calls by API and errcode, the Redis breaker's state, and the job queue's
  depth read from Redis when scraped.

Under gunicorn (scripts/serve) ``PROMETHEUS_MULTIPROC_DIR`` is set: every
worker process writes its values to files there, any worker's /metrics adds
them all up, and gunicorn's ``child_exit`` hook (app/gunicorn_config.py)
marks a finished worker's live gauges dead. Without it (embedded mode, the
development server, tests) the values live in this process.

Who may read it (otherwise 404 not_found, as if there were nothing): a
direct connection from ``METRICS_ALLOW_NETWORKS`` (the socket's peer, not
X-Forwarded-For, which a client writes itself; and nothing that came through
a proxy at all, since behind nginx on the same machine every request's peer
is 127.0.0.1), or anyone with ``Authorization: Bearer <METRICS_TOKEN>``.
"""
import hmac
import ipaddress
import os

from flask import current_app, request
from prometheus_client import REGISTRY, CollectorRegistry, multiprocess
from prometheus_client.exposition import choose_encoder
from prometheus_flask_exporter import PrometheusMetrics
from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics

from app import jobs
from app.errors import APIError
from app.health import bp
from app.metrics import QueueDepthCollector

# Headers a proxy adds: a request carrying one did not come straight from the allowed network.
PROXY_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


def multiprocess_dir():
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


def endpoint(request):
    """The request's label: its Flask endpoint (named so, it is the label's name)."""
    return request.endpoint or "unmatched"


def init_app(app):
    # The per-request metrics go to a registry of this app's own (tests build
    # many apps in one process); under gunicorn the files hold them anyway.
    if multiprocess_dir():
        exporter = GunicornInternalPrometheusMetrics(app=None, path=None, group_by=endpoint)
    else:
        exporter = PrometheusMetrics(app=None, path=None, group_by=endpoint, registry=CollectorRegistry())
    exporter.init_app(app)
    app.extensions["jusha_metrics_exporter"] = exporter


class _Scrape:
    """Every collector one scrape reads, as one registry-like object."""

    def __init__(self, *collectors):
        self.collectors = collectors

    def collect(self):
        for collector in self.collectors:
            yield from collector.collect()


def _collectors(app):
    queue_depth = QueueDepthCollector(lambda: jobs.queue_depths(app))
    if multiprocess_dir():
        return (multiprocess.MultiProcessCollector(None), queue_depth)
    return (REGISTRY, app.extensions["jusha_metrics_exporter"].registry, queue_depth)


def may_scrape(config, environ, headers):
    """Whether this request may read the metrics (see the module's docstring)."""
    token = config["METRICS_TOKEN"]
    offered = headers.get("Authorization", "")
    if token and offered.startswith("Bearer ") and hmac.compare_digest(offered[7:].encode(), token.encode()):
        return True
    if any(headers.get(name) for name in PROXY_HEADERS):
        return False
    # ProxyFix (PROXY_HOPS) rewrites REMOTE_ADDR from X-Forwarded-For and keeps the socket's peer aside.
    peer = environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR") or environ.get("REMOTE_ADDR")
    try:
        address = ipaddress.ip_address((peer or "").split("%")[0])
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in config["METRICS_ALLOW_NETWORKS"])


@bp.get("/metrics")
@PrometheusMetrics.do_not_track()
def metrics():
    """Prometheus's text format (OpenMetrics when asked for)."""
    if not may_scrape(current_app.config, request.environ, request.headers):
        raise APIError("not_found")
    encode, content_type = choose_encoder(request.headers.get("Accept"))
    app = current_app._get_current_object()
    return encode(_Scrape(*_collectors(app))), 200, {"Content-Type": content_type, "Cache-Control": "no-store"}
