"""PIPL: the person sees all that is held about them, the ID number is never
shown in clear, and closing the account anonymises them while hours stay."""
from app.extensions import db
from app.models import AuditLog, HoursLedgerEntry, TeamMembership, User, VolunteerProfile
from app.volunteers.consent import CONSENT_VERSION
from tests.factories import (
    auth_headers,
    grant,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_id_number,
    make_member_unit,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)
from tests.support.concurrency import race


def _registered_volunteer(client, community, squad, organiser):
    number = make_id_number()
    user = make_user(community=community, phone="13655556666")
    client.post("/api/v1/me/volunteer", headers=auth_headers(user), json={
        "consent_version": CONSENT_VERSION, "consent_agreed": True, "real_name": "孙丽", "phone": "13655556666",
        "id_number": number, "community_id": community.id, "team_id": squad.id, "skills": ["心理疏导"]})
    client.post(f"/api/v1/volunteers/{user.id}/review", json={"decision": "approve"},
                headers=auth_headers(organiser))
    return user, number


def test_the_id_number_is_masked_in_every_response(client, ctx):
    community = make_community()
    squad = make_team(community=community)
    organiser = make_organiser(community)
    user, number = _registered_volunteer(client, community, squad, organiser)
    record = make_hours(user, hours=2, community=community, approver=organiser)
    mine, staff = auth_headers(user), auth_headers(organiser)
    serial = client.post("/api/v1/me/certificates", json={}, headers=mine).get_json()["serial"]
    responses = [
        client.get("/api/v1/me/volunteer", headers=mine),
        client.get("/api/v1/me/data", headers=mine),
        client.get("/api/v1/me/hours", headers=mine),
        client.get("/api/v1/me/certificates", headers=mine),
        client.get("/api/v1/volunteers", headers=staff),
        client.get(f"/api/v1/volunteers/{user.id}", headers=staff),
        client.get(f"/api/v1/hours/volunteers/{user.id}", headers=staff),
        client.get(f"/api/v1/hours/events/{record.event_id}/records", headers=staff),
        client.get(f"/verify/{serial}"),
    ]
    masked = number[:4] + "*" * 10 + number[-4:]
    for response in responses:
        assert response.status_code == 200, response.request.path
        text = response.get_data(as_text=True)
        assert number not in text and number[6:14] not in text, response.request.path
    assert masked in responses[0].get_data(as_text=True)


def test_my_data_holds_everything_kept_about_me(client, ctx):
    community = make_community()
    squad = make_team("柠檬中队", community=community)
    organiser = make_organiser(community)
    user, number = _registered_volunteer(client, community, squad, organiser)
    record = make_hours(user, hours=2, community=community, approver=organiser)
    lecture = make_event(kind="lecture")
    make_checkin(lecture, user, "in")
    data = client.get("/api/v1/me/data", headers=auth_headers(user)).get_json()
    assert data["account"]["phone"] == "13655556666"
    assert data["volunteer"]["real_name"] == "孙丽" and data["volunteer"]["skills"] == ["心理疏导"]
    assert data["consent"]["version"] == CONSENT_VERSION and "志愿服务证明" in data["consent"]["purpose"]
    assert [m["team_name"] for m in data["memberships"]] == ["柠檬中队"]
    assert data["hours"]["total_hours"] == 2.0
    assert [e["service_record_id"] for e in data["ledger"]] == [record.id]
    assert {c["event_id"] for c in data["checkins"]} == {record.event_id, lecture.id}
    assert len(data["sessions"]) >= 1
    assert "id_number_encrypted" not in str(data) and "id_number_digest" not in str(data)


def test_closing_the_account_anonymises_the_person_and_keeps_the_hours(client, ctx):
    community = make_community()
    squad = make_team(community=community)
    organiser = make_organiser(community)
    user, number = _registered_volunteer(client, community, squad, organiser)
    make_hours(user, hours=2, community=community, approver=organiser)
    make_hours(user, hours=1.25, community=community, approver=organiser, days_ago=3)
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(user)).get_json()["serial"]
    headers = auth_headers(user)
    team_before = client.get(f"/api/v1/hours/teams/{squad.id}", headers=auth_headers(organiser)).get_json()

    assert client.post("/api/v1/me/close-account", json={"confirm": False}, headers=headers).status_code == 422
    closed = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=headers)
    assert closed.status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401

    db.session.expire_all()
    person = db.session.get(User, user.id)
    assert (person.name, person.phone, person.is_active) == (None, None, False)
    assert person.openid.startswith("closed:")
    profile = db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user.id)).scalar_one()
    assert profile.status == "closed" and profile.real_name == "已注销用户" and profile.phone == ""
    assert profile.id_number_encrypted is None and profile.id_number_masked is None
    assert profile.id_number_digest is None
    ledger_total = db.session.execute(
        db.select(db.func.sum(HoursLedgerEntry.minutes)).where(HoursLedgerEntry.user_id == user.id)).scalar_one()
    assert ledger_total == 195

    admin = auth_headers(make_user(role="admin"))
    board = client.get("/api/v1/hours/leaderboard?by=squad", headers=admin).get_json()["rows"]
    assert [(r["id"], r["minutes"]) for r in board] == [(squad.id, 195)]
    team_after = client.get(f"/api/v1/hours/teams/{squad.id}", headers=auth_headers(organiser)).get_json()
    assert team_after["total_minutes"] == team_before["total_minutes"] == 195
    assert team_after["member_count"] == 0
    page = client.get(f"/verify/{serial}").get_data(as_text=True)
    assert "真实有效" in page and "孙*" in page
    assert db.session.execute(db.select(AuditLog).where(AuditLog.action == "user.close_account")).scalar_one()

    # the same ID number may register again as a new person
    again = make_user()
    response = client.post("/api/v1/me/volunteer", headers=auth_headers(again), json={
        "consent_version": CONSENT_VERSION, "consent_agreed": True, "real_name": "孙丽", "phone": "13655556666",
        "id_number": number, "community_id": community.id, "team_id": squad.id})
    assert response.status_code == 201


def test_staff_accounts_are_not_closed_by_themselves(client, ctx):
    organiser = make_organiser(make_community())
    response = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(organiser))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "staff_cannot_close"


def test_closing_the_account_while_an_organiser_approves_leaves_no_current_squad(app, ctx):
    """Whichever lands first, a closed account ends with no open squad
    membership and the profile closed."""
    from app.volunteers import service
    from app.volunteers.privacy import close_account

    community = make_community()
    squad = make_team(community=community)
    organiser_id = make_organiser(community).id
    user_ids = [make_volunteer(team=squad, community=community, status="pending").id for _ in range(6)]

    def work(i):
        user_id = user_ids[i // 2]
        if i % 2:
            return close_account(db.session.get(User, user_id))
        actor = db.session.get(User, organiser_id)
        return service.review(actor, service.profile_for_staff(actor, user_id), "approve")

    outcomes = race(app, work, len(user_ids) * 2)
    assert all(o.code == "application_not_pending" for o in outcomes if isinstance(o, Exception))
    for user_id in user_ids:
        profile = db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user_id)).scalar_one()
        assert profile.status == "closed"
        assert db.session.execute(db.select(TeamMembership).where(
            TeamMembership.user_id == user_id, TeamMembership.left_at.is_(None))).first() is None


def test_a_unit_contact_hands_the_role_over_before_closing(client, ctx):
    contact = grant(make_user(), "unit_contact", make_member_unit())
    response = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(contact))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "staff_cannot_close"
