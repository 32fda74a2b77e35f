"""Run the emulator in a background thread for tests.

    from wechat_emulator.testing import running_emulator

    with running_emulator(token_grace_seconds=0) as emu:
        requests.get(emu.base_url + "/cgi-bin/token", params={...})
        emu.state.messages        # direct access for assertions
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from . import create_emulator
from .state import EmulatorState


class QuietRequestHandler(WSGIRequestHandler):
    """werkzeug's handler without the per-request access log line."""

    def log_request(self, *args, **kwargs):
        pass


@dataclass
class RunningEmulator:
    base_url: str
    state: EmulatorState
    app: Flask
    server: BaseWSGIServer

    @property
    def appid(self) -> str:
        return self.state.default_appid

    @property
    def secret(self) -> str:
        return self.state.apps[self.state.default_appid]

    def url(self, path: str) -> str:
        return self.base_url + path


def serve(app: Flask, host: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> BaseWSGIServer:
    """A threaded werkzeug server for ``app`` (not yet serving)."""
    handler = QuietRequestHandler if quiet else WSGIRequestHandler
    return make_server(host, port, app, threaded=True, request_handler=handler)


@contextlib.contextmanager
def running_emulator(host: str = "127.0.0.1", port: int = 0, quiet: bool = True, **options):
    """Start the emulator on a free port in a background thread; yield a RunningEmulator."""
    app = create_emulator(**options)
    server = serve(app, host, port, quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="wechat-emulator", daemon=True)
    thread.start()
    try:
        yield RunningEmulator(f"http://{host}:{server.server_port}", app.extensions["wechat_emulator"], app, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
