"""Pairing: only confirmed party members, only the community's staff and the
office, one open pairing a household even when pairers race; the 联户记录本:
only the paired member writes, and a need found goes on the 需求清单."""
from sqlalchemy import select

from app.errors import APIError
from app.extensions import db
from app.households import service
from app.models import HouseholdPairing, Need
from tests.factories import auth_headers
from tests.households.conftest import make_household, make_party_member
from tests.support.concurrency import race


def test_staff_pair_replace_and_unpair_with_history(client, world):
    h, people = world.household, world.people
    url = f"/api/v1/households/{h.id}/pairing"
    body = {"party_member_id": people["other_member"].id}
    for name in ("grid_worker", "member", "resident"):
        assert client.put(url, json=body, headers=auth_headers(people[name])).status_code in (403, 404), name
    assert client.put(url, json=body, headers=auth_headers(people["other_staff"])).status_code == 404
    staff = auth_headers(people["staff"])
    refused = client.put(url, json={"party_member_id": people["pending_member"].id}, headers=staff)
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "not_a_party_member"
    busy = client.put(url, json=body, headers=staff)
    assert busy.status_code == 409 and busy.get_json()["error"]["code"] == "household_paired"
    moved = client.put(url, json={**body, "replace": True}, headers=staff)
    assert moved.status_code == 200 and moved.get_json()["party_member"]["name"] == "李红梅"
    # the former member no longer reads the household; the new one does
    assert client.get(f"/api/v1/households/{h.id}", headers=auth_headers(people["member"])).status_code == 404
    detail = client.get(f"/api/v1/households/{h.id}", headers=auth_headers(people["other_member"])).get_json()
    assert [(p["party_member"]["name"], p["ended_at"] is None) for p in detail["history"]] == [
        ("李红梅", True), ("王建国", False)]
    ended = client.delete(url, json={"reason": "党员工作调动"}, headers=staff)
    assert ended.status_code == 200 and ended.get_json()["end_reason"] == "党员工作调动"
    assert client.delete(url, json={}, headers=staff).get_json()["error"]["code"] == "household_not_paired"


def test_racing_pairings_leave_exactly_one(app, world):
    household = make_household(world.grid, address="滟澜苑 5 幢 301")
    members = [make_party_member(world.branch, name=f"党员{i}") for i in range(6)]
    staff_id, household_id = world.people["staff"].id, household.id
    member_ids = [m.id for m in members]

    def pair(i):
        from app.models import User

        return service.pair(db.session.get(User, staff_id), household_id, member_ids[i]).party_member_id

    results = race(app, pair, len(members))
    won = [r for r in results if not isinstance(r, Exception)]
    lost = [r for r in results if isinstance(r, Exception)]
    assert len(won) == 1 and all(isinstance(e, APIError) and e.code == "household_paired" for e in lost), results
    db.session.expire_all()
    open_rows = db.session.execute(select(HouseholdPairing).where(HouseholdPairing.household_id == household_id,
                                                                  HouseholdPairing.ended_at.is_(None))).scalars().all()
    assert [p.party_member_id for p in open_rows] == won


