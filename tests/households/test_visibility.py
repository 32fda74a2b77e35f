"""A household's record is read only by its paired party member, its grid's
workers, its community's staff and the office; everyone else gets 404 and
leaves no trace, and every read that is answered writes one audit row."""
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select, text

from app.extensions import db
from app.models import AuditLog
from tests.factories import auth_headers

READERS = {"member": "paired_member", "grid_worker": "grid_worker", "grid_leader": "grid_worker",
           "staff": "community_staff", "admin": "office"}
OUTSIDERS = ("other_member", "other_grid_worker", "other_staff", "resident", "pending_member")


def reads_of(household_id):
    db.session.expire_all()
    return db.session.execute(select(AuditLog).where(AuditLog.action == "household.read",
                                                     AuditLog.target_id == str(household_id))
                              .order_by(AuditLog.id)).scalars().all()


def test_only_those_allowed_read_a_household_and_each_read_is_audited(client, world):
    h = world.household
    paths = {"detail": f"/api/v1/households/{h.id}", "visits": f"/api/v1/households/{h.id}/visits"}
    for name in OUTSIDERS:
        headers = auth_headers(world.people[name])
        for path in paths.values():
            answer = client.get(path, headers=headers)
            assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "household_not_found", name
        listed = client.get("/api/v1/households", headers=headers).get_json()
        assert listed["total"] == 0 and listed["items"] == [], name
    assert client.get(paths["detail"]).status_code == 401
    assert reads_of(h.id) == []  # refused reads leave no trace and show nothing

    for name, reason in READERS.items():
        headers = auth_headers(world.people[name])
        before = len(reads_of(h.id))
        detail = client.get(paths["detail"], headers=headers)
        assert detail.status_code == 200, name
        body = detail.get_json()
        assert body["members"][0]["name"] == "陈桂英" and body["notes"] == "独居老人，行动不便"
        assert body["pairing"]["party_member"]["name"] == "王建国"
        assert client.get(paths["visits"], headers=headers).status_code == 200
        listed = client.get("/api/v1/households", headers=headers).get_json()
        assert [item["id"] for item in listed["items"]] == [h.id], name
        rows = reads_of(h.id)[before:]
        assert [(r.detail["via"], r.detail["reason"], r.actor_id) for r in rows] == [
            ("detail", reason, world.people[name].id), ("visits", reason, world.people[name].id),
            ("list", reason, world.people[name].id)], name
        assert rows[0].detail["endpoint"] == f"GET /api/v1/households/{h.id}" and rows[0].created_at is not None

    mine = client.get("/api/v1/me/households", headers=auth_headers(world.people["member"])).get_json()
    assert [item["id"] for item in mine["items"]] == [h.id]
    assert reads_of(h.id)[-1].detail["via"] == "list"
    assert client.get("/api/v1/me/households", headers=auth_headers(world.people["other_member"])
                      ).get_json()["items"] == []


def test_the_export_holds_only_readable_households_and_audits_each(client, world):
    from tests.households.conftest import make_household

    elsewhere = make_household(world.other_grid, address="滟澜苑 9 幢 101", members=[
        {"name": "周国强", "relation": "head", "age_band": "senior", "phone": "13900002222"}])
    answer = client.get("/api/v1/households/export.xlsx", headers=auth_headers(world.people["grid_worker"]))
    assert answer.status_code == 200
    rows = list(load_workbook(BytesIO(answer.data)).active.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[5]) for r in rows] == [("滟澜苑 3 幢 2 单元 501", "陈桂英", "13700001111")]
    assert [r.detail["via"] for r in reads_of(world.household.id)] == ["export"] and reads_of(elsewhere.id) == []
    assert client.get("/api/v1/households/export.xlsx",
                      headers=auth_headers(world.people["resident"])).status_code == 403


def test_names_phones_notes_and_visit_texts_are_encrypted_at_rest(client, world):
    member = world.people["member"]
    answer = client.post(f"/api/v1/households/{world.household.id}/visits", headers=auth_headers(member), json={
        "visited_on": "2026-11-30", "kind": "visit", "discussed": "老人腿脚不便，想装扶手", "needs_found": "卫生间扶手"})
    assert answer.status_code == 201, answer.get_json()
    stored = " ".join(str(v) for row in db.session.execute(text(
        "SELECT m.name, m.phone, h.notes, v.discussed, v.needs_found FROM household_members m "
        "JOIN households h ON h.id = m.household_id JOIN household_visits v ON v.household_id = h.id")).all()
        for v in row)
    for secret in ("陈桂英", "13700001111", "独居老人", "扶手"):
        assert secret not in stored
