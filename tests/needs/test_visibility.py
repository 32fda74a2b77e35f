"""Who sees what: personal details stay with the raiser, the community, the
units holding the need and the office."""
from tests.needs.conftest import get, photo, post, raised

PERSONAL = ("contact_name", "contact_phone", "raised_by", "place", "latitude", "longitude", "photos")


def test_a_public_need_without_personal_details_for_others(client, world):
    photo_id = photo(client, world.resident)
    need = raised(world, photo_ids=[photo_id])
    for viewer in (world.neighbour, world.contacts[1], world.staff_b):
        seen = get(client, viewer, f"/needs/{need.id}").get_json()
        assert seen["title"] == "空调不制冷" and seen["full"] is False
        assert not any(key in seen for key in PERSONAL), seen
        assert "13911112222" not in str(seen)
    for viewer in (world.resident, world.staff, world.admin):
        seen = get(client, viewer, f"/needs/{need.id}").get_json()
        assert seen["full"] and seen["contact_phone"] == "13911112222" and seen["photos"][0]["id"] == photo_id


def test_a_private_need_is_hidden_from_other_residents_and_units(client, world):
    need = raised(world, is_public=False)
    for viewer in (world.neighbour, world.contacts[0], world.staff_b):
        answer = get(client, viewer, f"/needs/{need.id}")
        assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "need_not_found"
        assert get(client, viewer, f"/needs/{need.id}/timeline").status_code == 404
        assert need.id not in [n["id"] for n in get(client, viewer, "/needs").get_json()["items"]]
    assert get(client, world.staff, f"/needs/{need.id}").status_code == 200


def test_a_unit_sees_the_need_in_full_while_it_holds_it(client, world):
    need = raised(world, is_public=False)
    dispatched = post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    duty_id = dispatched.get_json()[0]["id"]
    seen = get(client, world.contacts[0], f"/needs/{need.id}").get_json()
    assert seen["full"] and seen["contact_phone"] == "13911112222"
    listed = get(client, world.contacts[0], "/needs").get_json()["items"]
    assert [n["id"] for n in listed] == [need.id]
    # After declining, the unit no longer reads the resident's details.
    post(client, world.contacts[0], f"/duties/{duty_id}/decline", {"reason": "不在服务范围"})
    assert get(client, world.contacts[0], f"/needs/{need.id}").status_code == 404
    # ... but its own declined duty stays on its list.
    own = get(client, world.contacts[0], f"/units/{world.units[0].id}/duties").get_json()
    assert [d["id"] for d in own["items"]] == [duty_id] and "contact_phone" not in str(own)


def test_a_unit_contact_cannot_read_another_units_duties(client, world):
    need = raised(world)
    post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    other = get(client, world.contacts[1], f"/units/{world.units[0].id}/duties")
    assert other.status_code == 403
    assert get(client, world.resident, f"/units/{world.units[0].id}/duties").status_code == 403
    assert get(client, world.admin, f"/units/{world.units[0].id}/duties").status_code == 200
    # A public need shows another unit nothing of the units holding it.
    seen = get(client, world.contacts[1], f"/needs/{need.id}").get_json()
    assert seen["duties"] == [] and not seen["full"]


def test_a_unit_contact_cannot_act_on_another_units_duty(client, world):
    need = raised(world)
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id]}).get_json()[0]["id"]
    assert post(client, world.contacts[1], f"/duties/{duty_id}/accept").status_code == 403
    assert get(client, world.contacts[1], f"/duties/{duty_id}").status_code == 404
    assert post(client, world.contacts[1], f"/needs/{need.id}/claim",
                {"unit_id": world.units[0].id}).status_code == 403


def test_only_the_raiser_rates_and_only_staff_dispatch(client, world):
    need = raised(world)
    assert post(client, world.neighbour, f"/needs/{need.id}/dispatch",
                {"unit_ids": [world.units[0].id]}).status_code == 403
    assert post(client, world.staff_b, f"/needs/{need.id}/dispatch",
                {"unit_ids": [world.units[0].id]}).status_code == 403
    assert get(client, world.neighbour, f"/needs/{need.id}/suggestions").status_code == 403
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id]}).get_json()[0]["id"]
    post(client, world.contacts[0], f"/duties/{duty_id}/accept")
    post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "已维修好"})
    assert post(client, world.neighbour, f"/duties/{duty_id}/rating", {"rating": 1}).status_code == 403
    assert post(client, world.staff, f"/duties/{duty_id}/rating", {"rating": 5}).status_code == 403
    assert post(client, world.neighbour, f"/needs/{need.id}/cancel", {"reason": "恶意取消"}).status_code == 403


def test_the_public_timeline_says_what_and_when_not_who_or_why(client, world):
    need = raised(world)
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id], "note": "请联系刘大伯 13911112222"}).get_json()[0]["id"]
    post(client, world.contacts[0], f"/duties/{duty_id}/decline", {"reason": "刘大伯家太远"})
    public = get(client, world.neighbour, f"/needs/{need.id}/timeline").get_json()
    assert [s["action"] for s in public] == ["raise", "dispatch", "need_status", "decline", "need_status"]
    assert all(s["note"] is None and s["actor"] is None for s in public)
    full = get(client, world.resident, f"/needs/{need.id}/timeline").get_json()
    assert full[1]["note"] == "请联系刘大伯 13911112222" and full[1]["actor"]["name"] == "智格王书记"


def test_list_scopes(client, world):
    mine = raised(world, is_public=False, title="我的私人需求")
    public = raised(world, title="公开需求")
    listed = get(client, world.resident, "/needs", scope="mine").get_json()
    assert {n["id"] for n in listed["items"]} == {mine.id, public.id}
    assert [n["id"] for n in get(client, world.neighbour, "/needs").get_json()["items"]] == [public.id]
    staff = get(client, world.staff, "/needs", scope="community", status="open").get_json()
    assert staff["total"] == 2
    assert get(client, world.staff_b, "/needs", scope="community").get_json()["total"] == 0
