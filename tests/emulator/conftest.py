"""Fixtures for the emulator's own tests: one server per session, reset per test."""
import pytest
import requests

from wechat_emulator.testing import running_emulator

from .helpers import EmulatorWeChatClient


@pytest.fixture(scope="session")
def emulator_server():
    with running_emulator() as running:
        yield running


@pytest.fixture()
def emu(emulator_server):
    emulator_server.state.reset()
    yield emulator_server
    emulator_server.state.reset()


@pytest.fixture()
def http():
    with requests.Session() as session:
        yield session


@pytest.fixture()
def wx(emu):
    return EmulatorWeChatClient(emu.base_url, emu.appid, emu.secret, timeout=5)


@pytest.fixture()
def token(emu, http):
    r = http.get(emu.url("/cgi-bin/token"),
                 params={"grant_type": "client_credential", "appid": emu.appid, "secret": emu.secret})
    return r.json()["access_token"]
