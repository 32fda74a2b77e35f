"""An organiser who served at an event in their own scope cannot certify their own hours."""
from tests.factories import auth_headers, make_community, make_hours, make_organiser, make_user


def test_an_organiser_cannot_approve_reject_or_correct_their_own_hours(client):
    community = make_community()
    organiser = make_organiser(community)
    pending = make_hours(organiser, community=community, hours=2, approve=False)
    headers = auth_headers(organiser)

    one = client.post(f"/api/v1/hours/records/{pending.id}/approve", headers=headers)
    assert (one.status_code, one.get_json()["error"]["code"]) == (403, "own_record")
    bulk = client.post("/api/v1/hours/records/approve", json={"event_id": pending.event_id}, headers=headers)
    assert bulk.get_json()["approved"] == []
    assert [s["code"] for s in bulk.get_json()["skipped"]] == ["own_record"]
    rejected = client.post(f"/api/v1/hours/records/{pending.id}/reject", json={"reason": "自己审自己"}, headers=headers)
    assert rejected.status_code == 403

    colleague = make_organiser(community)
    assert client.post(f"/api/v1/hours/records/{pending.id}/approve",
                       headers=auth_headers(colleague)).status_code == 200
    correction = client.post(f"/api/v1/hours/records/{pending.id}/corrections",
                             json={"hours": 8, "reason": "多记一点"}, headers=headers)
    assert (correction.status_code, correction.get_json()["error"]["code"]) == (403, "own_record")


def test_an_admin_still_approves_other_peoples_hours(client):
    community = make_community()
    volunteer = make_user(role="volunteer")
    record = make_hours(volunteer, community=community, hours=1, approve=False)
    admin = make_user(role="admin")
    assert client.post(f"/api/v1/hours/records/{record.id}/approve", headers=auth_headers(admin)).status_code == 200
