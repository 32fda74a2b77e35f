"""The production picture on one machine: the Debian nginx, with a config
derived from deploy/nginx/jusha.conf, in front of two app processes started
with scripts/serve, a Dramatiq worker (scripts/worker) and a scheduler
(scripts/scheduler), on the suite's database and Redis.

Every process runs in a session of its own, so one app process (its gunicorn
master and workers) can be killed, stopped or reloaded as a machine would be.
"""
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "jusha.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# The wrapper the site is included in, as /etc/nginx/nginx.conf includes it,
# with every path under the stack's own prefix.
MAIN_CONF = """daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {prefix}/tmp/client_body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/jusha.conf;
}}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def derive_site(text, prefix, http_port, https_port, app_ports):
    """deploy/nginx/jusha.conf with its machine-specific lines replaced; every
    other directive is the operator's. Fails when a line to replace is gone,
    so the test follows the real file rather than a copy of it."""
    upstreams = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n" for port in app_ports)
    replacements = [
        (r"(?m)^    server 10\.0\.0\.\d+:\d+ [^\n]*\n", "", 4),
        (r"(?m)^(upstream jusha_app \{\n)", lambda m: m.group(1) + upstreams, 1),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1),
        (r"(?m)^ *listen \[::\]:\d+[^\n]*\n", "", 2),
        (r"/etc/ssl/jusha/", f"{prefix}/tls/", 2),
        (r"/var/log/nginx/", f"{prefix}/logs/", 3),
        (r"/srv/jusha/current/console/dist/", f"{prefix}/console-dist/", 2),
        (r"/var/www/acme", f"{prefix}/acme", 1),
    ]
    for pattern, replacement, expected in replacements:
        text, found = re.subn(pattern, replacement, text)
        assert found == expected, f"deploy/nginx/jusha.conf: {pattern!r} found {found} times, expected {expected}"
    return text


def _unprivileged_user():
    """Who nginx runs as: ourselves, or nobody when the tests run as root."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwnam("nobody")


class Nginx:
    def __init__(self, app_ports):
        self.prefix = Path(tempfile.mkdtemp(prefix="jusha-nginx-"))
        self.http_port, self.https_port = free_port(), free_port()
        for folder in ("tmp", "logs", "tls", "console-dist/assets", "acme"):
            (self.prefix / folder).mkdir(parents=True)
        self._certificate()
        (self.prefix / "console-dist" / "index.html").write_text(
            "<!doctype html><title>聚沙工作台</title><div id=app></div>", encoding="utf-8")
        (self.prefix / "console-dist" / "assets" / "index-3f2a1b.js").write_text("console.log('jusha')\n")
        (self.prefix / "jusha.conf").write_text(derive_site(
            SITE.read_text(encoding="utf-8"), self.prefix, self.http_port, self.https_port, app_ports),
            encoding="utf-8")
        (self.prefix / "nginx.conf").write_text(MAIN_CONF.format(prefix=self.prefix))
        self.user = _unprivileged_user()
        if self.user is not None:
            for path in [self.prefix, *self.prefix.rglob("*")]:
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
        self.process = None

    def _certificate(self):
        tls = self.prefix / "tls"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=jusha.example.cn", "-keyout", str(tls / "privkey.pem"),
                        "-out", str(tls / "fullchain.pem")], check=True, capture_output=True)

    def command(self, *extra):
        return [NGINX, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"),
                "-e", str(self.prefix / "error.log"), *extra]

    def _as_user(self):
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def check(self):
        return subprocess.run(self.command("-t"), capture_output=True, text=True, **self._as_user())

    def start(self):
        self.process = subprocess.Popen(self.command(), start_new_session=True, stdout=subprocess.DEVNULL,
                                        stderr=open(self.prefix / "stderr.log", "ab"), **self._as_user())
        wait_until(lambda: _listening(self.https_port), 15, f"nginx did not start (see {self.prefix}/error.log)")

    def access_log(self):
        path = self.prefix / "logs" / "jusha.access.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self):
        if self.process is not None:
            stop_group(self.process, signal.SIGQUIT)
        shutil.rmtree(self.prefix, ignore_errors=True)


class Process:
    """One of the stack's processes, started by its script; its output (for an
    app process, gunicorn's access log) goes to ``log``."""

    def __init__(self, name, script, env, log_dir, port=None):
        self.name, self.script, self.port = name, script, port
        self.env = {**env, "BIND": f"127.0.0.1:{port}"} if port else env
        self.log = Path(log_dir) / f"{name}.log"
        self.process = None

    def start(self):
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen([str(ROOT / "scripts" / self.script)], cwd=ROOT, env=self.env,
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def wait_ready(self, timeout=90):
        """An app process answers /readyz itself (not through nginx)."""
        def ready():
            assert self.process.poll() is None, f"{self.name} exited:\n{self.output()[-3000:]}"
            return _answers(f"http://127.0.0.1:{self.port}/readyz")

        wait_until(ready, timeout, f"{self.name} did not become ready (see {self.log})")

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def signal_group(self, signum):
        os.killpg(self.process.pid, signum)

    def kill(self):
        """SIGKILL the master and every worker, as a crash of the machine would."""
        self.signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def reload(self):
        """``systemctl reload``: HUP to the gunicorn master (scripts/serve execs it)."""
        self.process.send_signal(signal.SIGHUP)

    def output(self):
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def stop(self):
        if self.process is not None:
            stop_group(self.process, signal.SIGTERM)


def stop_all(processes):
    """TERM every process at once, then wait for each: they finish in parallel."""
    started = [p.process for p in processes if p.process is not None and p.process.poll() is None]
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGCONT)
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in started:
        stop_group(process, signal.SIGTERM)


def stop_group(process, signum, timeout=25):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGCONT)  # a stopped group cannot act on TERM
        os.killpg(process.pid, signum)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(message)
