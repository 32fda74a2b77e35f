"""Declaring, confirming, rejecting and leaving; who sees party data."""
from app.extensions import db
from app.models import PartyMembership
from tests.party.conftest import make_membership
from tests.support.concurrency import race


def declare(client, world, person="member", **body):
    body = {"branch_id": world.branch.id, "joined_on": "2010-07-01", "in_service": True,
            "work_unit_id": world.unit.id, **body}
    return client.put("/api/v1/me/party", json=body, headers=world.headers(person))


def test_a_declaration_waits_for_the_branch_and_the_organiser_confirms_it(client, world):
    answer = declare(client, world)
    assert answer.status_code == 200, answer.get_json()
    mine = answer.get_json()
    assert mine["membership"]["status"] == "pending" and mine["membership"]["status_label"] == "待确认"
    assert mine["membership"]["work_unit"]["name"] == "下沙中学" and mine["can_report"] is False
    membership_id = mine["membership"]["id"]

    # The same facts again change nothing; the organiser sees it waiting.
    assert declare(client, world).get_json()["membership"]["status"] == "pending"
    listed = client.get(f"/api/v1/party/branches/{world.branch.id}/members?status=pending",
                        headers=world.headers("secretary")).get_json()
    assert [m["user"]["name"] for m in listed["items"]] == ["赵党员"] and listed["total"] == 1
    branches = client.get("/api/v1/party/branches?organised=true", headers=world.headers("secretary")).get_json()
    assert [(b["name"], b["pending_count"]) for b in branches["items"]] == [("铭和社区党总支", 1)]

    confirmed = client.post(f"/api/v1/party/memberships/{membership_id}/confirm", headers=world.headers("secretary"))
    assert confirmed.status_code == 200 and confirmed.get_json()["status"] == "confirmed"
    again = client.post(f"/api/v1/party/memberships/{membership_id}/confirm", headers=world.headers("admin"))
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "membership_not_pending"
    assert client.get("/api/v1/me/party", headers=world.headers("member")).get_json()["can_report"] is True

    # Changing the branch is a new declaration: the new branch confirms it.
    moved = declare(client, world, branch_id=world.unit_branch.id).get_json()["membership"]
    assert moved["status"] == "pending" and moved["branch"]["name"] == "下沙中学党支部" and moved["id"] == membership_id
    assert client.get(f"/api/v1/party/memberships/{membership_id}", headers=world.headers("secretary")).status_code == 404


def test_party_data_is_invisible_outside_the_branch(client, world):
    membership = make_membership(world.member, world.branch, in_service=True, unit=world.unit)
    one, members = f"/api/v1/party/memberships/{membership.id}", f"/api/v1/party/branches/{world.branch.id}/members"
    learning = f"/api/v1/party/branches/{world.branch.id}/learning"
    for person in ("staff", "staff_b", "neighbour", "unit_secretary"):
        # Community A's own staff included: organising events is not running the branch.
        assert client.get(one, headers=world.headers(person)).status_code == 404, person
        assert client.get(members, headers=world.headers(person)).status_code == 403, person
        assert client.get(learning, headers=world.headers(person)).status_code == 403, person
        assert client.post(f"{one}/leave", json={"reason": "组织关系转出"},
                           headers=world.headers(person)).status_code == 404, person
        listed = client.get("/api/v1/party/branches", headers=world.headers(person)).get_json()
        (shown,) = [b for b in listed["items"] if b["id"] == world.branch.id]
        assert shown["member_count"] is None and not shown["can_review"], person
    for person in ("member", "secretary", "admin"):
        assert client.get(one, headers=world.headers(person)).status_code == 200, person
    assert client.get(members, headers=world.headers("admin")).get_json()["total"] == 1


