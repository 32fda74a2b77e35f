"""Publishing, reading and listing events, as the mini-program sees them."""
from datetime import datetime, timedelta, timezone

from app.events.service import event_for_scene, get_event_or_404
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import AuditLog, Event
from tests.factories import (
    auth_headers,
    event_body,
    make_community,
    make_event,
    make_member_unit,
    make_organiser,
    make_registration,
    make_user,
)


def test_an_organiser_publishes_a_lecture_with_default_windows(client):
    community = make_community(name="铭和社区")
    organiser = make_organiser(community)
    body = event_body(host_community_id=community.id, title="百年党史知多少", latitude=30.3095,
                      longitude=120.355)
    response = client.post("/api/v1/events", json=body, headers=auth_headers(organiser))
    assert response.status_code == 201, response.get_json()
    event = response.get_json()
    starts = datetime.fromisoformat(body["starts_at"])
    ends = datetime.fromisoformat(body["ends_at"])
    assert event["host_name"] == "铭和社区" and event["status"] == "published" and event["phase"] == "upcoming"
    assert datetime.fromisoformat(event["checkin_opens_at"]) == starts - timedelta(minutes=30)
    assert datetime.fromisoformat(event["checkin_closes_at"]) == ends
    assert datetime.fromisoformat(event["checkout_opens_at"]) == starts
    assert datetime.fromisoformat(event["checkout_closes_at"]) == ends + timedelta(hours=1)
    assert event["radius_m"] == 300 and event["credits_hours"] is False and event["can_manage"] is True
    assert event["starts_at"].endswith("+08:00")
    assert len(event["scene"]) <= 32
    assert [row.action for row in db.session.execute(db.select(AuditLog)).scalars()] == ["event.create"]


def test_any_offset_is_accepted_and_stored_in_utc(client):
    community = make_community()
    body = event_body(host_community_id=community.id)
    utc_start = datetime.fromisoformat(body["starts_at"]).astimezone(timezone.utc)
    body["starts_at"] = utc_start.strftime("%Y-%m-%dT%H:%M:%SZ")
    body["ends_at"] = (utc_start + timedelta(hours=2)).astimezone(timezone(timedelta(hours=-5))).isoformat()
    response = client.post("/api/v1/events", json=body, headers=auth_headers(make_organiser(community)))
    assert response.status_code == 201, response.get_json()
    stored = db.session.get(Event, response.get_json()["id"])
    assert stored.starts_at == utc_start and stored.starts_at.utcoffset() == timedelta(0)
    assert stored.ends_at - stored.starts_at == timedelta(hours=2)


def test_volunteer_activities_credit_hours_by_default(client):
    community = make_community()
    body = event_body(kind="volunteer_activity", host_community_id=community.id, capacity=20)
    event = client.post("/api/v1/events", json=body, headers=auth_headers(make_organiser(community))).get_json()
    assert event["credits_hours"] is True and event["capacity"] == 20


def test_scenes_are_unique_and_resolve_to_their_event(client):
    community = make_community()
    headers = auth_headers(make_organiser(community))
    ids = [client.post("/api/v1/events", json=event_body(host_community_id=community.id), headers=headers)
           .get_json()["id"] for _ in range(3)]
    scenes = [db.session.get(Event, event_id).scene for event_id in ids]
    assert len(set(scenes)) == 3
    assert [event_for_scene(scene).id for scene in scenes] == ids
    assert event_for_scene("no-such-scene") is None
    assert event_for_scene("x" * 33) is None and event_for_scene("中文") is None and event_for_scene(None) is None


def test_get_event_or_404(ctx):
    event = make_event()
    assert get_event_or_404(event.id).id == event.id
    for missing in (event.id + 1, 0, -1, 10**12, "abc", None):
        try:
            get_event_or_404(missing)
        except Exception as exc:  # noqa: BLE001 - asserting on the API error below
            assert getattr(exc, "status", None) == 404 and exc.code == "not_found"
        else:
            raise AssertionError(f"{missing!r} found")


def test_detail_shows_counts_my_status_and_host(client):
    unit = make_member_unit(name="下沙中学")
    event = make_event(member_unit=unit, capacity=1, registration_required=True)
    first, second = make_user(), make_user()
    make_registration(event, first)
    make_registration(event, second, status="waitlisted")
    anonymous = client.get(f"/api/v1/events/{event.id}").get_json()
    assert anonymous["host_name"] == "下沙中学" and anonymous["my_registration"] is None
    assert (anonymous["registered_count"], anonymous["waitlisted_count"]) == (1, 1)
    assert anonymous["can_manage"] is False
    mine = client.get(f"/api/v1/events/{event.id}", headers=auth_headers(second)).get_json()
    assert mine["my_registration"]["status"] == "waitlisted" and mine["my_registration"]["position"] == 1
    subdistrict = make_event()
    assert client.get(f"/api/v1/events/{subdistrict.id}").get_json()["host_name"] == "下沙街道"


def test_a_welfare_day_lists_its_activities_and_each_activity_its_day(client):
    minghe, ningmeng = make_community(name="铭和社区"), make_community(name="柠檬社区")
    day = make_event(kind="welfare_day", theme="温馨五月·感恩母亲")
    activities = [make_event(kind="welfare_day", community=c, parent_id=day.id) for c in (minghe, ningmeng)]
    detail = client.get(f"/api/v1/events/{day.id}").get_json()
    assert [a["id"] for a in detail["activities"]] == [a.id for a in activities]
    assert {a["host_name"] for a in detail["activities"]} == {"铭和社区", "柠檬社区"}
    child = client.get(f"/api/v1/events/{activities[0].id}").get_json()
    assert child["parent"]["id"] == day.id and child["parent"]["theme"] == "温馨五月·感恩母亲"


