"""A redis-server of the benchmark's own on a spare port, to be SIGSTOPped
mid-run (a hung Redis: connections open, nothing answers) and resumed at the
end. Never the shared server: this one is started here and stopped here."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import redis


def spare_port(start=6391, stop=6499):
    for port in range(start, stop):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no spare port for the benchmark's redis-server")


class OwnRedis:
    def __init__(self, binary=None):
        self.binary = binary or shutil.which("redis-server")
        if self.binary is None:
            raise SystemExit("--hung-redis needs redis-server on PATH")
        self.port = spare_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None
        self.stopped = False

    def __enter__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="jusha-bench-redis-")
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        probe = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(200):
            try:
                probe.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        self.__exit__()
        raise SystemExit("the benchmark's redis-server did not start")

    def hang(self):
        os.kill(self.proc.pid, signal.SIGSTOP)
        self.stopped = True

    def resume(self):
        if self.stopped:
            os.kill(self.proc.pid, signal.SIGCONT)
            self.stopped = False

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.resume()
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()
