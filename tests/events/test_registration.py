"""Registration (报名) and the waiting list, one resident at a time."""
from datetime import timedelta

from app.extensions import db
from app.models import AuditLog, Registration
from tests.factories import auth_headers, make_community, make_event, make_organiser, make_registration, make_user


def register(client, event, user):
    return client.post(f"/api/v1/events/{event.id}/registration", headers=auth_headers(user))


def withdraw(client, event, user):
    return client.delete(f"/api/v1/events/{event.id}/registration", headers=auth_headers(user))


def statuses(event):
    db.session.expire_all()
    rows = db.session.execute(db.select(Registration).filter_by(event_id=event.id).order_by(Registration.id))
    return {row.user_id: row.status for row in rows.scalars()}


def test_registering_until_full_then_the_waiting_list(client):
    event = make_event(capacity=2, registration_required=True)
    people = [make_user() for _ in range(4)]
    answers = [register(client, event, person) for person in people]
    assert [a.status_code for a in answers] == [201] * 4
    assert [a.get_json()["status"] for a in answers] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert [a.get_json()["position"] for a in answers] == [None, None, 1, 2]
    assert all(a.get_json()["binding"] for a in answers)


def test_registering_twice_is_a_409(client):
    event = make_event(capacity=1, registration_required=True)
    first, second = make_user(), make_user()
    register(client, event, first)
    register(client, event, second)
    again = register(client, event, first)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_registered"
    waiting_again = register(client, event, second)
    assert waiting_again.status_code == 409 and waiting_again.get_json()["error"]["message"] == "您已在候补名单中"
    assert statuses(event) == {first.id: "registered", second.id: "waitlisted"}


def test_cancelled_and_ended_events_refuse_registration(client):
    cancelled = make_event(status="cancelled", cancel_reason="天气原因")
    ended = make_event(starts_in=-timedelta(hours=3), duration=timedelta(hours=1))
    resident = make_user()
    answer = register(client, cancelled, resident)
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "event_cancelled"
    answer = register(client, ended, resident)
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "event_ended"
    assert db.session.execute(db.select(Registration)).first() is None


def test_an_ongoing_event_still_takes_registrations(client):
    event = make_event(starts_in=-timedelta(minutes=20), capacity=3, registration_required=True)
    assert register(client, event, make_user()).get_json()["status"] == "registered"


def test_events_without_registration_record_interest_without_a_waiting_list(client):
    event = make_event(capacity=1, registration_required=False)
    answers = [register(client, event, make_user()) for _ in range(3)]
    assert [a.get_json()["status"] for a in answers] == ["registered"] * 3
    assert not any(a.get_json()["binding"] for a in answers)


def test_cancelling_promotes_the_first_person_waiting(client):
    event = make_event(capacity=1, registration_required=True)
    holder, first_waiting, second_waiting = make_user(), make_user(), make_user()
    for person in (holder, first_waiting, second_waiting):
        register(client, event, person)
    answer = withdraw(client, event, holder)
    assert answer.status_code == 200 and answer.get_json()["status"] == "cancelled"
    assert statuses(event) == {holder.id: "cancelled", first_waiting.id: "registered",
                               second_waiting.id: "waitlisted"}
    mine = client.get(f"/api/v1/events/{event.id}", headers=auth_headers(second_waiting)).get_json()
    assert mine["my_registration"] == {"id": mine["my_registration"]["id"], "status": "waitlisted", "position": 1}


def test_leaving_the_waiting_list_promotes_nobody(client):
    event = make_event(capacity=1, registration_required=True)
    holder, waiting, behind = make_user(), make_user(), make_user()
    for person in (holder, waiting, behind):
        register(client, event, person)
    withdraw(client, event, waiting)
    assert statuses(event) == {holder.id: "registered", waiting.id: "cancelled", behind.id: "waitlisted"}


def test_registering_again_after_cancelling_joins_the_end_of_the_queue(client):
    event = make_event(capacity=1, registration_required=True)
    holder, waiting, returning = make_user(), make_user(), make_user()
    register(client, event, holder)
    register(client, event, returning)
    register(client, event, waiting)
    withdraw(client, event, returning)
    answer = register(client, event, returning)
    assert answer.status_code == 201 and answer.get_json()["position"] == 2
    withdraw(client, event, holder)
    assert statuses(event)[waiting.id] == "registered" and statuses(event)[returning.id] == "waitlisted"


def test_nobody_can_cancel_someone_elses_registration(client):
    event = make_event(capacity=5, registration_required=True)
    owner, stranger = make_user(), make_user()
    register(client, event, owner)
    for other in (stranger, make_organiser(make_community())):
        answer = withdraw(client, event, other)
        assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "registration_not_found"
    assert statuses(event) == {owner.id: "registered"}
    assert client.delete(f"/api/v1/events/{event.id}/registration").status_code == 401


def test_cancelling_after_the_event_ended_is_refused(client):
    event = make_event(starts_in=-timedelta(hours=3), duration=timedelta(hours=1))
    resident = make_user()
    make_registration(event, resident)
    assert withdraw(client, event, resident).get_json()["error"]["code"] == "event_ended"


def test_more_places_move_people_up(client):
    community = make_community()
    event = make_event(community=community, capacity=1, registration_required=True)
    people = [make_user() for _ in range(4)]
    for person in people:
        register(client, event, person)
    response = client.patch(f"/api/v1/events/{event.id}", json={"capacity": 3},
                            headers=auth_headers(make_organiser(community)))
    assert response.status_code == 200 and response.get_json()["registered_count"] == 3
    assert list(statuses(event).values()) == ["registered", "registered", "registered", "waitlisted"]
    row = db.session.execute(db.select(AuditLog)).scalar_one()
    assert len(row.detail["promoted_registrations"]) == 2


def test_my_registrations(client):
    resident = make_user()
    sooner, later, dropped = (make_event(starts_in=timedelta(days=d)) for d in (1, 2, 3))
    make_registration(sooner, resident)
    make_registration(later, resident, status="waitlisted")
    make_registration(dropped, resident, status="cancelled")
    make_registration(sooner, make_user())
    page = client.get("/api/v1/me/registrations", headers=auth_headers(resident)).get_json()
    assert [(item["event"]["id"], item["status"]) for item in page["items"]] == [
        (later.id, "waitlisted"), (sooner.id, "registered")]
    assert page["total"] == 2
    everything = client.get("/api/v1/me/registrations?include_cancelled=true", headers=auth_headers(resident))
    assert everything.get_json()["total"] == 3
    assert client.get("/api/v1/me/registrations").status_code == 401


def test_registrant_list_shows_queue_positions(client):
    community = make_community()
    event = make_event(community=community, capacity=1, registration_required=True)
    people = [make_user() for _ in range(3)]
    for person in people:
        register(client, event, person)
    headers = auth_headers(make_organiser(community))
    page = client.get(f"/api/v1/events/{event.id}/registrations", headers=headers).get_json()
    assert [(item["user"]["id"], item["status"], item["position"]) for item in page["items"]] == [
        (people[0].id, "registered", None), (people[1].id, "waitlisted", 1), (people[2].id, "waitlisted", 2)]
    waiting = client.get(f"/api/v1/events/{event.id}/registrations?status=waitlisted", headers=headers).get_json()
    assert waiting["total"] == 2
