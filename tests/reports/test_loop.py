"""A 随手拍 report's whole life as people see it: filed into the grid its
location lies in, accepted, worked, closed with evidence (the reporter
told), rated, reopened; climbing to the community and the office by hand;
the community whistling for the alliance or raising a need; rejected as a
duplicate; every step a row of the append-only timeline."""
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Need, NoticeDelivery, Whistle, WorkOrderStep, utcnow
from app.models.reports import WorkOrderTimelineIsAppendOnly
from app.reports.service import file_report
from app.subscriptions import templates
from tests.factories import make_member_unit, make_quota, make_user
from tests.files.conftest import uploaded
from tests.reports.conftest import A1, A2, filed, fresh, get, inside, post, report_body, steps


def photo(client, user):
    return uploaded(client, user, purpose="report_photo")["id"]


def test_filed_accepted_worked_closed_rated_and_reopened(client, town):
    make_quota(town.reporter, templates.get("report_closed").id, remaining=2)
    shot = photo(client, town.reporter)
    order = filed(client, town, photo_ids=[shot])
    assert (order["grid"]["id"], order["level"], order["status"], order["status_label"]) == \
        (town.a1.id, "grid", "submitted", "待受理")
    assert [p["id"] for p in order["photos"]] == [shot] and order["mine"] and order["actions"] == []
    assert order["reporter"] is None, "the reporter is not shown their own name as a handler would be"

    worker = town.workers[0]
    seen = get(client, worker, f"/work-orders/{order['id']}").get_json()
    assert seen["reporter"]["name"] == "刘大伯" and "accept" in seen["actions"]
    assert post(client, worker, f"/work-orders/{order['id']}/accept").get_json()["assignee"]["name"] == "网格员1"
    progress = post(client, worker, f"/work-orders/{order['id']}/progress",
                    {"note": "已联系物业更换灯泡", "photo_ids": [photo(client, worker)]}).get_json()
    assert progress["status"] == "in_progress"
    evidence = photo(client, worker)
    closed = post(client, worker, f"/work-orders/{order['id']}/close", {"note": "路灯已修好", "photo_ids": [evidence]})
    assert closed.status_code == 200, closed.get_json()
    assert (closed.get_json()["status"], closed.get_json()["evidence"][0]["id"]) == ("closed", evidence)
    (told,) = db.session.execute(db.select(NoticeDelivery).where(
        NoticeDelivery.template_id == templates.get("report_closed").id)).scalars().all()
    assert told.user_id == town.reporter.id

    mine = get(client, town.reporter, f"/work-orders/{order['id']}").get_json()
    assert mine["actions"] == ["rate", "reopen"]
    rated = post(client, town.reporter, f"/work-orders/{order['id']}/rating", {"rating": 5, "comment": "很及时"})
    assert rated.get_json()["rating"] == 5
    assert post(client, town.reporter, f"/work-orders/{order['id']}/rating", {"rating": 4}).get_json()["error"][
        "code"] == "work_order_already_rated"
    reopened = post(client, town.reporter, f"/work-orders/{order['id']}/reopen", {"reason": "灯又不亮了"}).get_json()
    assert (reopened["status"], reopened["level"], reopened["rating"], reopened["assignee"]) == \
        ("submitted", "grid", None, None)

    timeline = get(client, town.reporter, f"/work-orders/{order['id']}/timeline").get_json()
    assert [s["action"] for s in timeline] == ["submit", "accept", "progress", "close", "rate", "reopen"]
    assert timeline[3]["actor"]["name"] == "网格员1" and timeline[4]["note"] == "5 星：很及时"
    step = steps(order["id"])[0]
    step.note = "改写"
    with pytest.raises(WorkOrderTimelineIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(WorkOrderTimelineIsAppendOnly):
        db.session.execute(db.delete(WorkOrderStep))


def test_the_grid_escalates_to_the_community_which_escalates_to_the_office(client, town):
    order = filed(client, town)
    worker, path = town.workers[0], f"/work-orders/{order['id']}"
    assert post(client, worker, f"{path}/whistle", {"needed_by": (utcnow() + timedelta(hours=3)).isoformat(),
                                                    "to_all_units": True}).get_json()["error"]["code"] == \
        "work_order_wrong_level"
    up = post(client, worker, f"{path}/escalate", {"reason": "涉及市政线路，网格无法处理"}).get_json()
    assert (up["level"], up["status"], up["level_label"]) == ("community", "submitted", "社区")
    assert post(client, worker, f"{path}/accept").status_code == 403, "the grid no longer acts on it"
    assert get(client, worker, path).status_code == 200, "but still follows it"
    assert post(client, town.staff, f"{path}/accept").status_code == 200
    top = post(client, town.staff, f"{path}/escalate", {"reason": "需街道协调供电部门"}).get_json()
    assert top["level"] == "office"
    assert post(client, town.staff, f"{path}/close", {"note": "已办"}).status_code == 403
    assert post(client, town.admin, f"{path}/escalate", {"reason": "再上报"}).get_json()["error"]["code"] == \
        "work_order_top_level"
    post(client, town.admin, f"{path}/accept")
    done = post(client, town.admin, f"{path}/close", {"note": "供电所已更换线路"}).get_json()
    assert (done["status"], done["closed_level"]) == ("closed", "office")
    levels = [(s.action, s.from_level, s.to_level) for s in steps(order["id"])]
    assert ("escalate", "grid", "community") in levels and ("escalate", "community", "office") in levels


def test_the_community_raises_a_need_or_whistles_for_the_alliance(client, town):
    make_member_unit("下沙供电所")
    for_need, for_whistle = filed(client, town), filed(client, town, description="小区积水严重，需要抽水")
    for order in (for_need, for_whistle):
        post(client, town.workers[0], f"/work-orders/{order['id']}/escalate", {"reason": "网格力量不足"})
    raised = post(client, town.staff, f"/work-orders/{for_need['id']}/need",
                  {"kind": "professional", "service": "电路检修"}).get_json()
    need = db.session.get(Need, raised["need_id"])
    assert (raised["status"], need.source, need.source_ref, need.community_id) == \
        ("in_progress", "grid_report", f"work_order:{for_need['id']}", town.a.id)
    again = post(client, town.staff, f"/work-orders/{for_need['id']}/need", {"kind": "professional"})
    assert again.get_json()["error"]["code"] == "work_order_linked"
    whistled = post(client, town.staff, f"/work-orders/{for_whistle['id']}/whistle",
                    {"needed_by": (utcnow() + timedelta(hours=3)).isoformat(), "to_all_units": True}).get_json()
    whistle = db.session.get(Whistle, whistled["whistle_id"])
    assert whistle.community_id == town.a.id and whistle.title.startswith("设施损坏：小区积水")
    assert [s.action for s in steps(for_whistle["id"])][-1] == "whistle"


def test_rejected_as_a_duplicate_and_reopening_only_within_seven_days(client, town):
    first, second = filed(client, town), filed(client, town)
    rejected = post(client, town.leader, f"/work-orders/{second['id']}/reject",
                    {"reason": "duplicate", "duplicate_of_id": first["id"], "note": "同一路灯"}).get_json()
    assert (rejected["status"], rejected["reject_label"], rejected["duplicate_of_id"]) == \
        ("rejected", "重复上报", first["id"])
    assert post(client, town.leader, f"/work-orders/{second['id']}/accept").get_json()["error"]["code"] == \
        "work_order_taken"
    order = fresh(second["id"])
    order.closed_at = utcnow() - timedelta(days=7, minutes=1)
    db.session.commit()
    late = post(client, town.reporter, f"/work-orders/{second['id']}/reopen", {"reason": "没有重复"})
    assert late.status_code == 409 and late.get_json()["error"]["message"].startswith("办结已超过 7 天")


@pytest.mark.parametrize("action, body, code", [
    ("close", {"note": "已办"}, "work_order_not_accepted"),
    ("progress", {"note": "在办"}, "work_order_not_accepted"),
])
def test_work_before_accepting_is_refused(client, town, action, body, code):
    order = filed(client, town)
    assert post(client, town.workers[0], f"/work-orders/{order['id']}/{action}", body).get_json()["error"][
        "code"] == code


def test_the_reporter_rates_only_a_closed_order_and_reopens_only_a_finished_one(client, town):
    order = filed(client, town)
    assert post(client, town.reporter, f"/work-orders/{order['id']}/rating", {"rating": 3}).get_json()["error"][
        "code"] == "work_order_not_closed"
    assert post(client, town.reporter, f"/work-orders/{order['id']}/reopen", {"reason": "还没修"}).get_json()[
        "error"]["code"] == "work_order_not_finished"
    assert post(client, town.workers[0], f"/work-orders/{order['id']}/rating", {"rating": 3}).status_code == 403


def test_outside_every_grid_the_nearest_community_triages_and_far_away_is_refused(client, town):
    # East of grid A2, near community A's office: no grid holds it.
    latitude, longitude = inside(A2)
    order = filed(client, town, latitude=latitude, longitude=longitude + 0.02)
    assert (order["grid"], order["community"]["id"], order["level"]) == (None, town.a.id, "community")
    assert "accept" in get(client, town.staff, f"/work-orders/{order['id']}").get_json()["actions"]
    far = post(client, town.reporter, "/reports", report_body(latitude=39.9, longitude=116.4))
    assert far.status_code == 422 and far.get_json()["error"]["code"] == "report_outside_subdistrict"


def test_other_areas_file_once_per_visit(ctx, town):
    patroller = make_user(community=town.a, name="巡查队员")
    latitude, longitude = inside(A1)
    kwargs = dict(category="safety", description="消防通道被占用", latitude=latitude, longitude=longitude,
                  source="patrol", source_ref="patrol:12")
    first = file_report(patroller, **kwargs)
    db.session.commit()
    assert file_report(patroller, **kwargs).id == first.id
    assert (first.grid_id, first.source) == (town.a1.id, "patrol")
    with pytest.raises(ValueError):
        file_report(patroller, **{**kwargs, "source": "rumour"})


def test_closing_the_account_unlinks_the_reporter(client, town):
    from app import signals

    order = filed(client, town)
    signals.account_closed.send(client.application, user_id=town.reporter.id)
    assert fresh(order["id"]).reporter_id is None
    assert get(client, town.reporter, f"/work-orders/{order['id']}").status_code == 404
