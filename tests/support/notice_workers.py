"""Real ``dramatiq`` worker processes for the crash test and the benchmark.

Each worker runs in its own session (process group), so SIGKILL to the
group takes the dramatiq parent and its worker process down together, as a
machine losing power would.
"""
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_worker(env, threads=4, log_path=None):
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "dramatiq", "app.worker:broker", "--processes", "1",
             "--threads", str(threads), "--queues", "notices"],
            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log, start_new_session=True,
        )
    finally:
        if log_path:
            log.close()


def kill(proc):
    """SIGKILL the worker's whole process group: no shutdown, no acks, no cleanup."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.wait(timeout=10)


def stop(proc, timeout=15):
    """Stop a worker politely (SIGTERM to the dramatiq parent, which passes
    it on and waits for running jobs), and for good if it does not listen."""
    if proc.poll() is not None:
        return proc.returncode
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return kill(proc)
