"""The app's own Prometheus metrics, beside the per-request ones that
prometheus-flask-exporter keeps (app/health/metrics.py serves them all at
/metrics).

Defined once per process, in prometheus_client's default registry, and fed
by the areas with the small calls below (``count_checkin``,
``count_wechat_call``, ``set_breaker_state``): this module imports nothing of
the areas, so any of them may import it.

Several processes (gunicorn workers, Dramatiq workers): scripts/serve and
scripts/worker set ``PROMETHEUS_MULTIPROC_DIR`` before Python starts, and
prometheus_client then keeps every value in a file there per process; a
scrape adds the files up. So whichever worker answers /metrics reports the
counts of all of them. That is why the breaker gauge says how the ``max``
of the live processes' states is to be combined (an open breaker in any
process shows), and why the queue depth is not a gauge at all but read from
Redis at scrape time (``QueueDepthCollector``): every process would report
the same number.
"""
import logging

from prometheus_client import Counter, Gauge
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)

CHECKINS = Counter(
    "jusha_checkins_total",
    "Check-in and check-out scans answered, by how they were made (qr, poster, proxy, manual, "
    "resident_code) and the answer (ok, already, or the refusal's error code)",
    ["method", "answer"],
)
WECHAT_CALLS = Counter(
    "jusha_wechat_calls_total",
    "Calls to WeChat's API by API path and errcode (0: success; unavailable: no answer)",
    ["api", "errcode"],
)
# 0 closed (Redis is tried), 1 half-open (one request is trying it), 2 open (not tried).
BREAKER_STATES = {"closed": 0, "half-open": 1, "open": 2}
REDIS_BREAKER = Gauge(
    "jusha_redis_breaker_state",
    "The Redis circuit breaker: 0 closed, 1 half-open, 2 open (worst of the live processes)",
    ["name"],
    multiprocess_mode="livemax",
)

# The answers that are not refusals, by ScanResult.code.
_ANSWERS = {
    "checked_in": "ok", "checked_out": "ok",
    "already_checked_in": "already", "already_checked_out": "already",
}


def count_checkin(method, code):
    """One scan answered: ``code`` is the ScanResult's code or the refusal's error code."""
    CHECKINS.labels(method=method, answer=_ANSWERS.get(code, code)).inc()


def count_wechat_call(api, errcode):
    WECHAT_CALLS.labels(api=api, errcode=str(errcode)).inc()


def set_breaker_state(name, state):
    """``state``: pybreaker's state name (closed, half-open, open)."""
    REDIS_BREAKER.labels(name=name).set(BREAKER_STATES.get(state, 2))


class QueueDepthCollector:
    """``jusha_queue_messages{queue, state}``, read when scraped.

    ``read_depths()`` returns {(queue, state): count} (app.jobs.queue_depths),
    or raises: a scrape while Redis is down then leaves the family out
    rather than failing (``jusha_queue_depth_up`` says 0)."""

    def __init__(self, read_depths):
        self.read_depths = read_depths

    def describe(self):
        return []  # not known before a scrape; keeps registration from calling collect()

    def collect(self):
        up = GaugeMetricFamily("jusha_queue_depth_up", "Whether the job queue's depth could be read (1) or not (0)")
        try:
            depths = self.read_depths()
        except Exception as exc:  # Redis down, breaker open: the rest of the scrape still answers
            log.warning("metrics: queue depth not read: %s", exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        family = GaugeMetricFamily(
            "jusha_queue_messages",
            "Messages in the job queue: waiting (ready to run), delayed (retries, later sends), dead (given up)",
            labels=["queue", "state"],
        )
        for (queue, state), count in sorted(depths.items()):
            family.add_metric([queue, state], count)
        yield family