def test_rejecting_says_why_and_nobody_reviews_their_own(client, world):
    own = make_membership(world.secretary, world.branch, status="pending")
    refused = client.post(f"/api/v1/party/memberships/{own.id}/confirm", headers=world.headers("secretary"))
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "own_membership"

    membership_id = declare(client, world, in_service=False, work_unit_id=None).get_json()["membership"]["id"]
    rejected = client.post(f"/api/v1/party/memberships/{membership_id}/reject", json={"reason": "查无此人，请核对所在支部"},
                           headers=world.headers("secretary")).get_json()
    assert rejected["status"] == "rejected" and rejected["review_reason"] == "查无此人，请核对所在支部"
    mine = client.get("/api/v1/me/party", headers=world.headers("member")).get_json()["membership"]
    assert mine["status_label"] == "未通过" and mine["review_reason"] == "查无此人，请核对所在支部"
    # Declaring again (the same facts) asks again; withdrawing removes it.
    assert declare(client, world, in_service=False, work_unit_id=None).get_json()["membership"]["status"] == "pending"
    assert client.delete("/api/v1/me/party", headers=world.headers("member")).status_code == 204
    assert client.get("/api/v1/me/party", headers=world.headers("member")).get_json()["membership"] is None


def test_leaving_keeps_history_and_a_confirmed_member_cannot_just_withdraw(client, world):
    membership = make_membership(world.member, world.branch)
    refused = client.delete("/api/v1/me/party", headers=world.headers("member"))
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "membership_not_withdrawable"
    left = client.post(f"/api/v1/party/memberships/{membership.id}/leave", json={"reason": "组织关系转往杭州市区"},
                       headers=world.headers("secretary")).get_json()
    assert left["status"] == "left" and left["status_label"] == "已转出"
    listed = client.get(f"/api/v1/party/branches/{world.branch.id}/members?status=left",
                        headers=world.headers("secretary")).get_json()
    assert listed["total"] == 1


def test_declarations_are_checked(client, world):
    no_unit = declare(client, world, work_unit_id=None)
    assert no_unit.status_code == 422 and "work_unit_id" in no_unit.get_json()["error"]["details"]["json"]
    too_early = declare(client, world, joined_on="1920-01-01")
    assert too_early.status_code == 422 and "joined_on" in too_early.get_json()["error"]["details"]["json"]
    assert declare(client, world, branch_id=999999).get_json()["error"]["code"] == "branch_not_found"


def test_two_organisers_pressing_at_once_move_it_once(app, client, world):
    membership = make_membership(world.member, world.branch, status="pending")
    path = f"/api/v1/party/memberships/{membership.id}"
    requests = [(f"{path}/confirm", None, world.headers("secretary")),
                (f"{path}/reject", {"reason": "材料不全"}, world.headers("admin"))]
    answers = race(app, lambda i: app.test_client().post(requests[i][0], json=requests[i][1],
                                                         headers=requests[i][2]), 2)
    assert sorted(a.status_code for a in answers) == [200, 409], [a.get_json() for a in answers]
    db.session.expire_all()
    winner = next(a for a in answers if a.status_code == 200).get_json()["status"]
    assert db.session.get(PartyMembership, membership.id).status == winner


def test_the_office_keeps_the_branches(client, world):
    made = client.post("/api/v1/party/branches", json={"name": "下沙供电所党支部", "kind": "unit",
                                                       "member_unit_id": world.unit.id}, headers=world.headers("admin"))
    assert made.status_code == 201 and made.get_json()["kind_label"] == "单位党组织"
    taken = client.post("/api/v1/party/branches", json={"name": "铭和社区党总支", "kind": "community",
                                                        "community_id": world.a.id}, headers=world.headers("admin"))
    assert taken.status_code == 409 and taken.get_json()["error"]["code"] == "branch_name_taken"
    homeless = client.patch(f"/api/v1/party/branches/{world.branch.id}", json={"kind": "unit"},
                            headers=world.headers("admin"))
    assert homeless.status_code == 422
    assert client.post("/api/v1/party/branches", json={"name": "某党支部", "kind": "other"},
                       headers=world.headers("secretary")).status_code == 403
    found = client.get("/api/v1/party/branches?q=供电", headers=world.headers("neighbour")).get_json()
    assert [b["name"] for b in found["items"]] == ["下沙供电所党支部"]
