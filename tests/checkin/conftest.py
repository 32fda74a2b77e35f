"""Shared pieces of the check-in tests."""
import pytest

from app.checkin import tokens
from tests.factories import auth_headers, make_community, make_event, make_organiser, make_user


class Clock:
    """The QR tokens' clock, moved by hand (the request threads see it too)."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture()
def token_clock(monkeypatch):
    # Mid-window of a round time, so "one window later" is unambiguous.
    clock = Clock(1_800_000_000 + 10)
    monkeypatch.setattr(tokens, "clock", clock)
    return clock


@pytest.fixture()
def community(ctx):
    return make_community(name="铭和社区")


@pytest.fixture()
def event(community):
    return make_event(community=community, title="聚沙讲堂：百年党史")


@pytest.fixture()
def resident(community):
    """A resident of 铭和社区, whose organiser may check her in by hand."""
    return make_user(name="王阿姨", phone="13812345678", community=community)


@pytest.fixture()
def organiser(community):
    return make_organiser(community, name="李书记")


def scan(client, user, **body):
    """POST /api/v1/checkins as ``user``; returns (status, json)."""
    headers = user if isinstance(user, dict) else auth_headers(user)
    response = client.post("/api/v1/checkins", json=body, headers=headers)
    return response.status_code, response.get_json()


def error_code(payload):
    return payload["error"]["code"]
