"""Check-in by hand reaches only the people an organiser may record: their
community's residents and volunteers, and whoever registered for or scanned
into the event. Anyone else is answered exactly like nobody."""
from app.extensions import db
from app.models import CheckIn, User
from tests.factories import auth_headers, make_community, make_organiser, make_registration, make_user


def manual(client, organiser, event, **body):
    response = client.post(f"/api/v1/events/{event.id}/checkins", json=body, headers=auth_headers(organiser))
    return response.status_code, response.get_json()


def other_community_resident():
    return make_user(name="外社区的人", phone="13911112222", community=make_community(name="柠檬社区"))


def test_a_resident_of_another_community_cannot_be_checked_in_by_id(client, event, organiser):
    stranger = other_community_resident()
    nobody = manual(client, organiser, event, user_id=stranger.id + 1000)
    refused = manual(client, organiser, event, user_id=stranger.id)
    assert refused == nobody == (404, refused[1])
    assert refused[1]["error"]["code"] == "user_not_found"
    assert db.session.execute(db.select(CheckIn)).first() is None


def test_a_phone_of_another_community_does_not_reveal_its_owner(client, event, organiser):
    stranger = other_community_resident()
    status, body = manual(client, organiser, event, phone=stranger.phone)
    unknown_status, unknown = manual(client, organiser, event, phone="13900000000")
    assert (status, body) == (unknown_status, unknown)
    assert body["error"]["code"] == "user_not_found" and str(stranger.id) not in str(body)
    # Given a name, the organiser's community registers its own record of the
    # person; the other community's account is never touched or named.
    status, body = manual(client, organiser, event, phone=stranger.phone, name="赵奶奶")
    assert status == 201 and body["user_id"] != stranger.id
    mine = db.session.get(User, body["user_id"])
    assert (mine.name, mine.community_id) == ("赵奶奶", event.host_community_id)
    assert db.session.execute(db.select(CheckIn.user_id)).scalars().all() == [mine.id]


def test_a_registrant_from_elsewhere_may_be_checked_in(client, event, organiser):
    stranger = other_community_resident()
    make_registration(event, stranger)
    assert manual(client, organiser, event, user_id=stranger.id)[0] == 201


def test_an_organiser_of_another_community_cannot_record_at_this_event(client, event, resident):
    other = make_organiser(make_community(name="智格社区"))
    status, body = manual(client, other, event, user_id=resident.id)
    assert (status, body["error"]["code"]) == (403, "out_of_scope")
