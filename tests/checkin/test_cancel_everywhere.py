"""An organiser's cancel stops scans in every process at once.

Each process keeps an event's check-in fields for a few seconds; the cancel
drops only its own process's copy. The check-in insert itself refuses a
cancelled event, so a process whose copy still says "open" admits nobody.
Here a second app (its own event cache, as another process has) takes the
organiser's cancel while this one's cache still says open.
"""
import threading
from datetime import timedelta
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from app import create_app
from app.checkin import event_cache
from app.extensions import db
from app.models import CheckIn, Event
from tests.checkin.conftest import error_code, scan
from tests.factories import auth_headers, checkin_token, make_event, make_registration, make_user


@pytest.fixture(scope="module")
def other_process(app_env):
    """Another app process: its own caches, the same database."""
    return create_app(env=app_env)


def cancel_elsewhere(other_process, organiser, event):
    response = other_process.test_client().post(f"/api/v1/events/{event.id}/cancel", json={"reason": "暴雨预警，活动取消"},
                                                headers=auth_headers(organiser))
    assert response.status_code == 200, response.get_json()


def rows(event):
    db.session.expire_all()
    return db.session.execute(db.select(CheckIn.user_id).where(CheckIn.event_id == event.id)).scalars().all()


def this_process_thinks_open(app, event):
    with app.app_context():
        return event_cache.get(event.id).status != "cancelled"


@pytest.mark.parametrize("kind", ["open", "capacity", "registration"])
def test_a_cancel_in_another_process_refuses_the_next_scan_here(
        app, client, other_process, community, organiser, kind):
    fields = {"capacity": 50} if kind == "capacity" else {"registration_required": True} if kind == "registration" else {}
    event = make_event(community=community, **fields)
    early, late = make_user(name="早到"), make_user(name="晚到")
    if kind == "registration":
        make_registration(event, early)
        make_registration(event, late)
    token = checkin_token(event)
    assert scan(client, early, token=token)[0] == 201  # this process now caches the event as open

    cancel_elsewhere(other_process, organiser, event)
    assert db.session.get(Event, event.id).status == "cancelled"
    assert this_process_thinks_open(app, event)

    status, body = scan(client, late, token=token)
    assert (status, error_code(body)) == (409, "event_cancelled")
    assert body["error"]["message"] == "活动已取消"
    assert rows(event) == [early.id]
    assert not this_process_thinks_open(app, event)  # the refusal dropped the stale copy


def test_a_crowd_scanning_after_a_cancel_elsewhere_gets_no_row(app, client, other_process, community, organiser):
    event = make_event(community=community)
    token = checkin_token(event)
    first = make_user()
    assert scan(client, first, token=token)[0] == 201
    crowd = [make_user() for _ in range(30)]
    headers = [auth_headers(person) for person in crowd]
    cancel_elsewhere(other_process, organiser, event)
    assert this_process_thinks_open(app, event)

    barrier = threading.Barrier(len(crowd))

    def one(header):
        local = app.test_client()
        barrier.wait()
        response = local.post("/api/v1/checkins", json={"token": token}, headers=header)
        return response.status_code, response.get_json()["error"]["code"]

    with ThreadPoolExecutor(max_workers=len(crowd)) as pool:
        answers = list(pool.map(one, headers))
    assert Counter(answers) == {(409, "event_cancelled"): len(crowd)}
    assert rows(event) == [first.id]


def test_a_check_out_after_a_cancel_elsewhere_is_refused(app, client, other_process, community, organiser):
    event = make_event(community=community, starts_in=-timedelta(minutes=30))  # under way: check-out is open
    person = make_user()
    assert scan(client, person, token=checkin_token(event))[0] == 201
    assert this_process_thinks_open(app, event)
    cancel_elsewhere(other_process, organiser, event)
    status, body = scan(client, person, token=checkin_token(event, "checkout"))
    assert (status, error_code(body)) == (409, "event_cancelled")
    assert db.session.execute(db.select(CheckIn.direction).where(CheckIn.event_id == event.id)).scalars().all() == ["in"]
