"""Who may see and do what: residents read no attendance, organisers touch
only the events of the communities and member units they manage."""
import pytest

from tests.checkin.conftest import scan
from tests.factories import (
    auth_headers,
    checkin_token,
    make_community,
    make_event,
    make_member_unit,
    make_organiser,
    make_user,
)

ORGANISER_CALLS = [
    ("get", "/api/v1/events/{id}/qrcode", None),
    ("get", "/api/v1/events/{id}/qrcode?format=json", None),
    ("get", "/api/v1/events/{id}/poster", None),
    ("post", "/api/v1/events/{id}/projector-link", {}),
    ("post", "/api/v1/events/{id}/checkins", {"user_id": "{user}"}),
    ("get", "/api/v1/events/{id}/attendance", None),
    ("get", "/api/v1/events/{id}/attendance?format=csv", None),
    ("get", "/api/v1/events/{id}/attendance?format=xlsx", None),
    ("get", "/api/v1/events/{id}/attendance/chart.png", None),
]


def call(client, user, method, url, body, event, target):
    url = url.format(id=event.id)
    if body is not None:
        body = {k: (target.id if v == "{user}" else v) for k, v in body.items()}
    return getattr(client, method)(url, json=body, headers=auth_headers(user))


@pytest.mark.parametrize("method,url,body", ORGANISER_CALLS)
def test_a_resident_gets_403_everywhere(client, event, resident, method, url, body):
    other = make_user()
    scan(client, other, token=checkin_token(event))
    response = call(client, resident, method, url, body, event, other)
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "forbidden")


@pytest.mark.parametrize("method,url,body", ORGANISER_CALLS)
def test_an_organiser_of_another_community_gets_403(client, event, resident, method, url, body):
    stranger = make_organiser(make_community(name="柠檬社区"))
    response = call(client, stranger, method, url, body, event, resident)
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "out_of_scope")


@pytest.mark.parametrize("method,url,body", ORGANISER_CALLS)
def test_the_organiser_in_scope_and_an_admin_may(client, event, organiser, resident, method, url, body):
    for user in (organiser, make_user(role="admin")):
        response = call(client, user, method, url, body, event, resident)
        assert response.status_code in (200, 201), response.get_json()


def test_member_unit_organisers_manage_their_units_events(client, ctx, resident):
    unit = make_member_unit(name="下沙中学")
    event = make_event(member_unit=unit)
    unit_organiser = make_organiser(unit)
    community_organiser = make_organiser(make_community())
    assert call(client, unit_organiser, "get", "/api/v1/events/{id}/attendance", None, event, resident).status_code == 200
    assert call(client, community_organiser, "get", "/api/v1/events/{id}/attendance", None, event,
                resident).status_code == 403


def test_subdistrict_events_are_for_admins(client, ctx, resident):
    event = make_event()  # hosted by the subdistrict itself
    organiser = make_organiser(make_community())
    assert call(client, organiser, "get", "/api/v1/events/{id}/attendance", None, event, resident).status_code == 403
    admin = make_user(role="admin")
    assert call(client, admin, "get", "/api/v1/events/{id}/attendance", None, event, resident).status_code == 200


def test_a_missing_event_is_404(client, organiser):
    response = client.get("/api/v1/events/999999/attendance", headers=auth_headers(organiser))
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "not_found")


def test_monthly_chart_is_for_staff_only(client, resident, organiser):
    assert client.get("/api/v1/attendance/monthly/chart.png", headers=auth_headers(resident)).status_code == 403
    assert client.get("/api/v1/attendance/monthly/chart.png", headers=auth_headers(organiser)).status_code == 200
    assert client.get("/api/v1/attendance/monthly/chart.png").status_code == 401


def test_ids_beyond_the_database_integer_are_404_or_422(client, organiser, event):
    headers = auth_headers(organiser)
    assert client.get("/api/v1/events/99999999999/attendance", headers=headers).status_code == 404
    response = client.post(f"/api/v1/events/{event.id}/checkins", json={"user_id": 99999999999}, headers=headers)
    assert response.status_code == 422
