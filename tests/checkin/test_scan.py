"""Every answer a resident's scan can get, as the phone sees it."""
from datetime import datetime, timedelta

from app.checkin import event_cache
from app.extensions import db
from app.models import CheckIn, utcnow
from tests.checkin.conftest import error_code, scan
from tests.factories import checkin_token, make_checkin, make_event, make_registration, make_user


def rows(event, direction="in"):
    return db.session.execute(
        db.select(db.func.count()).select_from(CheckIn).where(CheckIn.event_id == event.id,
                                                              CheckIn.direction == direction)
    ).scalar()


def test_checked_in_then_already_checked_in_with_the_original_time(client, event, resident):
    token = checkin_token(event)
    status, first = scan(client, resident, token=token)
    assert status == 201
    assert first["code"] == "checked_in" and first["message"] == "签到成功"
    assert first["event_title"] == "聚沙讲堂：百年党史" and first["method"] == "qr"

    status, again = scan(client, resident, token=checkin_token(event))
    assert status == 200
    assert again["code"] == "already_checked_in"
    assert again["checked_in_at"] == first["checked_in_at"]
    assert "已签到" in again["message"]
    assert rows(event) == 1


def test_checked_out_with_the_time_served(client, community, resident):
    event = make_event(community=community, starts_in=-timedelta(hours=2))
    make_checkin(event, resident, at=utcnow() - timedelta(minutes=95))
    status, body = scan(client, resident, token=checkin_token(event, "checkout"))
    assert status == 201
    assert body["code"] == "checked_out" and body["direction"] == "out"
    assert body["minutes"] == 95
    assert "95 分钟" in body["message"]

    status, again = scan(client, resident, token=checkin_token(event, "checkout"))
    assert (status, again["code"], again["minutes"]) == (200, "already_checked_out", 95)
    assert again["checked_out_at"] == body["checked_out_at"]


def test_check_out_without_check_in_is_refused(client, community, resident):
    event = make_event(community=community, starts_in=-timedelta(minutes=30))
    status, body = scan(client, resident, token=checkin_token(event, "checkout"))
    assert (status, error_code(body)) == (409, "not_checked_in")
    assert rows(event, "out") == 0


def test_before_the_window_opens(client, community, resident):
    event = make_event(community=community, starts_in=timedelta(hours=3))
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, error_code(body)) == (409, "event_not_open")
    assert "开放" in body["error"]["message"]
    assert body["error"]["details"]["opens_at"]


def test_after_the_window_closes(client, community, resident):
    event = make_event(community=community, starts_in=-timedelta(hours=5))
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, error_code(body)) == (409, "event_closed")
    assert rows(event) == 0


def test_a_retry_after_closing_still_gets_its_row(client, community, resident):
    event = make_event(community=community, starts_in=-timedelta(hours=5))
    original = make_checkin(event, resident, at=utcnow() - timedelta(hours=4))
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, body["code"]) == (200, "already_checked_in")
    assert body["checked_in_at"].endswith("+08:00")
    assert abs(datetime.fromisoformat(body["checked_in_at"]) - original.scanned_at) < timedelta(seconds=1)


def test_cancelled_event(client, community, resident):
    event = make_event(community=community, status="cancelled")
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, error_code(body)) == (409, "event_cancelled")


def test_registration_required_admits_the_registered_only(client, community, resident):
    event = make_event(community=community, registration_required=True, capacity=2)
    waiting = make_user(name="候补居民")
    make_registration(event, waiting, status="waitlisted")
    cancelled = make_user(name="取消报名")
    make_registration(event, cancelled, status="cancelled")
    for person in (resident, waiting, cancelled):
        status, body = scan(client, person, token=checkin_token(event))
        assert (status, error_code(body)) == (403, "not_registered")

    make_registration(event, resident)
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, body["code"]) == (201, "checked_in")
    assert rows(event) == 1


def test_capacity_without_registration(client, community):
    event = make_event(community=community, capacity=2)
    people = [make_user() for _ in range(3)]
    answers = [scan(client, p, token=checkin_token(event)) for p in people]
    assert [a[0] for a in answers] == [201, 201, 409]
    assert error_code(answers[2][1]) == "event_full"
    assert "已满" in answers[2][1]["error"]["message"]
    # a full event still answers those already in
    status, body = scan(client, people[0], token=checkin_token(event))
    assert (status, body["code"]) == (200, "already_checked_in")
    assert rows(event) == 2


def test_edits_reach_the_scan_once_the_cache_is_dropped(client, community, resident):
    event = make_event(community=community)
    assert scan(client, make_user(), token=checkin_token(event))[0] == 201
    event.status = "cancelled"
    db.session.commit()
    event_cache.forget(event.id)
    status, body = scan(client, resident, token=checkin_token(event))
    assert (status, error_code(body)) == (409, "event_cancelled")


def test_scanning_needs_a_login(client, event):
    response = client.post("/api/v1/checkins", json={"token": checkin_token(event)})
    assert response.status_code == 401


def test_the_request_shape_is_checked(client, event, resident):
    both = scan(client, resident, token=checkin_token(event), scene="e1-abc")
    neither = scan(client, resident)
    unknown = scan(client, resident, token=checkin_token(event), user_id=99)
    half_location = scan(client, resident, token=checkin_token(event), latitude=30.3)
    for status, body in (both, neither, unknown, half_location):
        assert (status, error_code(body)) == (422, "validation_failed")
    assert rows(event) == 0


def test_qr_scans_store_the_location_when_given(client, event, resident):
    status, _ = scan(client, resident, token=checkin_token(event), latitude=30.31, longitude=120.35)
    assert status == 201
    row = db.session.execute(db.select(CheckIn)).scalar_one()
    assert (row.latitude, row.longitude, row.method) == (30.31, 120.35, "qr")


def test_a_runaway_client_is_throttled(app, client, event, resident, monkeypatch):
    monkeypatch.setitem(app.config, "CHECKIN_SCAN_LIMIT", 3)
    token = checkin_token(event)
    statuses = [scan(client, resident, token=token)[0] for _ in range(3)]
    assert statuses == [201, 200, 200]
    status, body = scan(client, resident, token=token)
    assert (status, error_code(body)) == (429, "rate_limited")
    # another resident is not affected
    assert scan(client, make_user(), token=token)[0] == 201


def test_a_non_json_body_is_a_415(client, resident):
    from tests.factories import auth_headers

    response = client.post("/api/v1/checkins", data="scan!", headers={**auth_headers(resident),
                                                                      "Content-Type": "text/plain"})
    assert (response.status_code, response.get_json()["error"]["code"]) == (415, "unsupported_media_type")
