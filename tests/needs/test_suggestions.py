"""派单建议: units ranked by what they offer, how near they are, how busy
they are and how they were rated, each with its reasons."""
from datetime import timedelta

from app.extensions import db
from app.models import Duty, UnitResource
from app.needs.suggestions import haversine_km
from app.units.resources import today
from tests.needs.conftest import get, make_unit, post, raised


def test_haversine_on_xiasha_scale():
    # 0.01° of latitude is about 1.11 km anywhere.
    assert abs(haversine_km(30.30, 120.35, 30.31, 120.35) - 1.112) < 0.01
    assert haversine_km(30.3, 120.35, 30.3, 120.35) == 0


def test_suggestions_rank_by_match_distance_load_and_rating(client, world):
    need = raised(world)  # 家电维修 at 30.311, 120.351
    far_repairer = make_unit("远处维修队", None, 30.350, 120.400, service_name="家电维修")
    near_generalist = make_unit("附近物业", world.a, 30.312, 120.352, service_name="保洁")
    make_unit("学校", world.a, 30.311, 120.351, kind="venue")  # a venue: not a candidate
    answer = get(client, world.staff, f"/needs/{need.id}/suggestions")
    assert answer.status_code == 200, answer.get_json()
    ranked = answer.get_json()
    names = [s["unit"]["name"] for s in ranked]
    assert names[0] == "下沙供电所"  # the service itself, near, idle
    assert set(names) == {"下沙供电所", "钱塘区人民医院", "远处维修队", "附近物业"}
    first = ranked[0]
    assert first["parts"]["match"] == 40 and first["score"] == round(sum(first["parts"].values()), 1)
    assert first["reasons"][0].startswith("提供「家电维修」服务") and "公里" in first["reasons"][1]
    assert first["distance_km"] < 0.2 and first["average_rating"] is None and "暂无评价" in first["reasons"][3]
    generalist = next(s for s in ranked if s["unit"]["id"] == near_generalist.id)
    far = next(s for s in ranked if s["unit"]["id"] == far_repairer.id)
    assert generalist["parts"]["match"] == 25 and far["parts"]["distance"] < generalist["parts"]["distance"]


def test_busy_and_poorly_rated_units_sink(client, world):
    need = raised(world)
    other = raised(world, title="另一件事")
    busy = world.units[0]
    for status in ("accepted", "offered"):
        db.session.add(Duty(need_id=other.id, unit_id=busy.id, status=status) if status == "accepted" else
                       Duty(need_id=raised(world).id, unit_id=busy.id, status=status))
    db.session.add(Duty(need_id=raised(world).id, unit_id=busy.id, status="closed", rating=1))
    db.session.commit()
    ranked = get(client, world.staff, f"/needs/{need.id}/suggestions").get_json()
    entry = next(s for s in ranked if s["unit"]["id"] == busy.id)
    assert entry["open_duties"] == 2 and entry["parts"]["load"] == round(20 / 3, 1)
    assert entry["average_rating"] == 1 and entry["parts"]["rating"] == 0
    assert "当前有 2 项未完成的任务" in entry["reasons"]


def test_units_already_holding_the_need_or_not_serving_its_community_are_left_out(client, world):
    need = raised(world)
    post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    elsewhere = make_unit("七格维修站", world.b, service_name="家电维修")
    resource = db.session.execute(db.select(UnitResource).where(UnitResource.unit_id == elsewhere.id)).scalar_one()
    resource.communities = [world.b]
    db.session.commit()
    names = [s["unit"]["name"] for s in get(client, world.staff, f"/needs/{need.id}/suggestions").get_json()]
    assert "下沙供电所" not in names and "七格维修站" not in names and "钱塘区人民医院" in names


def test_a_resource_not_available_today_is_not_suggested(client, world):
    need = raised(world)
    later = make_unit("下月开放维修站", world.a, 30.311, 120.351, service_name="家电维修")
    resource = db.session.execute(db.select(UnitResource).where(UnitResource.unit_id == later.id)).scalar_one()
    resource.available_from = today() + timedelta(days=30)
    db.session.commit()
    names = [s["unit"]["name"] for s in get(client, world.staff, f"/needs/{need.id}/suggestions").get_json()]
    assert "下月开放维修站" not in names and "下沙供电所" in names
