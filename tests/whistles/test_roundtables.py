"""圆桌会: scheduling, the agenda from open needs and whistles, minutes,
held, resolutions that raise needs or make projects, and who sees what."""
from datetime import date, timedelta

from app.extensions import db
from app.models import Need, UnitProject, utcnow
from tests.factories import auth_headers
from tests.whistles.conftest import raise_whistle


def post(client, user, path, body):
    return client.post(path, json=body, headers=auth_headers(user))


def schedule(client, user, community, **changes):
    body = {"title": "智格社区联盟圆桌会", "held_at": (utcnow() + timedelta(days=2)).isoformat(),
            "place": "智格社区党群服务中心", "community_id": community.id if community else None}
    body.update(changes)
    return post(client, user, "/api/v1/roundtables", body)


def make_need(community, title="加装电梯协调", status="open"):
    need = Need(title=title, kind="professional", community_id=community.id, status=status, source="resident")
    db.session.add(need)
    db.session.commit()
    return need


def test_agenda_from_open_needs_and_whistles_then_held_with_resolutions(client, alliance):
    school = alliance.units[0]
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    need = make_need(alliance.community)
    make_need(alliance.community, "已办结的需求", status="closed")
    make_need(alliance.other_community, "别的社区的需求")
    response = schedule(client, alliance.staff, alliance.community, items=[{"title": "垃圾分类督导"}])
    assert response.status_code == 201, response.get_json()
    table = response.get_json()
    base = f"/api/v1/roundtables/{table['id']}"

    candidates = client.get(f"{base}/candidates", headers=auth_headers(alliance.staff)).get_json()
    assert {(c["kind"], c["title"]) for c in candidates} == {("whistle", "暴雨后小区积水清理"), ("need", "加装电梯协调")}
    assert post(client, alliance.staff, f"{base}/items", {"need_id": need.id}).status_code == 201
    added = post(client, alliance.staff, f"{base}/items", {"whistle_id": whistle["id"], "note": "复盘响应情况"})
    assert [i["title"] for i in added.get_json()["items"]] == ["垃圾分类督导", "加装电梯协调", "暴雨后小区积水清理"]
    on_agenda = client.get(f"{base}/candidates", headers=auth_headers(alliance.staff)).get_json()
    assert all(c["on_agenda"] for c in on_agenda)

    early = post(client, alliance.staff, f"{base}/resolutions", {"text": "尚未开会", "owner_unit_id": school.id})
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "roundtable_not_held"
    minutes = client.patch(base, json={"minutes": "会议讨论了三项议题。"}, headers=auth_headers(alliance.staff))
    assert minutes.status_code == 200 and minutes.get_json()["minutes"] == "会议讨论了三项议题。"
    held = post(client, alliance.staff, f"{base}/held", {})
    assert held.status_code == 200 and held.get_json()["status"] == "held"
    again = post(client, alliance.staff, f"{base}/held", {})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "roundtable_already_held"

    due = (date.today() + timedelta(days=30)).isoformat()
    made = post(client, alliance.staff, f"{base}/resolutions", {
        "text": "下沙中学牵头开展防汛志愿服务", "owner_unit_id": school.id, "due_on": due,
        "project_title": "防汛志愿服务", "need": {"title": "防汛物资储备", "kind": "goods"}})
    assert made.status_code == 201, made.get_json()
    (resolution,) = made.get_json()["resolutions"]
    assert resolution["owner_unit"]["name"] == "下沙中学" and resolution["due_on"] == due
    project = db.session.get(UnitProject, resolution["project_id"])
    assert project.unit_id == school.id and project.kind == "optional"
    raised = db.session.get(Need, resolution["need_id"])
    assert (raised.source, raised.source_ref) == ("roundtable", f"roundtable:{table['id']}/{resolution['id']}")
    assert (raised.title, raised.community_id, raised.raised_by_id) == (
        "防汛物资储备", alliance.community.id, alliance.staff.id)
    assert raised.wanted_by == date.fromisoformat(due), "the need is wanted by the resolution's date"
    person = post(client, alliance.staff, f"{base}/resolutions",
                  {"text": "书记负责跟进加装电梯", "owner_user_id": alliance.staff.id,
                   "need": {"title": "电梯加装资金筹措", "kind": "professional"}})
    assert person.status_code == 201
    second = db.session.get(Need, person.get_json()["resolutions"][1]["need_id"])
    assert second.id != raised.id and second.title == "电梯加装资金筹措", "each resolution raises its own need"
    assert post(client, alliance.staff, f"{base}/resolutions", {"text": "无人负责"}).status_code == 422

    # The owning unit's contact now sees the roundtable; another unit's does not.
    school_contact = alliance.contacts[school.id][0]
    assert client.get(base, headers=auth_headers(school_contact)).status_code == 200
    listed = client.get("/api/v1/roundtables", headers=auth_headers(school_contact)).get_json()
    assert [r["id"] for r in listed["items"]] == [table["id"]]
    power_contact = alliance.contacts[alliance.units[2].id][0]
    assert client.get(base, headers=auth_headers(power_contact)).status_code == 404
    assert client.get("/api/v1/roundtables", headers=auth_headers(power_contact)).get_json()["items"] == []


def test_items_only_from_the_roundtables_own_community(client, alliance):
    foreign = raise_whistle(client, alliance.other_staff, alliance.other_community)
    table = schedule(client, alliance.staff, alliance.community).get_json()
    response = post(client, alliance.staff, f"/api/v1/roundtables/{table['id']}/items", {"whistle_id": foreign["id"]})
    assert response.status_code == 422
    response = post(client, alliance.staff, f"/api/v1/roundtables/{table['id']}/items", {"note": "没有标题"})
    assert response.status_code == 422 and "请填写议题" in str(response.get_json())


def test_who_schedules_and_who_reads(client, alliance):
    assert schedule(client, alliance.other_staff, alliance.community).status_code == 403
    assert schedule(client, alliance.resident, alliance.community).status_code == 403
    assert schedule(client, alliance.staff, None).status_code == 403, "a subdistrict roundtable is the office's"
    subdistrict = schedule(client, alliance.admin, None, title="聚沙联盟季度圆桌会")
    assert subdistrict.status_code == 201
    table = schedule(client, alliance.staff, alliance.community).get_json()
    path = f"/api/v1/roundtables/{table['id']}"
    assert client.get(path, headers=auth_headers(alliance.other_staff)).status_code == 404
    assert client.get(path, headers=auth_headers(alliance.resident)).status_code == 404
    assert client.patch(path, json={"minutes": "x"}, headers=auth_headers(alliance.other_staff)).status_code == 404
    # Every community's staff read the subdistrict roundtable, but only the office runs it.
    sub_path = f"/api/v1/roundtables/{subdistrict.get_json()['id']}"
    assert client.get(sub_path, headers=auth_headers(alliance.other_staff)).status_code == 200
    assert post(client, alliance.other_staff, f"{sub_path}/held", {}).status_code == 403
    mine = client.get("/api/v1/roundtables", headers=auth_headers(alliance.other_staff)).get_json()
    assert [r["title"] for r in mine["items"]] == ["聚沙联盟季度圆桌会"]
