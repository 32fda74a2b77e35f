"""/metrics under real gunicorn with two worker processes (scripts/serve's
multiprocess mode): whichever worker answers the scrape reports the requests
both served, and a worker that dies keeps its counts."""
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.platform.test_metrics import value

REPO = Path(__file__).resolve().parents[2]
REQUESTS = 40


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=300):
    """Two app imports on a loaded machine can take minutes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def healthz_count(base):
    text = requests.get(base + "/metrics", timeout=10).text
    return value(text, "flask_http_request_duration_seconds_count", method="GET", endpoint="health.healthz",
                 status="200")


def test_two_workers_counts_add_up_in_every_scrape(app_env, tmp_path):
    port, metrics_dir, access_log = free_port(), tmp_path / "metrics", tmp_path / "access.log"
    metrics_dir.mkdir()
    env = {**os.environ, **app_env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:create_app()", "--config", "python:app.gunicorn_config",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync", "--timeout", "300",
         "--access-logfile", str(access_log), "--access-logformat", "%(p)s %(U)s"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/metrics")
        # The second worker may still be importing the app on a busy machine:
        # send rounds until both have served (each round is counted below).
        sent, pids, deadline = 0, set(), time.monotonic() + 300
        while len(pids) < 2:
            assert time.monotonic() < deadline, "the second worker never served a request"
            with ThreadPoolExecutor(max_workers=8) as pool:
                statuses = list(pool.map(lambda _: requests.get(base + "/healthz", timeout=30).status_code,
                                         range(REQUESTS)))
            assert statuses == [200] * REQUESTS
            sent += REQUESTS
            time.sleep(0.2)  # the access log is written after the answer
            pids = {line.split()[0] for line in access_log.read_text().splitlines() if line.endswith(" /healthz")}

        # Each scrape is answered by one worker or the other: every one sees all of them.
        assert [healthz_count(base) for _ in range(6)] == [sent] * 6

        # A worker killed outright: gunicorn's child_exit hook marks it dead, a new
        # worker takes its place, and what it counted is still counted.
        os.kill(int(sorted(pids)[0].strip("<>")), signal.SIGKILL)
        time.sleep(1)
        wait_for(base + "/metrics")
        assert healthz_count(base) == sent
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
