"""The live roll call, and arrivals checking in at the whistle's event with
the existing rotating QR code (so their hours count as any volunteer's)."""
from app.extensions import db
from app.models import Event, ServiceRecord
from tests.factories import auth_headers, checkin_token, make_checkin, make_team, make_user, make_volunteer
from tests.whistles.conftest import raise_whistle, report


def roll_call(client, user, whistle_id):
    response = client.get(f"/api/v1/whistles/{whistle_id}/roll-call", headers=auth_headers(user))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_who_reported_who_did_not_and_who_came(client, alliance):
    school, hospital, power = alliance.units
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    event = db.session.get(Event, whistle["event_id"])
    school_contact = alliance.contacts[school.id][0]
    assert report(client, school_contact, whistle["id"], school, people_count=6).status_code == 201
    assert report(client, alliance.contacts[hospital.id][0], whistle["id"], hospital, people_count=3).status_code == 201

    before = roll_call(client, alliance.staff, whistle["id"])
    assert before["totals"] == {"units": 3, "reported": 2, "not_reported": 1, "response_rate": 0.6667,
                                "average_response_minutes": 0.0, "people_promised": 9, "checked_in": 0,
                                "checked_in_for_units": 0, "checked_out": 0}
    assert [u["unit"]["name"] for u in before["units"]][-1] == "下沙供电所", "the silent unit last"
    silent = before["units"][-1]
    assert silent["reported"] is False and silent["response_minutes"] is None and silent["contacts"] == 1

    # Arrivals: the school's contact, a volunteer of the hospital's own squad,
    # and a resident who came to help (belongs to no unit).
    hospital_squad = make_team("人民医院志愿服务中队", member_unit=hospital)
    nurse = make_volunteer(team=hospital_squad, name="护士小王")
    passer_by = make_user(name="热心居民")
    for person in (school_contact, nurse, passer_by):
        make_checkin(event, person, "in")
    make_checkin(event, nurse, "out")

    after = roll_call(client, alliance.staff, whistle["id"])
    by_name = {u["unit"]["name"]: u for u in after["units"]}
    assert (by_name["下沙中学"]["checked_in"], by_name["下沙中学"]["people_promised"]) == (1, 6)
    assert (by_name["钱塘区人民医院"]["checked_in"], by_name["钱塘区人民医院"]["checked_out"]) == (1, 1)
    assert by_name["下沙供电所"]["checked_in"] == 0
    assert after["totals"]["checked_in"] == 3 and after["totals"]["checked_in_for_units"] == 2
    assert after["totals"]["checked_out"] == 1
    # A unit's contact follows the roll call too.
    assert roll_call(client, school_contact, whistle["id"])["totals"]["reported"] == 2


def test_arrivals_scan_the_rotating_code_and_their_hours_are_recorded(client, alliance):
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    event = db.session.get(Event, whistle["event_id"])
    volunteer = make_volunteer(name="下沙中学团员")
    headers = auth_headers(volunteer)
    response = client.post("/api/v1/checkins", json={"token": checkin_token(event), "event_id": event.id},
                           headers=headers)
    assert response.status_code in (200, 201), response.get_json()
    # The organiser shows the code from the existing flow.
    qr = client.get(f"/api/v1/events/{event.id}/qrcode", query_string={"format": "json"},
                    headers=auth_headers(alliance.staff))
    assert qr.status_code == 200, qr.get_json()
    response = client.post("/api/v1/checkins", json={"token": checkin_token(event, "checkout"), "event_id": event.id},
                           headers=headers)
    assert response.status_code in (200, 201), response.get_json()
    db.session.expire_all()
    record = db.session.execute(db.select(ServiceRecord).filter_by(event_id=event.id,
                                                                   user_id=volunteer.id)).scalar_one()
    assert record.checkout_at is not None
    assert roll_call(client, alliance.staff, whistle["id"])["totals"]["checked_in"] == 1
