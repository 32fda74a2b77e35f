"""Organisers act only on events in their scope; admins anywhere; residents never."""
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import AuditLog, Event, Registration
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


def audit_actions():
    db.session.expire_all()
    return [row.action for row in db.session.execute(db.select(AuditLog).order_by(AuditLog.id)).scalars()]


def snapshot(event_id):
    db.session.expire_all()
    event = db.session.get(Event, event_id)
    return {column.key: getattr(event, column.key) for column in Event.__table__.columns}


def test_a_resident_cannot_create_events(client):
    community = make_community()
    for role in ("resident", "volunteer"):
        response = client.post("/api/v1/events", json=event_body(host_community_id=community.id),
                               headers=auth_headers(make_user(role=role, community=community)))
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert client.post("/api/v1/events", json=event_body()).status_code == 401
    assert db.session.execute(db.select(Event)).first() is None and audit_actions() == []


@pytest.mark.parametrize("host", ["community", "member_unit", "subdistrict"])
def test_an_organiser_cannot_create_outside_their_scope(client, host):
    mine, other = make_community(), make_community()
    organiser = make_organiser(mine, make_member_unit())
    fields = {"community": {"host_community_id": other.id},
              "member_unit": {"host_member_unit_id": make_member_unit().id},
              "subdistrict": {}}[host]
    response = client.post("/api/v1/events", json=event_body(**fields), headers=auth_headers(organiser))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "out_of_scope"
    assert db.session.execute(db.select(Event)).first() is None and audit_actions() == []


def test_an_organiser_of_a_member_unit_publishes_for_it(client):
    unit = make_member_unit(name="钱塘区人民医院")
    response = client.post("/api/v1/events", json=event_body(host_member_unit_id=unit.id),
                           headers=auth_headers(make_organiser(unit)))
    assert response.status_code == 201 and response.get_json()["host_name"] == "钱塘区人民医院"


def test_admins_publish_anywhere_including_the_subdistrict(client):
    admin = make_user(role="admin")
    response = client.post("/api/v1/events", json=event_body(), headers=auth_headers(admin))
    assert response.status_code == 201 and response.get_json()["host_name"] == "下沙街道"
    response = client.post("/api/v1/events", json=event_body(host_community_id=make_community().id),
                           headers=auth_headers(admin))
    assert response.status_code == 201


def test_an_organiser_cannot_edit_or_cancel_outside_their_scope(client):
    mine, other = make_community(), make_community()
    organiser = make_organiser(mine)
    theirs = make_event(community=other, capacity=5, registration_required=True)
    subdistrict = make_event()
    headers = auth_headers(organiser)
    for event in (theirs, subdistrict):
        before = snapshot(event.id)
        response = client.patch(f"/api/v1/events/{event.id}", json={"title": "改了"}, headers=headers)
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "out_of_scope"
        response = client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "不想办了"}, headers=headers)
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "out_of_scope"
        assert snapshot(event.id) == before
    # Nor move one of their own events into someone else's community.
    own = make_event(community=mine)
    before = snapshot(own.id)
    response = client.patch(f"/api/v1/events/{own.id}", json={"host_community_id": other.id}, headers=headers)
    assert response.status_code == 403 and snapshot(own.id) == before
    assert audit_actions() == []


def test_edit_in_scope_is_audited_with_old_and_new_values(client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community)
    response = client.patch(f"/api/v1/events/{event.id}", json={"title": "垃圾分类宣传", "capacity": 30},
                            headers=auth_headers(organiser))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["title"] == "垃圾分类宣传" and response.get_json()["capacity"] == 30
    row = db.session.execute(db.select(AuditLog)).scalar_one()
    assert row.action == "event.update" and row.actor_id == organiser.id
    assert row.detail["capacity"] == [None, 30] and row.detail["title"][1] == "垃圾分类宣传"


