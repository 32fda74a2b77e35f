"""在职党员报到: posts, reporting, and what the community sees."""
from datetime import timedelta

from app.extensions import db
from app.localtime import local
from app.models import Duty, utcnow
from app.needs.service import raise_need
from tests.factories import make_checkin, make_event, make_hours, make_user
from tests.party.conftest import make_membership


def post(client, world, name, person="staff", **body):
    answer = client.post(f"/api/v1/party/communities/{world.a.id}/posts", json={"name": name, **body},
                         headers=world.headers(person))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def test_a_confirmed_member_reports_and_the_community_sees_what_they_did(client, world):
    make_membership(world.member, world.branch, in_service=True, unit=world.unit)
    corridor, elders = post(client, world, "楼道长", description="负责本楼道的联络和环境"), post(client, world, "助老服务")
    reported = client.put("/api/v1/me/party/report", json={"post_ids": [corridor, elders], "note": "周末有空"},
                          headers=world.headers("member"))
    assert reported.status_code == 200, reported.get_json()
    report = reported.get_json()["report"]
    assert report["community"]["name"] == "铭和社区" and [p["name"] for p in report["posts"]] == ["楼道长", "助老服务"]
    # Reporting again changes the posts, not the row.
    again = client.put("/api/v1/me/party/report", json={"post_ids": [elders]}, headers=world.headers("member")).get_json()
    assert again["report"]["id"] == report["id"] and [p["name"] for p in again["report"]["posts"]] == ["助老服务"]

    # What they did for community A: one of its events, approved hours there, a duty of their unit.
    event = make_event(kind="welfare_day", community=world.a, starts_in=-timedelta(days=2))
    make_checkin(event, world.member, "in", at=event.starts_at)
    make_checkin(make_event(kind="lecture", community=world.b, starts_in=-timedelta(days=2)), world.member, "in")
    make_hours(world.member, community=world.a, hours=2.5, approver=world.admin)
    make_hours(world.member, community=world.b, hours=1, approver=world.admin)  # elsewhere: not counted here
    need = raise_need("community", None, title="楼道扶手维修", kind="professional", community_id=world.a.id,
                      raised_by=world.staff)
    db.session.add(Duty(need_id=need.id, unit_id=world.unit.id, status="accepted", accepted_at=utcnow()))
    db.session.commit()

    year = local(utcnow()).year
    listed = client.get(f"/api/v1/party/communities/{world.a.id}/reports?year={year}",
                        headers=world.headers("staff")).get_json()
    (row,) = listed["items"]
    assert row["member"]["name"] == "赵党员" and row["work_unit"]["name"] == "下沙中学"
    assert row["branch"]["name"] == "铭和社区党总支"
    # The welfare day and the hours' own activity are both community A's events.
    assert row["activity"]["events_attended"] == 2 and row["activity"]["hours"] == 2.5
    assert [(d["need_title"], d["status_label"]) for d in row["activity"]["duties"]] == [("楼道扶手维修", "履职中")]
    by_post = client.get(f"/api/v1/party/communities/{world.a.id}/reports?post_id={corridor}",
                         headers=world.headers("staff")).get_json()
    assert by_post["total"] == 0
    posts = client.get(f"/api/v1/party/communities/{world.a.id}/posts", headers=world.headers("neighbour")).get_json()
    assert [(p["name"], p["taken"]) for p in posts] == [("楼道长", 0), ("助老服务", 1)]
    for person in ("staff_b", "neighbour", "secretary"):
        assert client.get(f"/api/v1/party/communities/{world.a.id}/reports",
                          headers=world.headers(person)).status_code == 403, person

    ended = client.delete("/api/v1/me/party/report", headers=world.headers("member")).get_json()
    assert ended["report"] is None
    assert client.get(f"/api/v1/party/communities/{world.a.id}/reports?status=ended",
                      headers=world.headers("staff")).get_json()["total"] == 1


def test_only_confirmed_in_service_members_report_to_their_own_community(client, world):
    corridor = post(client, world, "楼道长", capacity=1)
    body = {"post_ids": [corridor]}
    assert client.put("/api/v1/me/party/report", json=body,
                      headers=world.headers("member")).get_json()["error"]["code"] == "not_in_service_member"
    membership = make_membership(world.member, world.branch, status="pending", in_service=True, unit=world.unit)
    assert client.put("/api/v1/me/party/report", json=body, headers=world.headers("member")).status_code == 409
    membership.status = "confirmed"
    db.session.commit()
    elsewhere = client.put("/api/v1/me/party/report", json={**body, "community_id": world.b.id},
                           headers=world.headers("member"))
    assert elsewhere.status_code == 409
    assert client.put("/api/v1/me/party/report", json=body, headers=world.headers("member")).status_code == 200

    # The post wanted one member: the next one is told it is full.
    other = make_user(community=world.a, name="钱党员")
    make_membership(other, world.branch, in_service=True, unit=world.unit)
    full = client.put("/api/v1/me/party/report", json=body, headers=world.headers(other))
    assert full.status_code == 409 and full.get_json()["error"]["code"] == "post_full"
    # A retired post is not offered and cannot be chosen.
    retired = client.patch(f"/api/v1/party/posts/{corridor}", json={"active": False}, headers=world.headers("staff"))
    assert retired.status_code == 200 and retired.get_json()["active"] is False
    assert client.get(f"/api/v1/party/communities/{world.a.id}/posts", headers=world.headers("member")).get_json() == []
    assert client.patch(f"/api/v1/party/posts/{corridor}", json={"active": True},
                        headers=world.headers("staff_b")).status_code == 403

    # Leaving the branch ends the report.
    client.post(f"/api/v1/party/memberships/{membership.id}/leave", json={"reason": "组织关系转出"},
                headers=world.headers("secretary"))
    assert client.get("/api/v1/me/party", headers=world.headers("member")).get_json()["report"] is None
