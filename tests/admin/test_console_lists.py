"""The office's tables page, sort and filter on the server: people (search,
role, sort) and the audit trail (who, what, when), with the total in
X-Total-Count so the console's pager knows how many pages there are."""
from datetime import datetime, timezone

from app.extensions import db
from app.models import AuditLog
from tests.factories import auth_headers, make_community, make_user


def get(client, admin, path, **query):
    response = client.get(f"/api/v1/admin/{path}", query_string=query, headers=auth_headers(admin))
    assert response.status_code == 200, response.get_json()
    return response.get_json(), int(response.headers["X-Total-Count"])


def test_people_are_searched_by_name_or_phone_and_paged(client):
    admin = make_user(role="admin", name="管理员")
    for i in range(5):
        make_user(name=f"王小{i}", phone=f"1380000000{i}")
    make_user(name="李四", phone="13900000000")

    page, total = get(client, admin, "users", q="王小", limit=2, offset=2)
    assert total == 5
    assert [p["name"] for p in page] == ["王小2", "王小3"]

    by_phone, total = get(client, admin, "users", q="13900")
    assert total == 1 and by_phone[0]["name"] == "李四"


def test_people_sort_by_name_either_way(client):
    admin = make_user(role="admin", name="甲")
    make_user(name="乙")
    make_user(name="丙")
    ascending, _ = get(client, admin, "users", sort="name")
    descending, _ = get(client, admin, "users", sort="name", order="desc")
    assert [p["name"] for p in ascending] == sorted(p["name"] for p in ascending)
    assert [p["name"] for p in descending] == [p["name"] for p in reversed(ascending)]


def test_people_holding_a_role_are_counted_alone(client):
    admin = make_user(role="admin")
    community = make_community()
    organisers = [make_user(organises=(community,)) for _ in range(3)]
    make_user()
    page, total = get(client, admin, "users", role="organiser", limit=2)
    assert total == 3
    assert [p["id"] for p in page] == [o.id for o in organisers[:2]]


def test_a_bad_sort_is_refused_in_chinese(client):
    admin = make_user(role="admin")
    response = client.get("/api/v1/admin/users?sort=openid", headers=auth_headers(admin))
    assert response.status_code == 422
    assert "排序字段" in response.get_json()["error"]["details"]["query"]["sort"][0]


def _audit(action, actor, at):
    db.session.add(AuditLog(action=action, actor_id=actor.id, detail={}, created_at=at))
    db.session.commit()


def test_the_audit_trail_filters_by_actor_action_and_beijing_day(client):
    admin = make_user(role="admin", name="管理员")
    other = make_user(role="admin", name="副管理员")
    # 2026-12-01 23:30 in Beijing is 15:30 UTC: it belongs to 1 December there.
    _audit("grant.give", admin, datetime(2026, 12, 1, 15, 30, tzinfo=timezone.utc))
    _audit("grant.take", admin, datetime(2026, 12, 1, 16, 30, tzinfo=timezone.utc))  # 2 Dec 00:30 in Beijing
    _audit("team.create", other, datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc))

    rows, total = get(client, admin, "audit", actor_id=admin.id)
    assert total == 2 and {r["actor_name"] for r in rows} == {"管理员"}

    rows, total = get(client, admin, "audit", action="grant.")
    assert total == 2 and [r["action"] for r in rows] == ["grant.take", "grant.give"]  # newest first

    rows, total = get(client, admin, "audit", **{"from": "2026-12-02", "to": "2026-12-02"})
    assert [r["action"] for r in rows] == ["team.create", "grant.take"]

    rows, total = get(client, admin, "audit", to="2026-12-01")
    assert [r["action"] for r in rows] == ["grant.give"]

    rows, total = get(client, admin, "audit", limit=1, offset=1, order="asc")
    assert total == 3 and [r["action"] for r in rows] == ["grant.take"]


def test_an_audit_range_that_ends_before_it_starts_is_refused(client):
    admin = make_user(role="admin")
    response = client.get("/api/v1/admin/audit?from=2026-12-02&to=2026-12-01", headers=auth_headers(admin))
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["query"]["to"] == ["结束日期不能早于开始日期"]


def test_days_out_of_any_trail_are_refused_not_overflowed(client):
    admin = make_user(role="admin")
    for query in ("from=0001-01-01", "to=9999-12-31"):
        response = client.get(f"/api/v1/admin/audit?{query}", headers=auth_headers(admin))
        assert response.status_code == 422, query


def test_a_search_finds_a_person_by_id_and_takes_any_digits(client):
    admin = make_user(role="admin")
    person = make_user(name="赵六")
    rows, total = get(client, admin, "users", q=str(person.id))
    assert person.id in [r["id"] for r in rows]
    _, total = get(client, admin, "users", q="²")
    assert total == 0
