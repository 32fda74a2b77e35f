"""Where check-in meets the other areas: a volunteer's check-out becomes a
pending service record at once, and an organiser's edit applies at once."""
from datetime import timedelta

from app.extensions import db
from app.models import ServiceRecord
from tests.checkin.conftest import error_code, scan
from tests.factories import auth_headers, checkin_token, make_checkin, make_event, make_organiser, make_volunteer


def test_checking_out_of_a_volunteer_activity_makes_a_pending_record(client, community):
    volunteer = make_volunteer(community=community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=2))
    make_checkin(event, volunteer, at=event.starts_at)

    status, body = scan(client, volunteer, token=checkin_token(event, "checkout"))
    assert (status, body["code"]) == (201, "checked_out")

    db.session.expire_all()
    record = db.session.execute(db.select(ServiceRecord).filter_by(event_id=event.id)).scalar_one()
    assert record.user_id == volunteer.id and record.status == "pending"
    hours = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()
    assert [r["status"] for r in hours["records"]] == ["pending"]


def test_a_lecture_check_out_makes_no_service_record(client, community, resident):
    event = make_event(kind="lecture", community=community, starts_in=-timedelta(hours=2))
    make_checkin(event, resident, at=event.starts_at)
    assert scan(client, resident, token=checkin_token(event, "checkout"))[1]["code"] == "checked_out"
    assert db.session.execute(db.select(db.func.count()).select_from(ServiceRecord)).scalar() == 0


def test_cancelling_an_event_stops_check_in_at_once(client, community, resident):
    event = make_event(community=community, starts_in=timedelta(minutes=5))
    organiser = make_organiser(community)
    assert scan(client, resident, token=checkin_token(event))[1]["code"] == "checked_in"  # event now cached

    late_comer = make_volunteer(community=community)
    cancel = client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "暴雨取消"},
                         headers=auth_headers(organiser))
    assert cancel.status_code == 200
    status, body = scan(client, late_comer, token=checkin_token(event))
    assert (status, error_code(body)) == (409, "event_cancelled")