def test_cancelling_keeps_registrations_and_shows_the_reason(client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community, capacity=10, registration_required=True)
    resident = make_user()
    make_registration(event, resident)
    response = client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "台风预警，活动取消"},
                           headers=auth_headers(organiser))
    assert response.status_code == 200
    shown = client.get(f"/api/v1/events/{event.id}", headers=auth_headers(resident)).get_json()
    assert shown["status"] == "cancelled" and shown["phase"] == "cancelled"
    assert shown["cancel_reason"] == "台风预警，活动取消" and shown["my_registration"]["status"] == "registered"
    assert db.session.execute(db.select(Registration)).scalar_one().status == "registered"
    again = client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "再取消一次"}, headers=auth_headers(organiser))
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "event_cancelled"
    edit = client.patch(f"/api/v1/events/{event.id}", json={"title": "复活"}, headers=auth_headers(organiser))
    assert edit.status_code == 409
    assert audit_actions() == ["event.cancel"]
    assert client.post(f"/api/v1/events/{event.id}/cancel", json={}, headers=auth_headers(organiser)).status_code == 422


def test_an_ended_event_cannot_be_cancelled(client):
    community = make_community()
    event = make_event(community=community, starts_in=-timedelta(hours=5), duration=timedelta(hours=1))
    response = client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "补录取消"},
                           headers=auth_headers(make_organiser(community)))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "event_ended"


def test_cancelling_a_welfare_day_cancels_its_activities(client):
    community = make_community()
    day = make_event(kind="welfare_day")
    activity = make_event(kind="welfare_day", community=community, parent_id=day.id)
    organiser_response = client.post(f"/api/v1/events/{day.id}/cancel", json={"reason": "统一改期"},
                                     headers=auth_headers(make_organiser(community)))
    assert organiser_response.status_code == 403  # the month's day is the subdistrict's
    response = client.post(f"/api/v1/events/{day.id}/cancel", json={"reason": "统一改期"},
                           headers=auth_headers(make_user(role="admin")))
    assert response.status_code == 200
    assert client.get(f"/api/v1/events/{activity.id}").get_json()["status"] == "cancelled"


def test_a_community_organiser_edits_their_welfare_day_activity(client):
    community = make_community()
    day = make_event(kind="welfare_day", theme="学雷锋·志愿先行")
    activity = make_event(kind="welfare_day", community=community, parent_id=day.id, theme=day.theme)
    response = client.patch(f"/api/v1/events/{activity.id}", json={"venue": "社区广场", "latitude": 30.31,
                            "longitude": 120.35}, headers=auth_headers(make_organiser(community)))
    assert response.status_code == 200 and response.get_json()["radius_m"] == 300
    # An admin's new theme for the month reaches the activities still showing the old one.
    client.patch(f"/api/v1/events/{day.id}", json={"theme": "学雷锋·文明实践"}, headers=auth_headers(make_user(role="admin")))
    assert client.get(f"/api/v1/events/{activity.id}").get_json()["theme"] == "学雷锋·文明实践"


def test_registrant_lists_are_for_the_events_organisers_only(client):
    mine, other = make_community(), make_community()
    event = make_event(community=mine, capacity=5, registration_required=True)
    resident = make_user(phone="13800000001")
    make_registration(event, resident)
    path = f"/api/v1/events/{event.id}/registrations"
    for outsider in (resident, make_user(), make_organiser(other)):
        response = client.get(path, headers=auth_headers(outsider))
        assert response.status_code == 403
    assert client.get(path).status_code == 401
    listed = client.get(path, headers=auth_headers(make_organiser(mine))).get_json()
    assert [(item["user"]["id"], item["user"]["phone"], item["status"]) for item in listed["items"]] == [
        (resident.id, "13800000001", "registered")]


def test_the_poster_scene_is_shown_to_the_events_organisers_only(client):
    home, other = make_community(), make_community()
    event = make_event(community=home, latitude=30.3095, longitude=120.355)
    organiser, stranger = make_organiser(home), make_organiser(other)

    def scenes(headers):
        detail = client.get(f"/api/v1/events/{event.id}", headers=headers).get_json()
        listed = client.get("/api/v1/events", headers=headers).get_json()["items"]
        return detail["scene"], [item["scene"] for item in listed if item["id"] == event.id]

    assert scenes(auth_headers(organiser)) == (event.scene, [event.scene])
    for headers in ({}, auth_headers(make_user()), auth_headers(stranger)):
        assert scenes(headers) == (None, [None])
