"""点单 → 派单 → 接单 → 履职 → 评单 through the API: each transition is one
step in the timeline, in the same transaction as the change."""
from datetime import timedelta

from app.models import Duty, Need, utcnow
from app.needs import duties
from tests.needs.conftest import fresh, get, need_body, photo, post, raised, steps


def actions(need_id):
    return [(s.action, s.from_status, s.to_status) for s in steps(need_id)]


def dispatch(client, world, need, *units):
    answer = post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [u.id for u in units]})
    assert answer.status_code == 201, answer.get_json()
    return [d["id"] for d in answer.get_json()]


def test_a_resident_raises_a_need_with_their_contact_prefilled(client, world):
    photo_ids = [photo(client, world.resident), photo(client, world.resident)]
    answer = post(client, world.resident, "/needs", need_body(photo_ids=photo_ids))
    assert answer.status_code == 201, answer.get_json()
    need = answer.get_json()
    assert need["status"] == "open" and need["community"]["id"] == world.a.id and need["full"]
    assert need["contact_name"] == "刘大伯" and need["contact_phone"] == "13911112222"
    assert need["raised_by"]["id"] == world.resident.id and [p["id"] for p in need["photos"]] == photo_ids
    assert all(p["url"] for p in need["photos"]), "each photo with a URL to show it"
    assert actions(need["id"]) == [("raise", None, "open")]
    assert fresh(Need, need["id"]).source == "resident"


def test_staff_raise_a_need_for_a_resident_of_their_community(client, world):
    answer = post(client, world.staff, "/needs", need_body(for_user_id=world.resident.id, community_id=world.a.id))
    assert answer.status_code == 201, answer.get_json()
    need = fresh(Need, answer.get_json()["id"])
    assert need.source == "community" and need.raised_by_id == world.resident.id
    assert steps(need.id)[0].actor_id == world.staff.id
    # Not for someone of another community, nor by someone who is not its staff.
    other = post(client, world.staff_b, "/needs", need_body(for_user_id=world.resident.id, community_id=world.a.id))
    assert other.status_code == 403
    stranger = post(client, world.staff, "/needs", need_body(for_user_id=world.staff_b.id, community_id=world.a.id))
    assert stranger.status_code == 422 and "for_user_id" in stranger.get_json()["error"]["details"]["json"]


def test_the_whole_loop_to_closed(client, world, app):
    from app import signals

    need = raised(world)
    done_needs, closed_duties = [], []
    with signals.need_done.connected_to(lambda s, **kw: done_needs.append(kw), sender=app), \
            signals.duty_closed.connected_to(lambda s, **kw: closed_duties.append(kw), sender=app):
        (duty_id,) = dispatch(client, world, need, world.units[0])
        assert fresh(Need, need.id).status == "dispatched"
        contact = world.contacts[0]
        assert post(client, contact, f"/duties/{duty_id}/accept").status_code == 200
        assert fresh(Need, need.id).status == "in_progress"
        on_site, finished = photo(client, contact, "duty_evidence"), photo(client, contact, "duty_evidence")
        answer = post(client, contact, f"/duties/{duty_id}/progress",
                      {"note": "已上门查看，需更换电容", "photo_ids": [on_site]})
        assert answer.status_code == 200 and answer.get_json()["status"] == "accepted"
        answer = post(client, contact, f"/duties/{duty_id}/done",
                      {"note": "已更换电容，空调恢复制冷", "photo_ids": [finished]})
        assert answer.status_code == 200 and answer.get_json()["evidence"][0]["id"] == finished
        assert fresh(Need, need.id).status == "done" and done_needs == [
            {"need_id": need.id, "community_id": world.a.id, "unit_ids": [world.units[0].id]}]
        answer = post(client, world.resident, f"/duties/{duty_id}/rating", {"rating": 5, "comment": "师傅很专业"})
        assert answer.status_code == 200 and answer.get_json()["rating"] == 5
    assert fresh(Need, need.id).status == "closed" and fresh(Need, need.id).closed_at is not None
    assert closed_duties == [{"duty_id": duty_id, "need_id": need.id, "unit_id": world.units[0].id, "rating": 5,
                              "automatic": False}]
    assert actions(need.id) == [
        ("raise", None, "open"), ("dispatch", None, "offered"), ("need_status", "open", "dispatched"),
        ("accept", "offered", "accepted"), ("need_status", "dispatched", "in_progress"),
        ("progress", "accepted", "accepted"), ("done", "accepted", "done"), ("need_status", "in_progress", "done"),
        ("rate", "done", "closed"), ("need_status", "done", "closed"),
    ]
    timeline = get(client, world.resident, f"/needs/{need.id}/timeline").get_json()
    assert [s["action_label"] for s in timeline][:2] == ["提出需求", "派单"]
    assert timeline[5]["photos"][0]["id"] == on_site and timeline[8]["note"] == "5 星：师傅很专业"
    assert all(s["at"].endswith("+08:00") for s in timeline)


def test_a_need_is_done_only_when_every_live_duty_is_done(client, world):
    need = raised(world)
    first, second, third = dispatch(client, world, need, *world.units)
    assert post(client, world.contacts[2], f"/duties/{third}/decline", {"reason": "场地不适合"}).status_code == 200
    for duty_id, contact in ((first, world.contacts[0]), (second, world.contacts[1])):
        assert post(client, contact, f"/duties/{duty_id}/accept").status_code == 200
    assert post(client, world.contacts[0], f"/duties/{first}/done", {"note": "已完成维修"}).status_code == 200
    assert fresh(Need, need.id).status == "in_progress"
    assert post(client, world.contacts[1], f"/duties/{second}/done", {"note": "已完成义诊"}).status_code == 200
    assert fresh(Need, need.id).status == "done"


