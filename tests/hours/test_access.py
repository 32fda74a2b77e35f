"""Nobody reads another volunteer's records; organisers only their own scope."""
from app.extensions import db
from app.models import HoursLedgerEntry
from tests.factories import (
    auth_headers,
    make_community,
    make_event,
    make_hours,
    make_member_unit,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)


def test_my_hours_are_mine_alone(client, ctx):
    alice, bob = make_volunteer(name="李华"), make_volunteer(name="赵强")
    alice_record = make_hours(alice, hours=2)
    make_hours(bob, hours=5)
    mine = client.get("/api/v1/me/hours", headers=auth_headers(alice)).get_json()
    assert mine["total_hours"] == 2.0
    assert [r["id"] for r in mine["records"]] == [alice_record.id]
    theirs = client.get(f"/api/v1/hours/records/{alice_record.id}/ledger", headers=auth_headers(bob))
    assert theirs.status_code == 403
    assert client.get(f"/api/v1/hours/volunteers/{alice.id}", headers=auth_headers(bob)).status_code == 403
    assert client.get(f"/api/v1/volunteers/{alice.id}", headers=auth_headers(bob)).status_code == 403
    assert client.post(f"/api/v1/hours/records/{alice_record.id}/corrections", json={"hours": 9, "reason": "x"},
                       headers=auth_headers(bob)).status_code == 403
    assert client.get("/api/v1/me/hours").status_code == 401


def test_a_volunteers_certificate_is_not_anyone_elses(client, ctx):
    alice, bob = make_volunteer(), make_volunteer()
    make_hours(alice, hours=2)
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(alice)).get_json()["serial"]
    response = client.get(f"/api/v1/certificates/{serial}/pdf", headers=auth_headers(bob))
    assert response.status_code == 403
    assert client.get("/api/v1/me/certificates", headers=auth_headers(bob)).get_json() == []


def test_organisers_see_and_act_on_their_own_scope_only(client, ctx):
    mine, theirs = make_community("七格社区"), make_community("杭铎社区")
    my_squad, their_squad = make_team(community=mine), make_team(community=theirs)
    my_volunteer = make_volunteer(team=my_squad, community=mine)
    their_volunteer = make_volunteer(team=their_squad, community=theirs)
    make_hours(my_volunteer, hours=2, community=mine)
    their_event = make_event(kind="volunteer_activity", community=theirs)
    their_record = make_hours(their_volunteer, event=their_event, hours=1, approve=False)
    organiser = make_organiser(mine)
    headers = auth_headers(organiser)

    assert client.get(f"/api/v1/hours/volunteers/{my_volunteer.id}", headers=headers).get_json()["total_hours"] == 2
    for path in (f"/api/v1/hours/volunteers/{their_volunteer.id}", f"/api/v1/hours/teams/{their_squad.id}",
                 f"/api/v1/hours/events/{their_event.id}/records",
                 f"/api/v1/hours/records/{their_record.id}/ledger"):
        response = client.get(path, headers=headers)
        assert response.status_code == 403, path
        assert response.get_json()["error"]["code"] == "out_of_scope"
    for path, body in ((f"/api/v1/hours/records/{their_record.id}/approve", None),
                       (f"/api/v1/hours/records/{their_record.id}/reject", {"reason": "x"}),
                       ("/api/v1/hours/records/approve", {"record_ids": [their_record.id]}),
                       ("/api/v1/hours/records/approve", {"event_id": their_event.id}),
                       (f"/api/v1/hours/volunteers/{their_volunteer.id}/certificates", {})):
        assert client.post(path, json=body, headers=headers).status_code == 403, path
    assert db.session.execute(
        db.select(HoursLedgerEntry).where(HoursLedgerEntry.user_id == their_volunteer.id)).first() is None

    board = client.get("/api/v1/hours/leaderboard?by=squad", headers=headers).get_json()
    assert [row["id"] for row in board["rows"]] == [my_squad.id]
    communities = client.get("/api/v1/hours/leaderboard?by=community", headers=headers).get_json()
    assert [row["name"] for row in communities["rows"]] == ["七格社区"]


def test_a_bulk_approval_with_one_foreign_record_approves_nothing(client, ctx):
    mine, theirs = make_community(), make_community()
    own = make_hours(make_volunteer(community=mine), hours=1, community=mine, approve=False)
    foreign = make_hours(make_volunteer(community=theirs), hours=1, community=theirs, approve=False)
    response = client.post("/api/v1/hours/records/approve", json={"record_ids": [own.id, foreign.id]},
                           headers=auth_headers(make_organiser(mine)))
    assert response.status_code == 403
    assert db.session.execute(db.select(HoursLedgerEntry)).first() is None


def test_member_unit_organisers_approve_their_units_events(client, ctx):
    unit = make_member_unit("下沙街道社区卫生服务中心")
    event = make_event(kind="volunteer_activity", member_unit=unit)
    record = make_hours(make_volunteer(), event=event, hours=1, approve=False)
    assert client.post(f"/api/v1/hours/records/{record.id}/approve",
                       headers=auth_headers(make_organiser(unit))).status_code == 200


def test_residents_have_no_staff_views(client, ctx):
    headers = auth_headers(make_user())
    for path in ("/api/v1/hours/leaderboard?by=squad", "/api/v1/volunteers", "/api/v1/hours/export.xlsx?from=2026-01-01&to=2026-12-31"):
        assert client.get(path, headers=headers).status_code == 403, path
