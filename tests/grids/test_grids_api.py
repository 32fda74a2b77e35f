"""Drawing grids, who sees their boundaries, finding the grid of a place,
and appointing their leaders and workers."""
from app.auth import roles
from tests.factories import auth_headers, make_community, make_organiser, make_user
from tests.grids.conftest import grid_grant, make_grid, square


def test_staff_draw_grids_and_overlaps_are_refused_in_chinese(client):
    qige, other = make_community("七格社区", "qige"), make_community("杭铎社区", "hangduo")
    staff, outsider = auth_headers(make_organiser(qige)), auth_headers(make_organiser(other))

    first = client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第一网格",
                                               "boundary": square(120.30, 30.30)}, headers=staff)
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["code"] == "qige-01" and first.get_json()["boundary"]["type"] == "Polygon"

    overlapping = client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第二网格",
                                                     "boundary": square(120.305, 30.305)}, headers=staff)
    assert overlapping.status_code == 422
    assert overlapping.get_json()["error"]["details"]["json"]["boundary"] == ["边界与本社区的网格重叠：第一网格"]

    open_ring = square(120.31, 30.30)
    open_ring["coordinates"][0].pop()
    refused = client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第二网格",
                                                 "boundary": open_ring}, headers=staff)
    assert "未闭合" in refused.get_json()["error"]["message"]

    beside = client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第二网格",
                                                "boundary": square(120.31, 30.30)}, headers=staff)
    assert beside.status_code == 201  # sharing an edge is not overlapping
    same_name = client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第二网格"}, headers=staff)
    assert same_name.get_json()["error"]["code"] == "grid_name_taken"

    # Another community's grid may lie anywhere; its staff may not draw in 七格.
    assert client.post("/api/v1/grids", json={"community_id": other.id, "name": "第一网格",
                                              "boundary": square(120.305, 30.305)}, headers=outsider).status_code == 201
    assert client.post("/api/v1/grids", json={"community_id": qige.id, "name": "第三网格"},
                       headers=outsider).status_code == 403

    grid_id = beside.get_json()["id"]
    redrawn = client.patch(f"/api/v1/grids/{grid_id}", json={"boundary": square(120.309, 30.30)}, headers=staff)
    assert redrawn.status_code == 422  # would now overlap 第一网格
    assert client.patch(f"/api/v1/grids/{grid_id}", json={"name": "东区网格"}, headers=staff).get_json()["name"] == "东区网格"


def test_boundaries_show_to_those_who_work_the_grid_and_the_locate_finds_it(client):
    qige = make_community("七格社区", "qige")
    west, east = make_grid(qige, "西区", square(120.30, 30.30)), make_grid(qige, "东区", square(120.31, 30.30))
    resident = make_user(community=qige)
    east_worker = grid_grant(make_user(name="东区网格员"), east)
    west_leader = grid_grant(make_user(name="西区网格长"), west, roles.GRID_LEADER)

    listed = client.get(f"/api/v1/grids?community_id={qige.id}", headers=auth_headers(resident)).get_json()
    assert listed["total"] == 2 and [g["boundary"] for g in listed["items"]] == [None, None]
    as_worker = {g["name"]: g for g in client.get("/api/v1/grids", headers=auth_headers(east_worker)).get_json()["items"]}
    assert as_worker["东区"]["boundary"] is not None and as_worker["西区"]["boundary"] is None  # another grid's worker
    detail = client.get(f"/api/v1/grids/{west.id}", headers=auth_headers(resident)).get_json()
    assert [p["name"] for p in detail["leaders"]] == ["西区网格长"] and detail["workers"] == []
    assert detail["leaders"][0]["role_label"] == "网格长"
    assert west_leader  # the leader shows by name to every resident

    found = client.get("/api/v1/grids/locate?latitude=30.305&longitude=120.315", headers=auth_headers(resident))
    assert found.get_json()["name"] == "东区"
    missing = client.get("/api/v1/grids/locate?latitude=30.5&longitude=120.5", headers=auth_headers(resident))
    assert missing.status_code == 404 and missing.get_json()["error"]["message"] == "该位置不在任何网格内"


def test_staff_appoint_and_remove_grid_people_through_grants(client):
    qige, other = make_community("七格社区", "qige"), make_community("杭铎社区", "hangduo")
    grid = make_grid(qige, "西区", square(120.30, 30.30))
    staff = auth_headers(make_organiser(qige))
    person = make_user(name="李网格")
    worker_of_grid = grid_grant(make_user(), grid)

    appointed = client.post(f"/api/v1/grids/{grid.id}/people", json={"user_id": person.id, "role": "grid_worker"},
                            headers=staff)
    assert appointed.status_code == 201
    worker = next(w for w in appointed.get_json()["workers"] if w["name"] == "李网格")
    # A grid worker does not appoint; another community's staff does not either.
    for headers in (auth_headers(worker_of_grid), auth_headers(make_organiser(other))):
        assert client.post(f"/api/v1/grids/{grid.id}/people", json={"user_id": person.id, "role": "grid_leader"},
                           headers=headers).status_code == 403
    removed = client.delete(f"/api/v1/grids/{grid.id}/people/{worker['grant_id']}", headers=staff)
    assert "李网格" not in [w["name"] for w in removed.get_json()["workers"]]
    assert client.delete(f"/api/v1/grids/{grid.id}/people/{worker['grant_id']}", headers=staff).status_code == 404
