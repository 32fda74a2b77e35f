"""A hung Redis costs a process one timeout per REDIS_BREAKER_RESET_SECONDS,
not one (or two) per request: the breaker in front of every Redis connection
(app/redis_breaker.py) stops trying after the first failure. Counted, never
timed: how many connections the hung server saw, how often Redis was tried."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import redis

from app.redis_breaker import make_redis_client
from app.redis_breaker import RedisBreaker, RedisUnavailable
from tests.factories import auth_headers, make_user


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class CountingHungRedis:
    """Accepts connections, counts them, never answers a byte."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"redis://127.0.0.1:{self.sock.getsockname()[1]}/0"
        self.accepted = 0
        self._held = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self._held.append(conn)

    def close(self):
        self.sock.close()
        for conn in self._held:
            conn.close()


@pytest.fixture()
def hung():
    server = CountingHungRedis()
    yield server
    server.close()


@pytest.fixture()
def hung_app_redis(app, hung):
    """This app's Redis client pointed at the hung server, behind a breaker on a hand-moved clock."""
    clock = Clock()
    breaker = RedisBreaker(reset_seconds=5, clock=clock)
    real = app.extensions["jusha_redis"]
    app.extensions["jusha_redis"] = make_redis_client(hung.url, 0.2, breaker=breaker)
    yield breaker, clock
    app.extensions["jusha_redis"] = real


def test_after_one_timeout_requests_do_not_try_redis_until_the_reset_time(request, client, hung):
    headers = auth_headers(make_user(name="陈阿姨"))
    breaker, clock = request.getfixturevalue("hung_app_redis")
    for _ in range(10):
        response = client.get("/api/v1/me", headers=headers)
        assert (response.status_code, response.get_json()["name"]) == (200, "陈阿姨")  # from the database
    assert breaker.state == "open"
    assert hung.accepted == 1  # one connection, whose first command timed out
    # Each request reads and then writes the token cache: 20 exchanges, one tried.
    assert (breaker.tried, breaker.refused) == (1, 19)

    clock.now += 4.9
    client.get("/api/v1/me", headers=headers)
    assert (hung.accepted, breaker.tried) == (1, 1)

    clock.now += 0.2  # the reset time is over: one request tries again, and the rest still do not
    for _ in range(3):
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert (hung.accepted, breaker.state) == (2, "open")
    assert breaker.refused == 19 + 2 + 5


def test_readiness_answers_unavailable_without_waiting_again(client, hung, hung_app_redis):
    breaker, _ = hung_app_redis
    for _ in range(5):
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["checks"]["redis"] == "unavailable"
    assert (hung.accepted, breaker.tried, breaker.refused) == (1, 1, 4)


def test_one_breaker_serves_the_token_cache_and_the_rate_limiter_of_a_process(app_env, ctx, hung):
    """A whole app process on a hung Redis: the login-token cache, Flask-Limiter's
    storage and /readyz share one breaker, so the server sees one connection."""
    bearer = auth_headers(make_user())["Authorization"][7:]
    env = {**os.environ, **app_env, "REDIS_URL": hung.url, "REDIS_SOCKET_TIMEOUT": "0.2",
           "REDIS_BREAKER_RESET_SECONDS": "600"}
    proc = subprocess.run([sys.executable, "-m", "tests.support.redis_breaker_worker", "15", bearer],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["statuses"] == [200] * 15 + [503]
    assert seen["state"] == "open"
    assert seen["tried"] == 1 and seen["refused"] >= 15 * 2
    assert hung.accepted == 1


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def own_redis_server(tmp_path):
    """A redis-server of this test's own on a spare port (never the shared one)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probe = redis.Redis(port=port, socket_timeout=1)
    for _ in range(100):
        try:
            probe.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield proc, f"redis://127.0.0.1:{port}/0"
    os.kill(proc.pid, signal.SIGCONT)
    proc.terminate()
    proc.wait(timeout=10)


def test_a_stopped_redis_server_opens_the_breaker_and_a_resumed_one_closes_it(own_redis_server):
    proc, url = own_redis_server
    clock = Clock()
    breaker = RedisBreaker(reset_seconds=5, clock=clock)
    client = make_redis_client(url, 0.2, breaker=breaker)
    client.set("k", "v")
    assert breaker.state == "closed"
    tried = breaker.tried

    os.kill(proc.pid, signal.SIGSTOP)  # hung: connections stay open, nothing answers
    with pytest.raises(redis.TimeoutError):
        client.get("k")
    assert breaker.state == "open"
    for _ in range(5):
        with pytest.raises(RedisUnavailable):
            client.get("k")
    assert breaker.tried == tried + 1 and breaker.refused == 5

    os.kill(proc.pid, signal.SIGCONT)
    with pytest.raises(RedisUnavailable):  # still within the reset time: not tried
        client.get("k")
    clock.now += 5
    assert client.get("k") == "v"  # the one try finds Redis back
    assert breaker.state == "closed"
    assert client.get("k") == "v"


def test_an_error_reply_is_an_answer_and_keeps_the_breaker_closed(own_redis_server):
    _, url = own_redis_server
    breaker = RedisBreaker(reset_seconds=5)
    client = make_redis_client(url, 0.2, breaker=breaker)
    client.set("k", "v")
    with pytest.raises(redis.ResponseError):
        client.incr("k")
    assert breaker.state == "closed"


def test_a_logout_still_clears_the_cache_while_the_breaker_is_open(app, client, own_redis_server):
    """The breaker opened on a blip, Redis is fine again: a revoked token must
    still leave the cache, not keep working until its TTL."""
    from app.auth.tokens import CACHE_PREFIX

    _, url = own_redis_server
    breaker = RedisBreaker(reset_seconds=600)
    real = app.extensions["jusha_redis"]
    app.extensions["jusha_redis"] = make_redis_client(url, 0.2, breaker=breaker)
    try:
        headers = auth_headers(make_user())
        assert client.get("/api/v1/me", headers=headers).status_code == 200
        breaker.failed()  # a timeout a moment ago
        assert client.post("/api/v1/auth/logout", headers=headers).status_code in (200, 204)
        assert breaker.state == "closed"  # the logout's delete found Redis answering
        assert not redis.Redis.from_url(url).keys(CACHE_PREFIX + "*")
        assert client.get("/api/v1/me", headers=headers).status_code == 401
    finally:
        app.extensions["jusha_redis"] = real


def test_a_token_refresh_still_uses_redis_while_the_breaker_is_open(app, emulator, wechat_control, own_redis_server):
    """Another process has just put a fresh access token in Redis; this one's
    breaker opened on a blip. Its refresh (rare, and one for every process)
    still takes the lock and reads Redis, and fetches nothing."""
    from app.wechat.client import SharedTokenWeChatClient

    _, url = own_redis_server
    breaker = RedisBreaker(reset_seconds=600)
    client = SharedTokenWeChatClient(emulator.appid, emulator.secret, api_base=emulator.base_url,
                                     redis_client=make_redis_client(url, 0.2, breaker=breaker))
    fresh = client.refresh_access_token(stale_token=None)  # "the other process" fetched it
    issued = wechat_control.stats()["tokens_issued"]["total"]
    breaker.failed()
    assert client.refresh_access_token(stale_token="an-older-token") == fresh
    assert wechat_control.stats()["tokens_issued"]["total"] == issued
