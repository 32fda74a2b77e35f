"""资源清单: everyone signed in browses what units offer; only a unit's
contacts and the office change a unit's resources; the needs area finds
units through units_offering."""
from datetime import timedelta

from app.extensions import db
from app.models import UnitResource
from app.units.matching import units_offering
from app.units.resources import today
from tests.factories import auth_headers, make_organiser
from tests.units.conftest import make_unit

REPAIR = {"kind": "professional", "service": "家电维修", "title": "空调维修服务", "capacity": 8, "capacity_unit": "人",
          "availability": "每周六、日"}


def add(client, person, unit, **fields):
    return client.post("/api/v1/resources", json={**REPAIR, "unit_id": unit.id, **fields}, headers=auth_headers(person))


def test_a_contact_lists_what_the_unit_offers_and_residents_browse_it(client, alliance):
    made = add(client, alliance.contact, alliance.unit, community_ids=[alliance.community.id])
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["kind_label"] == "专业服务" and body["unit"]["name"] == "下沙中学" and body["can_edit"] is True
    assert [c["name"] for c in body["communities"]] == ["七格社区"]
    seen = client.get("/api/v1/resources?service=家电维修", headers=auth_headers(alliance.resident)).get_json()
    assert [r["title"] for r in seen["items"]] == ["空调维修服务"] and seen["items"][0]["can_edit"] is False
    assert client.get("/api/v1/resources").status_code == 401


def test_a_contact_cannot_touch_another_units_resources(client, alliance):
    theirs = add(client, alliance.other_contact, alliance.other_unit).get_json()
    headers = auth_headers(alliance.contact)
    assert add(client, alliance.contact, alliance.other_unit).status_code == 403
    assert client.patch(f"/api/v1/resources/{theirs['id']}", json={"title": "改掉"}, headers=headers).status_code == 403
    assert client.delete(f"/api/v1/resources/{theirs['id']}", headers=headers).status_code == 403
    organiser = make_organiser(alliance.community)
    assert client.patch(f"/api/v1/resources/{theirs['id']}", json={"title": "改掉"},
                        headers=auth_headers(organiser)).status_code == 403
    db.session.expire_all()
    assert db.session.get(UnitResource, theirs["id"]).title == "空调维修服务"
    by_admin = client.patch(f"/api/v1/resources/{theirs['id']}", json={"is_active": False},
                            headers=auth_headers(alliance.admin))
    assert by_admin.status_code == 200 and by_admin.get_json()["is_active"] is False


def test_filters_by_kind_community_and_unit_and_inactive_ones_apart(client, alliance):
    add(client, alliance.contact, alliance.unit, community_ids=[alliance.community.id])
    add(client, alliance.contact, alliance.unit, kind="venue", service=None, title="礼堂")
    everywhere = add(client, alliance.other_contact, alliance.other_unit, title="全街道维修").get_json()
    elsewhere = add(client, alliance.other_contact, alliance.other_unit, title="杭铎专场",
                    community_ids=[alliance.other_community.id]).get_json()
    headers = auth_headers(alliance.resident)
    in_a = client.get(f"/api/v1/resources?community={alliance.community.id}&kind=professional",
                      headers=headers).get_json()
    assert {r["title"] for r in in_a["items"]} == {"空调维修服务", "全街道维修"}
    mine = client.get(f"/api/v1/resources?unit_id={alliance.unit.id}", headers=headers).get_json()
    assert mine["total"] == 2
    client.patch(f"/api/v1/resources/{elsewhere['id']}", json={"is_active": False},
                 headers=auth_headers(alliance.other_contact))
    active = client.get("/api/v1/resources", headers=headers).get_json()
    assert elsewhere["id"] not in {r["id"] for r in active["items"]} and everywhere["id"] in {r["id"] for r in active["items"]}
    inactive = client.get("/api/v1/resources?active=false", headers=headers).get_json()
    assert [r["id"] for r in inactive["items"]] == [elsewhere["id"]]


def test_bad_resources_are_refused(client, alliance):
    assert add(client, alliance.contact, alliance.unit, kind="money").status_code == 422
    backwards = add(client, alliance.contact, alliance.unit, available_from="2026-06-01", available_until="2026-05-01")
    assert "available_until" in backwards.get_json()["error"]["details"]["json"]
    unknown = add(client, alliance.contact, alliance.unit, community_ids=[99999])
    assert unknown.status_code == 422 and "community_ids" in unknown.get_json()["error"]["details"]["json"]


def test_a_suspended_unit_adds_nothing(client, alliance):
    client.post(f"/api/v1/units/{alliance.unit.id}/status", json={"status": "suspended", "reason": "整改"},
                headers=auth_headers(alliance.admin))
    answer = add(client, alliance.contact, alliance.unit)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (409, "unit_not_active")


def test_units_offering_finds_active_units_serving_the_community(ctx, alliance):
    def resource(unit, **fields):
        row = UnitResource(unit_id=unit.id, **{**REPAIR, **fields})
        db.session.add(row)
        db.session.commit()
        return row

    serving = resource(alliance.unit)
    serving.communities = [alliance.community]
    resource(alliance.other_unit)  # every community
    elsewhere = make_unit("杭铎维修部", kind="two_new")
    resource(elsewhere).communities = [alliance.other_community]
    stopped = make_unit("停业维修部", kind="two_new", status="suspended")
    resource(stopped)
    resource(make_unit("过期维修部", kind="two_new"), available_until=today() - timedelta(days=1))
    resource(make_unit("义诊医院", kind="hospital"), service="义诊")
    db.session.commit()
    offers = units_offering("professional", "家电维修", alliance.community.id)
    assert sorted(o.unit.name for o in offers) == sorted(["下沙中学", "下沙供电所"])
    assert all(r.service == "家电维修" for o in offers for r in o.resources)
    assert {o.unit.name for o in units_offering("professional")} >= {"杭铎维修部", "义诊医院"}
    assert "停业维修部" not in {o.unit.name for o in units_offering("professional")}
