"""Applying with consent, review by the organiser in scope, leaving and moving squads."""
from app.auth import policy
from app.extensions import db
from app.models import AuditLog, TeamMembership, User, VolunteerProfile
from app.volunteers.consent import CONSENT_VERSION
from tests.factories import (
    auth_headers,
    make_community,
    make_id_number,
    make_member_unit,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)
from tests.support.concurrency import race


def _application(community, squad, **changes):
    body = {
        "consent_version": CONSENT_VERSION, "consent_agreed": True, "real_name": "王小明",
        "phone": "13912345678", "id_number": make_id_number(), "community_id": community.id,
        "team_id": squad.id, "skills": ["急救", "摄影"],
    }
    body.update(changes)
    return body


def test_the_consent_notice_states_its_purpose(client):
    notice = client.get("/api/v1/volunteers/consent").get_json()
    assert notice["version"] == CONSENT_VERSION
    assert "志愿服务证明" in notice["purpose"] and "身份证号码" in notice["text"]


def test_without_consent_nothing_is_stored(client, ctx):
    community, squad = make_community(), make_team()
    headers = auth_headers(make_user())
    for consent in ({"consent_agreed": False}, {"consent_version": "2020-01"}, {"consent_agreed": None}):
        body = {k: v for k, v in _application(community, squad, **consent).items() if v is not None}
        if consent.get("consent_agreed", True) is None:
            del body["consent_version"]
        response = client.post("/api/v1/me/volunteer", json=body, headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["code"] == "consent_required"
    assert db.session.execute(db.select(VolunteerProfile)).first() is None


def test_an_application_is_stored_encrypted_and_shown_masked(client, ctx):
    community, squad = make_community(), make_team()
    user = make_user()
    number = make_id_number()
    response = client.post("/api/v1/me/volunteer", json=_application(community, squad, id_number=number),
                           headers=auth_headers(user))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending"
    assert body["id_number_masked"] == number[:4] + "*" * 10 + number[-4:]
    assert number not in response.get_data(as_text=True)
    assert body["consent_version"] == CONSENT_VERSION and body["skills"] == ["急救", "摄影"]
    stored = db.session.execute(db.select(VolunteerProfile)).scalar_one()
    assert number not in (stored.id_number_encrypted or "")
    assert client.get("/api/v1/me/volunteer", headers=auth_headers(user)).get_json()["status"] == "pending"


def test_bad_numbers_and_duplicates_are_refused(client, ctx):
    community, squad = make_community(), make_team()
    bad = client.post("/api/v1/me/volunteer", json=_application(community, squad, id_number="110105194912310021"),
                      headers=auth_headers(make_user()))
    assert bad.get_json()["error"]["code"] == "id_number_invalid"
    phone = client.post("/api/v1/me/volunteer", json=_application(community, squad, phone="12345"),
                        headers=auth_headers(make_user()))
    assert phone.get_json()["error"]["code"] == "phone_invalid"
    number = make_id_number()
    assert client.post("/api/v1/me/volunteer", json=_application(community, squad, id_number=number),
                       headers=auth_headers(make_user())).status_code == 201
    taken = client.post("/api/v1/me/volunteer", json=_application(community, squad, id_number=number),
                        headers=auth_headers(make_user()))
    assert taken.status_code == 409 and taken.get_json()["error"]["code"] == "id_number_taken"
    brigade = make_team(level="brigade")
    not_squad = client.post("/api/v1/me/volunteer", json=_application(community, brigade),
                            headers=auth_headers(make_user()))
    assert not_squad.get_json()["error"]["code"] == "team_not_squad"


def test_the_organiser_in_scope_approves_and_it_is_audited(client, ctx):
    community, squad = make_community(), make_team()
    squad.community_id = community.id
    db.session.commit()
    applicant = make_user()
    client.post("/api/v1/me/volunteer", json=_application(community, squad), headers=auth_headers(applicant))
    organiser = make_organiser(community)
    pending = client.get("/api/v1/volunteers?status=pending", headers=auth_headers(organiser)).get_json()
    assert [p["user_id"] for p in pending] == [applicant.id]
    approved = client.post(f"/api/v1/volunteers/{applicant.id}/review", json={"decision": "approve"},
                           headers=auth_headers(organiser))
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"
    db.session.expire_all()
    assert policy.primary_role(db.session.get(User, applicant.id)) == "volunteer"
    membership = db.session.execute(db.select(TeamMembership)).scalar_one()
    assert (membership.team_id, membership.left_at) == (squad.id, None)
    audit = db.session.execute(db.select(AuditLog).where(AuditLog.action == "volunteer.approve")).scalar_one()
    assert audit.actor_id == organiser.id
    again = client.post(f"/api/v1/volunteers/{applicant.id}/review", json={"decision": "reject", "reason": "x"},
                        headers=auth_headers(organiser))
    assert again.get_json()["error"]["code"] == "application_not_pending"


def test_rejecting_needs_a_reason_and_the_applicant_can_apply_again(client, ctx):
    community, squad = make_community(), make_team()
    applicant = make_user()
    client.post("/api/v1/me/volunteer", json=_application(community, squad), headers=auth_headers(applicant))
    organiser = make_organiser(community)
    no_reason = client.post(f"/api/v1/volunteers/{applicant.id}/review", json={"decision": "reject"},
                            headers=auth_headers(organiser))
    assert no_reason.get_json()["error"]["code"] == "reason_required"
    rejected = client.post(f"/api/v1/volunteers/{applicant.id}/review",
                           json={"decision": "reject", "reason": "请补充紧急联系人"}, headers=auth_headers(organiser))
    assert rejected.get_json()["status"] == "rejected"
    mine = client.get("/api/v1/me/volunteer", headers=auth_headers(applicant)).get_json()
    assert mine["review_reason"] == "请补充紧急联系人"
    again = client.post("/api/v1/me/volunteer", json=_application(community, squad), headers=auth_headers(applicant))
    assert again.status_code == 201 and again.get_json()["status"] == "pending"


def test_organisers_cannot_review_or_see_applicants_outside_their_scope(client, ctx):
    mine, theirs = make_community(), make_community()
    unit = make_member_unit()
    squad = make_team(member_unit=unit)
    applicant = make_user()
    client.post("/api/v1/me/volunteer", json=_application(theirs, squad), headers=auth_headers(applicant))
    outsider = make_organiser(mine)
    assert client.get("/api/v1/volunteers", headers=auth_headers(outsider)).get_json() == []
    assert client.get(f"/api/v1/volunteers/{applicant.id}", headers=auth_headers(outsider)).status_code == 403
    review = client.post(f"/api/v1/volunteers/{applicant.id}/review", json={"decision": "approve"},
                         headers=auth_headers(outsider))
    assert review.status_code == 403 and review.get_json()["error"]["code"] == "out_of_scope"
    # the squad's member unit looks after its volunteers too
    unit_organiser = make_organiser(unit)
    assert client.post(f"/api/v1/volunteers/{applicant.id}/review", json={"decision": "approve"},
                       headers=auth_headers(unit_organiser)).status_code == 200
    assert client.get("/api/v1/volunteers", headers=auth_headers(make_user(role="volunteer"))).status_code == 403


def test_moving_and_leaving_keep_the_squad_history(client, ctx):
    community = make_community()
    first, second = make_team("一中队", community=community), make_team("二中队", community=community)
    volunteer = make_volunteer(team=first, community=community)
    headers = auth_headers(volunteer)
    moved = client.post("/api/v1/me/volunteer/move", json={"team_id": second.id, "reason": "搬家"}, headers=headers)
    assert moved.status_code == 200 and moved.get_json()["team_id"] == second.id
    same = client.post("/api/v1/me/volunteer/move", json={"team_id": second.id}, headers=headers)
    assert same.get_json()["error"]["code"] == "same_team"
    left = client.post("/api/v1/me/volunteer/leave", json={"reason": "工作太忙"}, headers=headers)
    assert left.get_json()["status"] == "left"
    history = client.get("/api/v1/me/volunteer/memberships", headers=headers).get_json()
    assert [(h["team_name"], h["reason"], h["left_at"] is not None) for h in history] == [
        ("一中队", "搬家", True), ("二中队", "工作太忙", True)]
    db.session.expire_all()
    assert policy.primary_role(db.session.get(User, volunteer.id)) == "resident"
    assert client.post("/api/v1/me/volunteer/leave", json={}, headers=headers).get_json()["error"]["code"] == \
        "not_a_volunteer"


def test_racing_moves_leave_exactly_one_current_squad(app, ctx):
    from app.volunteers import service

    community = make_community()
    squads = [make_team(community=community) for _ in range(5)]
    volunteer = make_volunteer(team=squads[0], community=community)
    user_id, targets = volunteer.id, [s.id for s in squads[1:]]

    def move(i):
        return service.move(db.session.get(User, user_id), targets[i])

    race(app, move, len(targets))
    open_rows = db.session.execute(
        db.select(TeamMembership).where(TeamMembership.user_id == user_id, TeamMembership.left_at.is_(None))
    ).scalars().all()
    assert len(open_rows) == 1
    profile = db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user_id)).scalar_one()
    assert profile.team_id == open_rows[0].team_id


