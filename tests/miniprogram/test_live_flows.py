"""The mini-program's own code (request wrapper, page logic) driving the real
backend over HTTP, logged in through the emulator as in ./scripts/dev:
miniprogram/tests/live/flows.js runs every flow whose backend areas exist in
this build (login and me always; events, check-in, subscriptions, notices,
volunteers and hours when present)."""
import os
import shutil
import subprocess
import threading

import pytest

from app.cli.demo import seed_demo
from wechat_emulator.testing import serve
from tests.miniprogram.node import MINIPROGRAM


@pytest.fixture()
def live_api(app):
    server = serve(app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_mini_program_flows_run_against_the_backend(app, ctx, emulator, live_api):
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    seed_demo()
    env = dict(os.environ, API_BASE=live_api, EMULATOR_BASE=emulator.base_url,
               # the test app has no notice worker running: preview, but do not wait for delivery
               LIVE_SEND_NOTICES="0")
    result = subprocess.run(["node", "tests/live/flows.js"], cwd=MINIPROGRAM, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "organiser logs in" in result.stdout
