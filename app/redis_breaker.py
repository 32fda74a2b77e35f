"""A circuit breaker in front of every connection the app makes to Redis.

A hung Redis (SIGSTOP, a full disk, a network partition that drops packets)
accepts connections and answers nothing: every command waits its
REDIS_SOCKET_TIMEOUT (0.5 s) before the caller's fallback runs, and a scan
that reads and then writes the login-token cache paid that twice. Once one
exchange has failed on the network (a timeout, a refused or reset
connection) this process stops trying: every command fails at once with
``RedisUnavailable`` (a ``redis.ConnectionError``, so each caller's existing
``except redis.RedisError`` fallback runs as before, just without the wait).
After REDIS_BREAKER_RESET_SECONDS one thread may try again (half-open); an
answer closes the breaker, another failure opens it for the next period. So a
hung Redis costs each process at most one timeout per period.

One breaker per app (per process), shared by every client made from the
app's REDIS_URL: the app's own client (login-token cache, poster cache, the
WeChat access token and its lock, the notices' send-rate bucket, the
scheduler's lock, /readyz) and Flask-Limiter's storage. It sits in the
connection class, so it sees every command, script and pipeline alike. The
Dramatiq broker keeps its own client: without Redis there is no queue either.

The state is pybreaker's (``fail_max=1``; its listener logs each change).
Calls do not go through ``CircuitBreaker.call``: it holds one process-wide
lock for the length of the guarded call, which would queue every thread's
Redis round trip behind every other's, and a Redis exchange is two calls
(send, then read) rather than one. Only an answer counts as success: a
hung Redis still accepts the TCP connection and the bytes we send.
"""
import logging
import threading
import time
from contextlib import contextmanager

import pybreaker
import redis
from redis.backoff import NoBackoff
from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection
from redis.retry import Retry

from app import metrics

log = logging.getLogger(__name__)

# A network failure: Redis did not answer. An error reply (ResponseError, e.g.
# NOSCRIPT) is an answer.
OUTAGE = (redis.ConnectionError, redis.TimeoutError, OSError)


class RedisUnavailable(redis.ConnectionError):
    """The breaker is open: Redis was not tried."""


class RedisBreaker(pybreaker.CircuitBreakerListener):
    def __init__(self, reset_seconds, name="redis", clock=time.monotonic):
        self.breaker = pybreaker.CircuitBreaker(fail_max=1, reset_timeout=reset_seconds, name=name,
                                                listeners=[self])
        self.clock = clock
        self._lock = threading.Lock()
        self._opened_at = None
        self._trial = None  # (thread id, started) of the one try while half-open
        self.tried = 0  # exchanges that went to the network
        self.refused = 0  # exchanges refused at once
        metrics.set_breaker_state(name, pybreaker.STATE_CLOSED)

    @property
    def state(self):
        return self.breaker.current_state

    # -- pybreaker's listener ----------------------------------------------
    def state_change(self, cb, old_state, new_state):
        name = new_state.name if new_state is not None else None
        metrics.set_breaker_state(cb.name, name)
        if name == pybreaker.STATE_OPEN:
            self._opened_at = self.clock()  # every failure restarts the wait
            if old_state is None or old_state.name == pybreaker.STATE_CLOSED:
                log.warning("redis unavailable: not trying it again for %.0f s at a time", cb.reset_timeout)
        elif name == pybreaker.STATE_CLOSED and old_state is not None and old_state.name != pybreaker.STATE_CLOSED:
            log.warning("redis answers again")

    # -- around each exchange ----------------------------------------------
    def admit(self):
        """Before touching the network; raises RedisUnavailable when this thread may not."""
        if self.breaker.current_state == pybreaker.STATE_CLOSED or getattr(_local, "always", False):
            self.tried += 1
            return
        me, now = threading.get_ident(), self.clock()
        with self._lock:
            trial_over = self._trial is None or now - self._trial[1] >= self.breaker.reset_timeout
            if self._trial is not None and self._trial[0] == me and not trial_over:
                self.tried += 1  # the trial's own later steps (connect, send, read)
                return
            due = self._opened_at is None or now - self._opened_at >= self.breaker.reset_timeout
            if trial_over and due:
                self._trial = (me, now)
                self.breaker.half_open()
                self.tried += 1
                return
            self.refused += 1
        raise RedisUnavailable("redis unavailable (circuit open): not tried")

    def failed(self):
        """The network failed (timeout, refused, reset): stop trying for a while."""
        with self._lock:
            self._trial = None
            self.breaker.open()

    def reset(self):
        """Closed, as after a fresh start (tests begin each case from here)."""
        with self._lock:
            self._trial = self._opened_at = None
            if self.breaker.current_state != pybreaker.STATE_CLOSED:
                self.breaker.close()

    def answered(self):
        """Redis answered: it is back."""
        if self.breaker.current_state == pybreaker.STATE_CLOSED:
            return
        with self._lock:
            self._trial = None
            self.breaker.close()


