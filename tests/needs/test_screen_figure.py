"""The 数据大屏's 本月完成需求 card: needs done this month, per community,
as the hall display reads it from /screen/summary."""
from app.screen import panels
from app.needs.screen_figure import needs_done_this_month
from tests.needs.conftest import get, post, raised
from tests.needs.test_loop import dispatch


def figure(client, user):
    answer = get(client, user, "/screen/summary")
    assert answer.status_code == 200, answer.get_json()
    return {f["name"]: f for f in answer.get_json()["figures"]}["needs_done_month"]


def finish(client, world, need):
    (duty_id,) = dispatch(client, world, need, world.units[0])
    contact = world.contacts[0]
    assert post(client, contact, f"/duties/{duty_id}/accept").status_code == 200
    assert post(client, contact, f"/duties/{duty_id}/done", {"note": "已修好"}).status_code == 200
    return duty_id


def test_a_done_need_counts_for_its_community_on_the_screen(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "SCREEN_CACHE_SECONDS", 0)  # no snapshot cached by an earlier test
    assert needs_done_this_month(panels.period())["value"] == 0
    raised(world)  # still open: not counted
    finish(client, world, raised(world, title="楼道灯不亮"))
    shown = figure(client, world.staff)
    assert shown["title"] == "本月完成需求" and shown["value"] == 1
    assert shown["by_community"] == {str(world.a.id): 1}


def test_a_reopened_need_stops_counting_and_a_rated_one_still_counts(client, world, ctx):
    need = raised(world)
    duty_id = finish(client, world, need)
    assert post(client, world.resident, f"/duties/{duty_id}/reopen", {"reason": "又坏了"}).status_code == 200
    assert needs_done_this_month(panels.period())["value"] == 0
    assert post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "换了新零件"}).status_code == 200
    assert post(client, world.resident, f"/duties/{duty_id}/rating", {"rating": 5}).status_code == 200
    assert needs_done_this_month(panels.period())["value"] == 1


def test_last_months_done_needs_are_not_this_months(client, world, ctx):
    from datetime import timedelta

    finish(client, world, raised(world))
    next_month = panels.period(panels.period().month_end + timedelta(hours=1))
    assert needs_done_this_month(next_month)["value"] == 0
