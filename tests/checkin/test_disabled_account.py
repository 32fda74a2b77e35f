"""A disabled account (``users.is_active`` false, set by whatever path) is
refused on every authenticated path, the check-in scan included, even while
its token is still live and cached."""
from app.extensions import db
from app.models import CheckIn, User
from tests.checkin.conftest import error_code, scan
from tests.factories import auth_headers, checkin_token


def disable(user):
    db.session.execute(db.update(User).where(User.id == user.id).values(is_active=False))
    db.session.commit()


def test_a_disabled_account_cannot_scan_with_a_live_token(client, event, resident):
    headers = auth_headers(resident)
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # the token is live and cached
    disable(resident)
    status, body = scan(client, headers, token=checkin_token(event))
    assert (status, error_code(body)) == (401, "token_invalid")
    assert db.session.execute(db.select(CheckIn)).first() is None


def test_a_disabled_account_is_refused_everywhere(client, resident):
    headers = auth_headers(resident)
    disable(resident)
    for method, url in (("get", "/api/v1/me"), ("get", "/api/v1/me/hours"), ("get", "/api/v1/events?mine=true")):
        response = getattr(client, method)(url, headers=headers)
        assert response.status_code == 401, url


def test_a_disabled_account_already_in_is_not_told_it_is_in(client, event, resident):
    headers = auth_headers(resident)
    assert scan(client, headers, token=checkin_token(event))[0] == 201
    disable(resident)
    status, body = scan(client, headers, token=checkin_token(event))
    assert (status, error_code(body)) == (401, "token_invalid")


def test_an_organiser_cannot_record_a_disabled_account_by_hand(client, event, organiser, resident):
    disable(resident)
    response = client.post(f"/api/v1/events/{event.id}/checkins", json={"user_id": resident.id},
                           headers=auth_headers(organiser))
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "user_not_found")
    assert db.session.execute(db.select(CheckIn)).first() is None