def test_racing_reviews_decide_an_application_once(app, ctx):
    """Four organisers press approve or reject at the same moment: one
    decision stands, and the squad history agrees with it."""
    from app.volunteers import service

    community = make_community()
    squad = make_team(community=community)
    applicant = make_volunteer(team=squad, community=community, status="pending")
    organiser_ids = [make_organiser(community).id for _ in range(4)]
    user_id = applicant.id

    def review(i):
        actor = db.session.get(User, organiser_ids[i])
        profile = service.profile_for_staff(actor, user_id)
        return service.review(actor, profile, "approve" if i % 2 else "reject", "名额已满")

    outcomes = race(app, review, 4)
    decided = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(decided) == 1
    assert {o.code for o in outcomes if isinstance(o, Exception)} == {"application_not_pending"}
    profile = db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user_id)).scalar_one()
    open_rows = db.session.execute(db.select(TeamMembership).where(
        TeamMembership.user_id == user_id, TeamMembership.left_at.is_(None))).scalars().all()
    assert len(open_rows) == (1 if profile.status == "approved" else 0)
    assert db.session.execute(db.select(db.func.count()).select_from(AuditLog).where(
        AuditLog.action.in_(("volunteer.approve", "volunteer.reject")))).scalar_one() == 1


def test_an_organiser_applying_is_reviewed_by_someone_else(client, ctx):
    community = make_community()
    squad = make_team(community=community)
    organiser, colleague = make_organiser(community), make_organiser(community)
    applied = client.post("/api/v1/me/volunteer", json=_application(community, squad), headers=auth_headers(organiser))
    assert applied.status_code == 201
    own = client.post(f"/api/v1/volunteers/{organiser.id}/review", json={"decision": "approve"},
                      headers=auth_headers(organiser))
    assert (own.status_code, own.get_json()["error"]["code"]) == (403, "own_application")
    mine = client.get("/api/v1/me/volunteer", headers=auth_headers(organiser)).get_json()
    assert mine["status"] == "pending"
    theirs = client.post(f"/api/v1/volunteers/{organiser.id}/review", json={"decision": "approve"},
                         headers=auth_headers(colleague))
    assert theirs.status_code == 200 and theirs.get_json()["status"] == "approved"
