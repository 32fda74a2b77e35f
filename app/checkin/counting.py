"""Every scan's answer counted for /metrics (``jusha_checkins_total`` in
app/metrics.py): by method, and ok / already / the refusal's error code.

A decorator on the few entry points that answer a scan (a resident's own
scan and 家属代签, an organiser's check-in by hand, a scanned 居民码), so the
rules themselves stay free of counting. No signal fits: ``checked_in`` and
``checked_out`` announce new rows only, and a refusal is exactly what an
operator watching a welfare day wants to see (a wave of ``outside_area``,
``token_expired``)."""
import functools

from app import metrics
from app.errors import APIError


def counted(method_of):
    """``method_of``: the method's name, or a function of the call's arguments giving it.
    The wrapped function returns a ScanResult, or a tuple starting with one."""
    def wrap(answer_scan):
        @functools.wraps(answer_scan)
        def counted_scan(*args, **kwargs):
            method = method_of(*args, **kwargs) if callable(method_of) else method_of
            try:
                outcome = answer_scan(*args, **kwargs)
            except APIError as refusal:
                metrics.count_checkin(method, refusal.code)
                raise
            result = outcome[0] if isinstance(outcome, tuple) else outcome
            metrics.count_checkin(method, result.code)
            return outcome

        return counted_scan

    return wrap
