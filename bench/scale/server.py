"""The app under gunicorn for the scale benchmark, and its workers' memory.

Settings follow scripts/serve (gthread workers, 4 threads, the same timeouts)
except the access log, which is off so that writing it is not measured, and
--max-requests, off so that no worker restarts inside a measured phase.
"""
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.checkin.run import process_tree, stop

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["Server", "stop"]


class Server:
    """gunicorn on 127.0.0.1:``port``; a context manager that stops it."""

    def __init__(self, env, port, workers=3, worker_class="gthread", threads=4, timeout=30):
        self.env, self.port = env, port
        self.workers, self.worker_class, self.threads, self.timeout = workers, worker_class, threads, timeout
        self.process = None

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "app:create_app()",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                   "--worker-class", self.worker_class, "--timeout", str(self.timeout),
                   "--graceful-timeout", "5", "--backlog", "2048", "--log-level", "warning"]
        if self.worker_class == "gthread":
            command += ["--threads", str(self.threads), "--keep-alive", "10"]
        pool = str(self.threads if self.worker_class == "gthread" else 1)
        env = {**os.environ, "DB_POOL_SIZE": pool, "DB_MAX_OVERFLOW": "2", **self.env}
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as response:
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("gunicorn did not become ready within 60 s")

    def __exit__(self, *exc):
        if self.process is not None:
            stop(self.process)

    @property
    def pid(self):
        return self.process.pid

    def worker_pids(self):
        return [pid for pid in process_tree(self.process.pid) if pid != self.process.pid]

    def pids(self):
        return process_tree(self.process.pid)


def reset_peak_rss(pid):
    """Start a new peak: writing 5 to clear_refs resets VmHWM (Linux >= 4.0)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_rss_mb(pid):
    """The process's resident-memory high-water mark (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None