def test_unknown_events_are_404(client):
    organiser = make_user(role="admin")
    headers = auth_headers(organiser)
    assert client.get("/api/v1/events/999").status_code == 404
    assert client.get("/api/v1/events/999").get_json()["error"]["message"] == "活动不存在"
    assert client.patch("/api/v1/events/999", json={"title": "新"}, headers=headers).status_code == 404
    assert client.post("/api/v1/events/999/cancel", json={"reason": "天气原因"}, headers=headers).status_code == 404
    assert client.post("/api/v1/events/999/registration", headers=headers).status_code == 404
    assert client.delete("/api/v1/events/999/registration", headers=headers).status_code == 404
    assert client.get("/api/v1/events/999/registrations", headers=headers).status_code == 404
    assert client.get("/api/v1/events/99999999999999/registrations", headers=headers).status_code == 404


def _ids(client, query, headers=None):
    response = client.get(f"/api/v1/events?{query}", headers=headers or {})
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_filters_by_kind_and_community(client):
    minghe, zhige = make_community(), make_community()
    school = make_member_unit(community=minghe)
    lecture = make_event(kind="lecture", community=minghe)
    service = make_event(kind="volunteer_activity", community=zhige, starts_in=timedelta(hours=1))
    at_school = make_event(kind="lecture", member_unit=school, starts_in=timedelta(hours=2))
    assert _ids(client, "kind=volunteer_activity") == [service.id]
    assert _ids(client, f"community={minghe.id}") == [lecture.id, at_school.id]
    assert _ids(client, f"community={zhige.id}&kind=lecture") == []
    assert client.get("/api/v1/events?kind=party").status_code == 422


def test_filters_by_dates_in_shanghai_and_datetimes(client):
    today = datetime.now(CHINA_TZ).date()
    base = datetime.combine(today + timedelta(days=10), datetime.min.time(), tzinfo=CHINA_TZ)
    early = make_event(starts_in=base + timedelta(hours=1) - datetime.now(timezone.utc))  # 01:00 Shanghai
    late = make_event(starts_in=base + timedelta(hours=23) - datetime.now(timezone.utc),
                      duration=timedelta(minutes=30))  # 23:00 Shanghai
    next_day = make_event(starts_in=base + timedelta(days=1, hours=9) - datetime.now(timezone.utc))
    day = base.date().isoformat()
    # 01:00 Shanghai is the previous day in UTC; the date still means the Shanghai day.
    assert _ids(client, f"from={day}&to={day}") == [early.id, late.id]
    assert _ids(client, f"from={(base.date() + timedelta(days=1)).isoformat()}") == [next_day.id]
    noon = (base + timedelta(hours=12)).isoformat().replace("+", "%2B")
    assert _ids(client, f"from={noon}&to={day}") == [late.id]
    assert client.get(f"/api/v1/events?from={day}&to={(base.date() - timedelta(days=1)).isoformat()}") \
        .status_code == 422
    assert client.get("/api/v1/events?from=next-week").get_json()["error"]["details"]["query"]["from"]


def test_mine_for_residents_and_organisers(client):
    minghe, zhige = make_community(), make_community()
    resident = make_user()
    organiser = make_organiser(minghe)
    ours = make_event(community=minghe)
    theirs = make_event(community=zhige, starts_in=timedelta(hours=1))
    registered = make_event(community=zhige, starts_in=timedelta(hours=2))
    cancelled_registration = make_event(community=zhige, starts_in=timedelta(hours=3))
    make_registration(registered, resident)
    make_registration(cancelled_registration, resident, status="cancelled")
    make_registration(registered, organiser)
    assert _ids(client, "mine=true", auth_headers(resident)) == [registered.id]
    assert _ids(client, "mine=true", auth_headers(organiser)) == [ours.id, registered.id]
    assert _ids(client, "mine=true", auth_headers(make_user(role="admin"))) == [
        ours.id, theirs.id, registered.id, cancelled_registration.id]
    assert client.get("/api/v1/events?mine=true").status_code == 401


def test_lists_show_my_status_and_counts(client):
    event = make_event(capacity=5, registration_required=True)
    resident = make_user()
    make_registration(event, resident)
    item = client.get("/api/v1/events", headers=auth_headers(resident)).get_json()["items"][0]
    assert item["my_registration"]["status"] == "registered" and item["registered_count"] == 1


def test_offset_and_cursor_pagination(client):
    events = [make_event(starts_in=timedelta(hours=i)) for i in range(7)]
    expected = [event.id for event in events]
    page = client.get("/api/v1/events?limit=3&offset=3").get_json()
    assert [item["id"] for item in page["items"]] == expected[3:6] and page["total"] == 7
    seen, cursor = [], None
    while True:
        query = "limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/api/v1/events?{query}").get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    assert client.get("/api/v1/events?cursor=garbage!").status_code == 422
    assert client.get("/api/v1/events?limit=500").status_code == 422
    assert client.get("/api/v1/events?limit=3&offset=3&cursor=" + cursor_of(client)).status_code == 422


def cursor_of(client):
    return client.get("/api/v1/events?limit=1").get_json()["next_cursor"]
