"""Shared pieces of the front-door tests: an event of 铭和社区, its organiser,
an elder without a smartphone and a family member."""
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from app.checkin import tokens
from app.models import utcnow
from tests.checkin.conftest import Clock
from tests.factories import auth_headers, make_community, make_event, make_organiser, make_user


@pytest.fixture()
def code_clock(monkeypatch):
    # The real time, so codes and the event's window (made from utcnow) agree.
    clock = Clock(utcnow().timestamp())
    monkeypatch.setattr(tokens, "clock", clock)
    return clock


@pytest.fixture()
def community(ctx):
    return make_community(name="铭和社区")


@pytest.fixture()
def event(community):
    return make_event(community=community, title="党史送学上门", starts_in=timedelta(minutes=5))


@pytest.fixture()
def organiser(community):
    return make_organiser(community, name="李书记")


@pytest.fixture()
def elder(community):
    return make_user(name="王秀英", phone="13900001111", community=community)


@pytest.fixture()
def relative(community):
    return make_user(name="王小明", phone="13900002222", community=community)


def nonce():
    return uuid.uuid4().hex


def post(client, user, path, body=None):
    response = client.post(path, json=body if body is not None else {}, headers=auth_headers(user))
    return response.status_code, response.get_json()


def race_posts(app, calls):
    """POST each (headers, path, body) from its own thread, released together."""
    barrier = threading.Barrier(len(calls))

    def one(call):
        headers, path, body = call
        client = app.test_client()
        barrier.wait()
        response = client.post(path, json=body, headers=headers)
        return response.status_code, response.get_json()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))
