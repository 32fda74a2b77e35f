"""Member units: the office admits and manages them; a unit's contacts edit
its profile; everyone signed in reads them, with contacts' phone numbers
only for those who work with the unit."""
from app.auth import roles
from app.extensions import db
from app.models import MemberUnit, UnitStatusChange
from tests.factories import auth_headers, make_organiser
from tests.units.conftest import make_unit

NEW_UNIT = {"name": "钱塘区人民医院", "kind": "hospital", "level": "subdistrict", "party_org_name": "医院党委",
            "address": "下沙街道学源街 1 号", "latitude": 30.31, "longitude": 120.35, "joined_on": "2021-03-05"}


def test_the_office_admits_a_unit_and_its_history_starts(client, alliance):
    answer = client.post("/api/v1/units", json=NEW_UNIT, headers=auth_headers(alliance.admin))
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert (body["kind_label"], body["level_label"], body["status"], body["status_label"]) == \
        ("医院", "街道级", "active", "正常")
    history = client.get(f"/api/v1/units/{body['id']}/status-history", headers=auth_headers(alliance.admin))
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history.get_json()] == [(None, "active", "加入联盟")]
    again = client.post("/api/v1/units", json=NEW_UNIT, headers=auth_headers(alliance.admin))
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "unit_name_taken")


def test_only_the_office_admits_units(client, alliance):
    for person in (alliance.contact, alliance.resident, make_organiser(alliance.community)):
        answer = client.post("/api/v1/units", json=NEW_UNIT, headers=auth_headers(person))
        assert answer.status_code == 403
    assert db.session.execute(db.select(MemberUnit).filter_by(name=NEW_UNIT["name"])).first() is None


def test_bad_input_is_told_in_chinese(client, alliance):
    headers = auth_headers(alliance.admin)
    cases = [
        ({**NEW_UNIT, "kind": "bank"}, "kind"),
        ({**NEW_UNIT, "latitude": 48.85, "longitude": 2.35}, "longitude"),  # Paris
        ({**NEW_UNIT, "latitude": 120.35, "longitude": 30.31}, "latitude"),  # swapped
        ({**NEW_UNIT, "longitude": None}, "longitude"),
        ({**NEW_UNIT, "level": "community"}, "community_id"),
    ]
    for body, field in cases:
        answer = client.post("/api/v1/units", json=body, headers=headers)
        assert answer.status_code == 422, (body, answer.get_json())
        messages = answer.get_json()["error"]["details"]["json"][field]
        assert all(not m.isascii() for m in messages), messages


def test_a_contact_edits_the_profile_but_not_what_the_office_decides(client, alliance):
    headers = auth_headers(alliance.contact)
    path = f"/api/v1/units/{alliance.unit.id}"
    changed = client.patch(path, json={"introduction": "百年名校", "address": "学林街 2 号", "latitude": 30.3,
                                       "longitude": 120.34, "party_org_name": "下沙中学党委"}, headers=headers)
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["introduction"] == "百年名校"
    for forbidden in ({"level": "subdistrict"}, {"kind": "hospital"}, {"name": "改名中学"}):
        answer = client.patch(path, json=forbidden, headers=headers)
        assert (answer.status_code, answer.get_json()["error"]["code"]) == (403, "profile_fields_only")
    assert client.post(f"{path}/status", json={"status": "left", "reason": "自行退出"},
                       headers=headers).status_code == 403
    other = client.patch(f"/api/v1/units/{alliance.other_unit.id}", json={"introduction": "改别人的"}, headers=headers)
    assert other.status_code == 403
    db.session.expire_all()
    assert db.session.get(MemberUnit, alliance.other_unit.id).introduction is None


def test_status_changes_are_history_with_reasons(client, alliance):
    headers = auth_headers(alliance.admin)
    path = f"/api/v1/units/{alliance.unit.id}"
    suspended = client.post(f"{path}/status", json={"status": "suspended", "reason": "整改期间暂停"}, headers=headers)
    assert suspended.get_json()["status_label"] == "暂停"
    same = client.post(f"{path}/status", json={"status": "suspended", "reason": "再次暂停"}, headers=headers)
    assert (same.status_code, same.get_json()["error"]["code"]) == (409, "unit_status_unchanged")
    client.post(f"{path}/status", json={"status": "active", "reason": "整改完成"}, headers=headers)
    history = client.get(f"{path}/status-history", headers=auth_headers(alliance.contact)).get_json()
    assert [(h["to_status"], h["reason"]) for h in history] == [
        ("active", "加入联盟"), ("suspended", "整改期间暂停"), ("active", "整改完成")]
    assert history[1]["from_label"] == "正常" and history[1]["to_label"] == "暂停"
    assert client.get(f"{path}/status-history", headers=auth_headers(alliance.resident)).status_code == 403
    assert db.session.execute(db.select(db.func.count(UnitStatusChange.id))).scalar() == 4


def test_contacts_are_names_to_residents_and_phones_to_those_who_work_with_the_unit(client, alliance):
    path = f"/api/v1/units/{alliance.unit.id}"
    public = client.get(path, headers=auth_headers(alliance.resident)).get_json()
    assert public["contacts"] == [{"name": "李老师", "phone": None}]
    assert "13800000011" not in str(public)
    for person in (alliance.admin, alliance.contact, make_organiser(alliance.community)):
        seen = client.get(path, headers=auth_headers(person)).get_json()
        assert seen["contacts"] == [{"name": "李老师", "phone": "13800000011"}]
    elsewhere = client.get(path, headers=auth_headers(make_organiser(alliance.other_community))).get_json()
    assert elsewhere["contacts"][0]["phone"] is None
    assert client.get(path).status_code == 401


def test_the_list_filters_and_pages_on_the_server(client, alliance):
    for n in range(5):
        make_unit(f"测试企业{n}", kind="enterprise")
    headers = auth_headers(alliance.resident)
    page = client.get("/api/v1/units?kind=enterprise&limit=2&offset=2", headers=headers).get_json()
    assert page["total"] == 6 and len(page["items"]) == 2 and page["limit"] == 2
    assert {u["kind_label"] for u in page["items"]} == {"企事业单位"}
    by_name = client.get("/api/v1/units?q=中学", headers=headers).get_json()
    assert [u["name"] for u in by_name["items"]] == ["下沙中学"]
    in_community = client.get(f"/api/v1/units?community={alliance.community.id}&level=community",
                              headers=headers).get_json()
    assert [u["name"] for u in in_community["items"]] == ["下沙中学"]
    literal = client.get("/api/v1/units?q=%25", headers=headers).get_json()
    assert literal["total"] == 0, "a % in the search is a character, not a wildcard"
    assert client.get("/api/v1/units?kind=bank", headers=headers).status_code == 422


def test_an_organiser_of_the_unit_speaks_for_it_too(client, alliance):
    organiser = make_organiser(alliance.unit)
    answer = client.patch(f"/api/v1/units/{alliance.unit.id}", json={"introduction": "由组织者修改"},
                          headers=auth_headers(organiser))
    assert answer.status_code == 200
    assert roles.ORGANISER in {r["role"] for r in client.get("/api/v1/me", headers=auth_headers(organiser))
                               .get_json()["roles"]}