def test_only_the_paired_member_logs_visits_and_a_need_found_joins_the_list(client, world):
    h, people = world.household, world.people
    url = f"/api/v1/households/{h.id}/visits"
    visit = {"visited_on": "2026-11-28", "kind": "call", "discussed": "电话问候，老人说楼道灯坏了"}
    assert client.post(url, json=visit, headers=auth_headers(people["grid_worker"])).status_code == 403
    assert client.post(url, json=visit, headers=auth_headers(people["other_member"])).status_code == 404
    future = client.post(url, json={**visit, "visited_on": "2099-01-01"}, headers=auth_headers(people["member"]))
    assert future.get_json()["error"]["code"] == "visit_in_future"
    answer = client.post(url, headers=auth_headers(people["member"]), json={
        **visit, "needs_found": "楼道灯坏了，老人夜里出门不便",
        "need": {"title": "楼道灯维修", "kind": "professional", "service": "电路维修"}})
    assert answer.status_code == 201, answer.get_json()
    logged = answer.get_json()
    assert logged["kind_label"] == "电话" and logged["author_name"] == "王建国" and logged["need_id"]
    need = db.session.get(Need, logged["need_id"])
    assert (need.source, need.source_ref, need.community_id, need.raised_by_id) == (
        "household_visit", f"visit:{logged['id']}", world.a.id, people["member"].id)
    assert need.description == "楼道灯坏了，老人夜里出门不便"
    staff_needs = client.get("/api/v1/needs", headers=auth_headers(people["staff"])).get_json()["items"]
    assert logged["need_id"] in [n["id"] for n in staff_needs]
    log = client.get(url, headers=auth_headers(people["grid_worker"])).get_json()
    assert [v["discussed"] for v in log["items"]] == ["电话问候，老人说楼道灯坏了"] and log["total"] == 1
    detail = client.get(f"/api/v1/households/{h.id}", headers=auth_headers(people["member"])).get_json()
    assert detail["last_contact_on"] == "2026-11-28" and detail["can_log_visit"] is True


def test_grid_workers_add_and_edit_households_of_their_grid_only(client, world):
    people = world.people
    body = {"grid_id": world.grid.id, "address": "滟澜苑 7 幢 1 单元 202",
            "members": [{"name": "孙丽", "relation": "head", "age_band": "adult", "phone": "13600003333"},
                        {"name": "孙小明", "relation": "child", "age_band": "child"}], "notes": "新迁入"}
    assert client.post("/api/v1/households", json=body, headers=auth_headers(people["other_grid_worker"])
                       ).status_code == 403
    created = client.post("/api/v1/households", json=body, headers=auth_headers(people["grid_worker"]))
    assert created.status_code == 201, created.get_json()
    view = created.get_json()
    assert [m["relation_label"] for m in view["members"]] == ["户主", "子女"] and view["pairing"] is None
    edited = client.patch(f"/api/v1/households/{view['id']}", json={"status": "archived"},
                          headers=auth_headers(people["grid_leader"]))
    assert edited.status_code == 200 and edited.get_json()["status"] == "archived"
    assert client.patch(f"/api/v1/households/{view['id']}", json={"notes": "x"},
                        headers=auth_headers(people["member"])).status_code == 404


def test_a_problem_found_on_a_visit_becomes_a_work_order_of_the_households_grid(client, world):
    from app.grids.geo import bounding_box, polygon_from_geojson
    from app.models import WorkOrder

    h, people = world.household, world.people
    world.grid.boundary = {"type": "Polygon", "coordinates": [[[120.34, 30.30], [120.35, 30.30], [120.35, 30.31],
                                                                [120.34, 30.31], [120.34, 30.30]]]}
    (world.grid.min_lat, world.grid.max_lat, world.grid.min_lng,
     world.grid.max_lng) = bounding_box(polygon_from_geojson(world.grid.boundary))
    db.session.commit()
    answer = client.post(f"/api/v1/households/{h.id}/visits", headers=auth_headers(people["member"]), json={
        "visited_on": "2026-11-29", "kind": "visit", "discussed": "上门看望，发现楼下井盖松动",
        "report": {"category": "safety", "description": "楼下井盖松动，老人出入有危险"}})
    assert answer.status_code == 201, answer.get_json()
    order = db.session.get(WorkOrder, answer.get_json()["work_order_id"])
    assert (order.grid_id, order.level, order.source, order.source_ref, order.reporter_id) == (
        world.grid.id, "grid", "household_visit", f"visit:{answer.get_json()['id']}", people["member"].id)
    assert "井盖松动" in order.description and h.address in order.description
    # The grid's worker finds it among their work orders.
    todo = client.get("/api/v1/work-orders?scope=todo", headers=auth_headers(people["grid_worker"])).get_json()
    assert order.id in [o["id"] for o in todo["items"]]
