"""Nonsense is refused with a 422 and a Chinese message the organiser can act on."""
import re
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import Event
from tests.factories import (
    auth_headers,
    event_body,
    make_community,
    make_event,
    make_organiser,
    make_registration,
    make_user,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def shift(body, field, **delta):
    return (datetime.fromisoformat(body[field]) + timedelta(**delta)).isoformat()


def _messages(details):
    for value in details.values():
        if isinstance(value, dict):
            yield from _messages(value)
        else:
            yield from value


def refused(client, headers, body, field):
    response = client.post("/api/v1/events", json=body, headers=headers)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed" and CHINESE.search(error["message"])
    location = error["details"]["json"]
    assert field in location, error
    assert all(CHINESE.search(message) for message in _messages(error["details"])), error
    return location[field][0]


@pytest.fixture()
def organiser_setup(ctx):
    community = make_community()
    return community, auth_headers(make_organiser(community))


CASES = {
    "ends before it starts": (lambda b: {"ends_at": shift(b, "starts_at", minutes=-1)}, "ends_at"),
    "ends when it starts": (lambda b: {"ends_at": b["starts_at"]}, "ends_at"),
    "lasts over a week": (lambda b: {"ends_at": shift(b, "starts_at", days=8)}, "ends_at"),
    "check-in closes before it opens": (lambda b: {"checkin_opens_at": shift(b, "starts_at", minutes=10),
                                                   "checkin_closes_at": shift(b, "starts_at", minutes=5)},
                                        "checkin_closes_at"),
    "check-in opens two days early": (lambda b: {"checkin_opens_at": shift(b, "starts_at", days=-2)},
                                      "checkin_opens_at"),
    "check-in closes after the end": (lambda b: {"checkin_closes_at": shift(b, "ends_at", minutes=1)},
                                      "checkin_closes_at"),
    "check-out before check-in": (lambda b: {"checkout_opens_at": shift(b, "starts_at", minutes=-40)},
                                  "checkout_opens_at"),
    "check-out opens after the end": (lambda b: {"checkout_opens_at": shift(b, "ends_at", minutes=10)},
                                      "checkout_opens_at"),
    "check-out closes two days late": (lambda b: {"checkout_closes_at": shift(b, "ends_at", days=2)},
                                       "checkout_closes_at"),
    "latitude off the globe": (lambda b: {"latitude": 91, "longitude": 120}, "latitude"),
    "longitude off the globe": (lambda b: {"latitude": 30, "longitude": -181}, "longitude"),
    "latitude without longitude": (lambda b: {"latitude": 30.3}, "longitude"),
    "radius too small": (lambda b: {"latitude": 30.3, "longitude": 120.3, "radius_m": 5}, "radius_m"),
    "radius too large": (lambda b: {"latitude": 30.3, "longitude": 120.3, "radius_m": 50_000}, "radius_m"),
    "radius without a place": (lambda b: {"radius_m": 200}, "radius_m"),
    "no places": (lambda b: {"capacity": 0}, "capacity"),
    "unknown kind": (lambda b: {"kind": "party"}, "kind"),
    "lecture nowhere": (lambda b: {"venue": None}, "venue"),
    "lecture crediting hours": (lambda b: {"credits_hours": True}, "credits_hours"),
    "blank title": (lambda b: {"title": "   "}, "title"),
    "title too long": (lambda b: {"title": "长" * 65}, "title"),
    "control characters": (lambda b: {"description": "第一行\n第二行", "venue": "礼堂\x00"}, "venue"),
    "time without offset": (lambda b: {"starts_at": "2027-01-10T09:00:00"}, "starts_at"),
    "not a time": (lambda b: {"ends_at": "明天上午"}, "ends_at"),
    "unknown field": (lambda b: {"organiser_id": 1}, "organiser_id"),
    "both hosts": (lambda b: {"host_member_unit_id": 1}, "host_member_unit_id"),
    "online link not a URL": (lambda b: {"online_url": "javascript:alert(1)"}, "online_url"),
    "already over": (lambda b: {"starts_at": shift(b, "starts_at", days=-10), "ends_at": shift(b, "ends_at", days=-10)},
                     "ends_at"),
    "welfare activity under a lecture": (lambda b: {"kind": "lecture", "parent_id": 1}, "parent_id"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused(client, organiser_setup, case):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id)
    change, field = CASES[case]
    body.update(change(body))
    refused(client, headers, body, field)
    assert db.session.execute(db.select(Event)).first() is None


def test_a_lecture_online_needs_no_venue(client, organiser_setup):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id, venue=None, online_url="https://live.example.cn/jusha")
    assert client.post("/api/v1/events", json=body, headers=headers).status_code == 201


def test_an_unknown_host_is_a_422(client):
    admin = auth_headers(make_user(role="admin"))
    assert refused(client, admin, event_body(host_community_id=9999), "host_community_id") == "社区不存在"


def test_windows_set_by_hand_are_kept(client, organiser_setup):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id)
    body["checkin_opens_at"] = shift(body, "starts_at", hours=-1)
    event = client.post("/api/v1/events", json=body, headers=headers).get_json()
    opens = datetime.fromisoformat(event["checkin_opens_at"])
    assert opens == datetime.fromisoformat(body["starts_at"]) - timedelta(hours=1)


