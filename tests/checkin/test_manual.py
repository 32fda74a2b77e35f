"""Check-in by hand for residents without a smartphone, with an audit trail."""
from datetime import timedelta

from app.auth import policy
from app.extensions import db
from app.models import AuditLog, CheckIn, User
from tests.factories import auth_headers, make_checkin, make_event


def manual(client, organiser, event, **body):
    response = client.post(f"/api/v1/events/{event.id}/checkins", json=body, headers=auth_headers(organiser))
    return response.status_code, response.get_json()


def audits(action):
    return db.session.execute(db.select(AuditLog).where(AuditLog.action == action)).scalars().all()


def test_by_user_id_with_an_audit_row(client, event, organiser, resident):
    status, body = manual(client, organiser, event, user_id=resident.id, note="老人无智能手机")
    assert (status, body["code"], body["method"]) == (201, "checked_in", "manual")
    row = db.session.execute(db.select(CheckIn)).scalar_one()
    assert (row.user_id, row.recorded_by_id, row.note) == (resident.id, organiser.id, "老人无智能手机")
    [entry] = audits("checkin.manual")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (organiser.id, "checkins", str(row.id))
    assert entry.detail["user_id"] == resident.id

    status, again = manual(client, organiser, event, user_id=resident.id)
    assert (status, again["code"]) == (200, "already_checked_in")
    assert len(audits("checkin.manual")) == 1


def test_by_phone(client, event, organiser, resident):
    status, body = manual(client, organiser, event, phone="13812345678")
    assert (status, body["user_id"]) == (201, resident.id)


def test_a_phone_nobody_has_registers_an_offline_resident(client, event, organiser):
    status, body = manual(client, organiser, event, phone="13700001234")
    assert (status, body["error"]["code"]) == (404, "user_not_found")
    assert "姓名" in body["error"]["message"]

    status, body = manual(client, organiser, event, phone="13700001234", name="赵奶奶")
    assert status == 201
    person = db.session.get(User, body["user_id"])
    assert (person.name, person.phone, policy.primary_role(person)) == ("赵奶奶", "13700001234", "resident")
    assert person.openid.startswith("offline:")
    assert len(audits("checkin.offline_resident")) == 1
    # next time the phone alone finds her
    status, body = manual(client, organiser, event, phone="13700001234", direction="in")
    assert (status, body["code"]) == (200, "already_checked_in")


def test_unknown_user_id(client, event, organiser):
    status, body = manual(client, organiser, event, user_id=987654)
    assert (status, body["error"]["code"]) == (404, "user_not_found")


def test_manual_check_out_needs_a_check_in(client, community, organiser, resident):
    event = make_event(community=community, starts_in=-timedelta(hours=2))
    status, body = manual(client, organiser, event, user_id=resident.id, direction="out")
    assert (status, body["error"]["code"]) == (409, "not_checked_in")
    make_checkin(event, resident, at=event.starts_at)
    status, body = manual(client, organiser, event, user_id=resident.id, direction="out")
    assert (status, body["code"], body["minutes"]) == (201, "checked_out", 120)


def test_manual_ignores_registration_and_capacity_but_not_cancellation(client, community, organiser, resident):
    event = make_event(community=community, registration_required=True, capacity=0)
    assert manual(client, organiser, event, user_id=resident.id)[0] == 201
    cancelled = make_event(community=community, status="cancelled")
    status, body = manual(client, organiser, cancelled, user_id=resident.id)
    assert (status, body["error"]["code"]) == (409, "event_cancelled")


def test_manual_after_the_event_types_in_a_paper_sheet(client, community, organiser, resident):
    event = make_event(community=community, starts_in=-timedelta(days=1))
    assert manual(client, organiser, event, user_id=resident.id)[0] == 201
    early = make_event(community=community, starts_in=timedelta(days=2))
    status, body = manual(client, organiser, early, user_id=resident.id)
    assert (status, body["error"]["code"]) == (409, "event_not_open")


def test_request_shape(client, event, organiser, resident):
    for body in ({}, {"user_id": resident.id, "phone": "13812345678"}, {"phone": "12345"},
                 {"user_id": resident.id, "name": "王阿姨"}, {"user_id": resident.id, "direction": "sideways"}):
        assert manual(client, organiser, event, **body)[0] == 422


def test_a_blank_name_registers_nobody(client, event, organiser):
    # Text fields are trimmed first: a blank name is an empty one, refused as such.
    status, body = manual(client, organiser, event, phone="13700001234", name="  ")
    assert (status, list(body["error"]["details"]["json"])) == (422, ["name"])
    assert db.session.execute(db.select(User).where(User.phone == "13700001234")).scalar_one_or_none() is None
    status, body = manual(client, organiser, event, phone="13700001234", name=" 赵奶奶 ")
    assert status == 201
    assert db.session.execute(db.select(User.name).where(User.phone == "13700001234")).scalar_one() == "赵奶奶"
