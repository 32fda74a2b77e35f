"""Who sees and works which orders: the reporter their own, a grid's
workers their grid's (not the next grid's), community staff their
community's, the office all; another resident never (404)."""
from tests.reports.conftest import A2, B1, filed, get, post


def listed(client, user, **query):
    return {o["id"] for o in get(client, user, "/work-orders", **query).get_json()["items"]}


def test_each_person_sees_and_acts_on_exactly_their_share(client, town):
    in_a1, in_a2, in_b1 = filed(client, town), filed(client, town, A2), filed(client, town, B1)
    everything = {in_a1["id"], in_a2["id"], in_b1["id"]}
    assert listed(client, town.reporter, scope="mine") == everything
    assert listed(client, town.neighbour) == set()
    assert get(client, town.neighbour, f"/work-orders/{in_a1['id']}").status_code == 404
    assert get(client, town.neighbour, f"/work-orders/{in_a1['id']}/timeline").status_code == 404
    assert post(client, town.neighbour, f"/work-orders/{in_a1['id']}/accept").status_code == 404
    assert listed(client, town.workers[0]) == {in_a1["id"]}
    assert listed(client, town.worker_a2, scope="todo") == {in_a2["id"]}
    assert post(client, town.worker_a2, f"/work-orders/{in_a1['id']}/accept").status_code == 404, \
        "a worker of another grid is not told it exists"
    assert listed(client, town.staff) == {in_a1["id"], in_a2["id"]}
    assert listed(client, town.staff_b) == {in_b1["id"]}
    assert listed(client, town.admin) == everything
    assert post(client, town.reporter, f"/work-orders/{in_a1['id']}/accept").status_code == 403
    assert post(client, town.workers[0], f"/work-orders/{in_a1['id']}/reopen", {"reason": "再办一次"}).status_code == 403
    # The grid worker's 我的工单 holds what is at grid level; once escalated it leaves it.
    post(client, town.workers[0], f"/work-orders/{in_a1['id']}/escalate", {"reason": "需社区协调"})
    assert listed(client, town.workers[0], scope="todo") == set()
    assert listed(client, town.staff, scope="todo") == {in_a1["id"], in_a2["id"]}


def test_figures_are_for_those_who_work_orders(client, town):
    filed(client, town), filed(client, town, B1)
    assert get(client, town.reporter, "/reports/figures").status_code == 403
    rows = get(client, town.workers[0], "/reports/figures").get_json()["rows"]
    assert [(r["grid"]["name"], r["reports"]) for r in rows] == [("第一网格", 1)], "their grid, no community total"
    staff_rows = get(client, town.staff_b, "/reports/figures").get_json()["rows"]
    assert [(r["community"]["name"], r["grid"] and r["grid"]["name"]) for r in staff_rows] == \
        [("七格社区", "第一网格"), ("七格社区", None)]