def test_moving_an_event_moves_its_default_windows(client, organiser_setup):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id)
    event = client.post("/api/v1/events", json=body, headers=headers).get_json()
    response = client.patch(f"/api/v1/events/{event['id']}", headers=headers,
                            json={"starts_at": shift(body, "starts_at", days=1),
                                  "ends_at": shift(body, "ends_at", days=1)})
    assert response.status_code == 200, response.get_json()
    for window in ("checkin_opens_at", "checkin_closes_at", "checkout_opens_at", "checkout_closes_at"):
        moved = datetime.fromisoformat(response.get_json()[window]) - datetime.fromisoformat(event[window])
        assert moved == timedelta(days=1), window


def test_hand_set_windows_stay_when_the_event_changes(client, organiser_setup):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id)
    body["checkin_opens_at"] = shift(body, "starts_at", hours=-1)
    event = client.post("/api/v1/events", json=body, headers=headers).get_json()
    response = client.patch(f"/api/v1/events/{event['id']}", headers=headers,
                            json={"ends_at": shift(body, "ends_at", minutes=30)})
    changed = response.get_json()
    assert changed["checkin_opens_at"] == event["checkin_opens_at"]
    closes = datetime.fromisoformat(changed["checkin_closes_at"])
    assert closes == datetime.fromisoformat(body["ends_at"]) + timedelta(minutes=30)


def test_an_edit_that_breaks_a_hand_set_window_is_refused(client, organiser_setup):
    community, headers = organiser_setup
    body = event_body(host_community_id=community.id)
    body["checkin_closes_at"] = shift(body, "ends_at", minutes=-30)
    event = client.post("/api/v1/events", json=body, headers=headers).get_json()
    response = client.patch(f"/api/v1/events/{event['id']}", headers=headers,
                            json={"ends_at": shift(body, "starts_at", minutes=20)})
    assert response.status_code == 422 and response.get_json()["error"]["message"] == "签到截止时间不能晚于活动结束时间"


def test_patch_refuses_changing_the_kind(client, organiser_setup):
    community, headers = organiser_setup
    event = make_event(community=community)
    response = client.patch(f"/api/v1/events/{event.id}", json={"kind": "welfare_day"}, headers=headers)
    assert response.status_code == 422 and "kind" in response.get_json()["error"]["details"]["json"]


def test_capacity_cannot_drop_below_those_registered(client, organiser_setup):
    community, headers = organiser_setup
    event = make_event(community=community, capacity=3, registration_required=True)
    for _ in range(2):
        make_registration(event, make_user())
    response = client.patch(f"/api/v1/events/{event.id}", json={"capacity": 1}, headers=headers)
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "capacity_below_registered"
    assert client.patch(f"/api/v1/events/{event.id}", json={"capacity": 2}, headers=headers).status_code == 200
