"""Injected faults, applied by a WSGI middleware in front of the WeChat paths.

A fault rule affects the next ``count`` WeChat calls whose path starts with
``path`` (default: every WeChat path; control paths under ``/_emulator`` are
never affected). Rules fire in the order they were added, one rule per call:

* ``busy``        answer ``{"errcode": -1, "errmsg": "system error"}``
* ``rate_limit``  answer ``{"errcode": 45009, "errmsg": "api freq out of limit"}``
* ``slow``        sleep ``delay`` seconds, then answer normally
* ``drop``        close the TCP connection without sending any HTTP response
"""

from __future__ import annotations

import itertools
import json
import socket
import time
from collections import Counter
from dataclasses import asdict, dataclass

from . import errors as E
from .errors import WxError

FAULT_KINDS = ("busy", "rate_limit", "slow", "drop")
CONTROL_PREFIX = "/_emulator"


@dataclass
class Fault:
    id: int
    kind: str
    remaining: int
    path: str | None = None
    delay: float = 1.0
    fired: int = 0

    def matches(self, path: str) -> bool:
        return self.remaining > 0 and (not self.path or path.startswith(self.path))


class FaultMixin:
    """Fault bookkeeping, mixed into EmulatorState (uses its lock)."""

    def _init_faults(self) -> None:
        self._faults: list[Fault] = []
        self._fault_ids = itertools.count(1)
        self.faults_fired: Counter = Counter()

    def add_fault(self, kind: str, count: int = 1, path: str | None = None, delay: float = 1.0) -> dict:
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}")
        count = int(count)
        delay = float(delay)
        if count < 1 or delay < 0:
            raise ValueError("count must be >= 1 and delay >= 0")
        if path is not None and not str(path).startswith("/"):
            raise ValueError("path must start with /")
        with self._lock:
            fault = Fault(next(self._fault_ids), kind, count, path or None, delay)
            self._faults.append(fault)
            return asdict(fault)

    def clear_faults(self) -> int:
        with self._lock:
            n = sum(1 for f in self._faults if f.remaining > 0)
            self._faults.clear()
            return n

    def take_fault(self, path: str) -> Fault | None:
        """Atomically consume one firing of the first rule matching ``path``."""
        with self._lock:
            if not self._faults:
                return None
            for fault in self._faults:
                if fault.matches(path):
                    fault.remaining -= 1
                    fault.fired += 1
                    self.faults_fired[fault.kind] += 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
            return None

    def fault_list(self) -> list[dict]:
        with self._lock:
            return [asdict(f) for f in self._faults]


def drop_connection(environ) -> None:
    """Close the client's TCP connection so it receives no HTTP response at all.

    Under werkzeug's server the socket is in ``environ["werkzeug.socket"]``; we shut
    it down (the client reads EOF: requests raises ConnectionError) and raise a
    ConnectionError, which werkzeug treats as a dropped connection and swallows
    without writing anything. Other servers at least see the request aborted.
    """
    sock = environ.get("werkzeug.socket") or environ.get("gunicorn.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    raise ConnectionAbortedError("emulator fault: connection dropped")


class EmulatorMiddleware:
    """Counts WeChat calls per path and applies injected faults before Flask runs."""

    def __init__(self, wsgi_app, state):
        self.wsgi_app = wsgi_app
        self.state = state

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        if path.startswith(CONTROL_PREFIX):
            return self.wsgi_app(environ, start_response)
        self.state.count_call(path)
        fault = self.state.take_fault(path)
        if fault is not None:
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif fault.kind == "drop":
                drop_connection(environ)
            else:
                code = E.SYSTEM_ERROR if fault.kind == "busy" else E.API_FREQ_LIMIT
                self.state.count_error(code)
                body = json.dumps(WxError(code).payload(self.state.rid_suffix)).encode("utf-8")
                start_response("200 OK", [
                    ("Content-Type", "application/json; encoding=utf-8"),
                    ("Content-Length", str(len(body))),
                ])
                return [body]
        return self.wsgi_app(environ, start_response)
