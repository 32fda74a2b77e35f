"""A per-person limit on scans that costs no round trip at all.

The scan endpoint is left out of Flask-Limiter's default limit (a request
filter in routes.py): its window bookkeeping and response headers cost three
Redis round trips per request on the busiest endpoint of the day. A person
never needs more than a few scans a minute, so each app process counts scans
per person in memory and refuses past CHECKIN_SCAN_LIMIT (60) a minute. With
W processes behind the balancer a runaway client gets at most W x the limit
before every process refuses it: enough to stop a stuck button or a script,
and the database still admits each person once whatever happens here.
"""
import threading
import time

from flask import current_app

from app.errors import APIError

_lock = threading.Lock()
_minute = None
_counts = {}


def count_scan(user_id):
    global _minute, _counts
    config = current_app.config
    if not config["RATELIMIT_ENABLED"]:
        return
    now = time.time()
    minute = int(now // 60)
    with _lock:
        if minute != _minute:
            _minute, _counts = minute, {}
        count = _counts[user_id] = _counts.get(user_id, 0) + 1
    if count > config["CHECKIN_SCAN_LIMIT"]:
        raise APIError("rate_limited", "扫码太频繁，请稍后再试", details={"retry_after": 60 * (minute + 1) - int(now)})


def reset():
    """Forget every count (tests)."""
    global _minute, _counts
    with _lock:
        _minute, _counts = None, {}