_local = threading.local()


@contextmanager
def _exchange(breaker):
    """One step that touches the network. Only the outermost is admitted (a
    send that first connects, a connect that sends its handshake, is one
    exchange); any network failure inside opens the breaker."""
    depth = getattr(_local, "depth", 0)
    if depth == 0:
        breaker.admit()
    _local.depth = depth + 1
    try:
        yield
    except RedisUnavailable:
        raise
    except OUTAGE:
        breaker.failed()
        raise
    finally:
        _local.depth = depth


@contextmanager
def always_try():
    """Try Redis inside this block even while the breaker is open: for rare
    writes that must not be skipped on a guess (a revoked login token must
    leave the cache, or it keeps working until its TTL). A failure still
    opens the breaker; an answer closes it."""
    before = getattr(_local, "always", False)
    _local.always = True
    try:
        yield
    finally:
        _local.always = before


class _Guarded:
    """Mixed into a redis-py connection class; ``breaker`` is set per app."""

    breaker = None

    # Connecting (the socket and its handshake) is one exchange, whichever
    # entry redis-py takes (``connect``; ``connect_check_health`` since 6).
    # Already connected: nothing touches the network.
    def connect(self, *args, **kwargs):
        if self._sock:
            return super().connect(*args, **kwargs)
        with _exchange(self.breaker):
            return super().connect(*args, **kwargs)

    def connect_check_health(self, *args, **kwargs):
        if self._sock:
            return super().connect_check_health(*args, **kwargs)
        with _exchange(self.breaker):
            return super().connect_check_health(*args, **kwargs)

    def _connect(self):
        with _exchange(self.breaker):
            return super()._connect()

    def send_packed_command(self, command, check_health=True):
        with _exchange(self.breaker):
            return super().send_packed_command(command, check_health=check_health)

    def read_response(self, *args, **kwargs):
        try:
            response = super().read_response(*args, **kwargs)
        except RedisUnavailable:
            raise
        except OUTAGE:
            self.breaker.failed()
            raise
        except redis.RedisError:
            self.breaker.answered()  # an error reply is still an answer
            raise
        self.breaker.answered()
        return response


def connection_class(breaker, url):
    """The redis-py connection class for ``url`` whose every exchange goes through ``breaker``."""
    if url.startswith("unix://"):
        base = UnixDomainSocketConnection
    elif url.startswith("rediss://"):
        base = SSLConnection
    else:
        base = Connection
    return type(f"Guarded{base.__name__}", (_Guarded, base), {"breaker": breaker})


def for_app(app):
    """This app's breaker (one per app, so one per process)."""
    breaker = app.extensions.get("jusha_redis_breaker")
    if breaker is None:
        breaker = app.extensions.setdefault(
            "jusha_redis_breaker", RedisBreaker(app.config["REDIS_BREAKER_RESET_SECONDS"]))
    return breaker


def make_redis_client(url, timeout, breaker=None, reset_seconds=5.0):
    """A client that gives up fast: one try per command within ``timeout``,
    and none at all while ``breaker`` (app/redis_breaker.py; a new one when
    not given) says Redis is down. redis-py's default retries with backoff
    would hold a request for seconds when Redis hangs; callers that can do
    without Redis catch RedisError."""
    breaker = breaker or RedisBreaker(reset_seconds)
    return redis.Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        health_check_interval=30,
        retry=Retry(NoBackoff(), 0),
        connection_class=connection_class(breaker, url),
    )