def test_declining_the_only_duty_opens_the_need_again(client, world):
    need = raised(world)
    (duty_id,) = dispatch(client, world, need, world.units[0])
    answer = post(client, world.contacts[0], f"/duties/{duty_id}/decline", {"reason": "本周人手不足"})
    assert answer.status_code == 200 and answer.get_json()["decline_reason"] == "本周人手不足"
    assert fresh(Need, need.id).status == "open"
    # ... and it may be dispatched to the same unit again.
    assert len(dispatch(client, world, need, world.units[0])) == 1


def test_a_claim_confirmed_or_refused_by_the_community(client, world):
    need = raised(world)
    answer = post(client, world.contacts[0], f"/needs/{need.id}/claim", {"unit_id": world.units[0].id})
    assert answer.status_code == 201 and answer.get_json()["status"] == "claimed"
    assert fresh(Need, need.id).status == "claimed"
    refused = post(client, world.staff, f"/duties/{answer.get_json()['id']}/refuse", {"reason": "已安排社区志愿者"})
    assert refused.status_code == 200 and refused.get_json()["status"] == "withdrawn"
    assert fresh(Need, need.id).status == "open"
    again = post(client, world.contacts[1], f"/needs/{need.id}/claim", {"unit_id": world.units[1].id})
    assert again.status_code == 201
    confirmed = post(client, world.staff, f"/duties/{again.get_json()['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.get_json()["status"] == "accepted"
    assert fresh(Need, need.id).status == "in_progress"
    assert [a for a, _, _ in actions(need.id)] == ["raise", "claim", "need_status", "refuse", "need_status",
                                                   "claim", "need_status", "confirm", "need_status"]


def test_the_raiser_cancels_before_anyone_accepts_and_dispatches_are_withdrawn(client, world):
    need = raised(world)
    (duty_id,) = dispatch(client, world, need, world.units[0])
    answer = post(client, world.resident, f"/needs/{need.id}/cancel", {"reason": "已自行修好"})
    assert answer.status_code == 200 and answer.get_json()["status"] == "cancelled"
    assert fresh(Duty, duty_id).status == "withdrawn"
    assert actions(need.id)[-2:] == [("withdraw", "offered", "withdrawn"), ("cancel", "dispatched", "cancelled")]


def test_the_community_withdraws_a_dispatch(client, world):
    need = raised(world)
    (duty_id,) = dispatch(client, world, need, world.units[0])
    answer = post(client, world.staff, f"/duties/{duty_id}/withdraw", {"reason": "派错单位"})
    assert answer.status_code == 200 and fresh(Need, need.id).status == "open"


def test_reopen_within_seven_days_and_not_after(client, world, app):
    need = raised(world)
    (duty_id,) = dispatch(client, world, need, world.units[0])
    post(client, world.contacts[0], f"/duties/{duty_id}/accept")
    post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "已维修"})
    post(client, world.resident, f"/duties/{duty_id}/rating", {"rating": 2, "comment": "第二天又坏了"})
    answer = post(client, world.resident, f"/duties/{duty_id}/reopen", {"reason": "空调又不制冷了"})
    assert answer.status_code == 200, answer.get_json()
    duty = answer.get_json()
    assert duty["status"] == "accepted" and duty["rating"] is None and duty["done_at"] is None
    assert fresh(Need, need.id).status == "in_progress"
    assert actions(need.id)[-2:] == [("reopen", "closed", "accepted"), ("need_status", "closed", "in_progress")]
    # Done again, eight days ago: the window has passed.
    post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "更换压缩机"})
    row = fresh(Duty, duty_id)
    row.done_at = utcnow() - timedelta(days=8)
    from app.extensions import db

    db.session.commit()
    late = post(client, world.resident, f"/duties/{duty_id}/reopen", {"reason": "还是不行"})
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "reopen_window_passed"
    assert "7 天" in late.get_json()["error"]["message"]


def test_the_unit_duty_list_filters_and_pages(client, world):
    needs = [raised(world, title=f"需求{i}") for i in range(3)]
    ids = [dispatch(client, world, n, world.units[0])[0] for n in needs]
    post(client, world.contacts[0], f"/duties/{ids[0]}/accept")
    row = fresh(Duty, ids[1])
    row.accept_by = utcnow() - timedelta(hours=1)
    from app.extensions import db

    db.session.commit()
    listing = get(client, world.contacts[0], f"/units/{world.units[0].id}/duties", limit=2).get_json()
    assert listing["total"] == 3 and [d["id"] for d in listing["items"]] == [ids[2], ids[1]]
    assert listing["items"][0]["need"]["title"] == "需求2"
    offered = get(client, world.contacts[0], f"/units/{world.units[0].id}/duties", status="offered").get_json()
    assert {d["id"] for d in offered["items"]} == {ids[1], ids[2]}
    overdue = get(client, world.contacts[0], f"/units/{world.units[0].id}/duties", overdue="true").get_json()
    assert [d["id"] for d in overdue["items"]] == [ids[1]] and overdue["items"][0]["overdue"]
    assert duties.is_overdue(fresh(Duty, ids[1]), utcnow())
