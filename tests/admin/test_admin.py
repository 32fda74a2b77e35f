"""Admins give and take roles (grants over a scope); every change is audited
and kept as history."""
import threading

from app.auth import roles
from app.extensions import db
from app.models import AuditLog, RoleGrant, User
from tests.factories import auth_headers, make_community, make_member_unit, make_user


def audit_actions():
    db.session.expire_all()
    return [row.action for row in db.session.execute(db.select(AuditLog).order_by(AuditLog.id)).scalars()]


def give(client, admin, **body):
    return client.post("/api/v1/admin/grants", headers=auth_headers(admin), json=body)


def organiser_of(client, admin, user, community):
    return give(client, admin, user_id=user.id, role="organiser", scope_kind="community", scope_id=community.id)


def test_create_admin_command_leaves_an_audit_row(app, ctx):
    result = app.test_cli_runner().invoke(args=["jusha", "create-admin", "--openid", "o-first-admin", "--name", "管理员"])
    assert result.exit_code == 0, result.output
    user = db.session.execute(db.select(User).filter_by(openid="o-first-admin")).scalar_one()
    assert [(g.role, g.scope_kind) for g in user.grants] == [("admin", "subdistrict")]
    assert audit_actions() == ["admin.create", "grant.give"]


def test_grant_organiser_command(app, ctx):
    community = make_community(name="铭和社区")
    make_user(openid="o-org")
    result = app.test_cli_runner().invoke(
        args=["jusha", "grant-organiser", "--openid", "o-org", "--community", "铭和社区"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    user = db.session.execute(db.select(User).filter_by(openid="o-org")).scalar_one()
    assert [(g.role, g.scope_kind, g.scope_id) for g in user.grants] == [("organiser", "community", community.id)]
    assert audit_actions() == ["grant.give"]


def test_admin_gives_a_role_over_the_api_and_me_shows_it(client):
    admin, target, community = make_user(role="admin"), make_user(), make_community()
    response = organiser_of(client, admin, target, community)
    assert response.status_code == 201
    assert audit_actions() == ["grant.give"]
    row = db.session.execute(db.select(AuditLog)).scalar_one()
    assert row.actor_id == admin.id and row.target_id == str(target.id)
    me = client.get("/api/v1/me", headers=auth_headers(target)).get_json()
    assert me["role"] == "organiser"
    assert {"role": "organiser", "scope_kind": "community", "scope_id": community.id,
            "grant_id": response.get_json()["id"]} in me["roles"]
    assert me["scopes"] == [{"id": response.get_json()["id"], "community_id": community.id, "member_unit_id": None}]
    log = client.get("/api/v1/admin/audit", headers=auth_headers(admin)).get_json()
    assert log[0]["action"] == "grant.give"


def test_one_person_holds_several_roles_at_once(client):
    admin, person = make_user(role="admin"), make_user()
    community, unit = make_community(), make_member_unit()
    assert organiser_of(client, admin, person, community).status_code == 201
    assert give(client, admin, user_id=person.id, role="unit_contact", scope_kind="member_unit",
                scope_id=unit.id).status_code == 201
    held = client.get("/api/v1/me", headers=auth_headers(person)).get_json()["roles"]
    assert {(r["role"], r["scope_kind"], r["scope_id"]) for r in held} >= {
        ("resident", "subdistrict", None), ("organiser", "community", community.id),
        ("unit_contact", "member_unit", unit.id)}


def test_a_role_is_given_only_over_a_scope_it_fits(client):
    admin, person, community = make_user(role="admin"), make_user(), make_community()
    wrong = give(client, admin, user_id=person.id, role="admin", scope_kind="community", scope_id=community.id)
    assert wrong.status_code == 422 and wrong.get_json()["error"]["details"]["json"]["scope_kind"]
    missing = give(client, admin, user_id=person.id, role="organiser", scope_kind="community", scope_id=99999)
    assert missing.status_code == 404
    unknown = give(client, admin, user_id=person.id, role="resident", scope_kind="subdistrict")
    assert unknown.status_code == 422
    assert audit_actions() == []


def test_only_admins_reach_admin_endpoints(client):
    community = make_community()
    for user in (make_user(), make_user(role="organiser", organises=[community])):
        headers = auth_headers(user)
        assert client.get("/api/v1/admin/users", headers=headers).status_code == 403
        assert client.post("/api/v1/admin/grants", headers=headers, json={
            "user_id": user.id, "role": "admin", "scope_kind": "subdistrict"}).status_code == 403
        assert client.get("/api/v1/admin/audit", headers=headers).status_code == 403
    assert audit_actions() == []


def test_taking_the_last_staff_role_away_logs_the_person_out(client):
    admin, community = make_user(role="admin"), make_community()
    organiser = make_user(role="organiser", organises=[community])
    organiser_headers = auth_headers(organiser)
    grant_id = organiser.grants[0].id
    assert client.delete(f"/api/v1/admin/grants/{grant_id}", headers=auth_headers(admin)).status_code == 204
    assert client.get("/api/v1/me", headers=organiser_headers).status_code == 401
    assert audit_actions() == ["grant.take"]
    history = client.get(f"/api/v1/admin/users/{organiser.id}/grants", headers=auth_headers(admin)).get_json()
    assert [(h["role"], h["revoked_by_id"], h["revoked_at"] is not None) for h in history] == [
        ("organiser", admin.id, True)]


def test_an_admin_cannot_take_their_own_admin_role(client):
    admin = make_user(role="admin")
    response = client.delete(f"/api/v1/admin/grants/{admin.grants[0].id}", headers=auth_headers(admin))
    assert response.status_code == 409


def test_racing_grants_of_the_same_scope_leave_one_live_row(app, client):
    admin, target, community = make_user(role="admin"), make_user(), make_community()
    headers = auth_headers(admin)
    body = {"user_id": target.id, "role": "organiser", "scope_kind": "community", "scope_id": community.id}
    barrier = threading.Barrier(8)
    statuses = []

    def grant():
        barrier.wait()
        response = app.test_client().post("/api/v1/admin/grants", headers=headers, json=body)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=grant) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 7 + [201]
    rows = db.session.execute(db.select(RoleGrant).filter_by(user_id=target.id)).scalars().all()
    assert len(rows) == 1
    assert audit_actions() == ["grant.give"]


def test_taking_a_role_takes_the_power_away_and_giving_again_starts_a_new_grant(client):
    admin, organiser, community = make_user(role="admin"), make_user(), make_community()
    granted = organiser_of(client, admin, organiser, community).get_json()
    again = organiser_of(client, admin, organiser, community)
    assert again.status_code == 200 and again.get_json()["id"] == granted["id"]
    assert client.delete(f"/api/v1/admin/grants/{granted['id']}", headers=auth_headers(admin)).status_code == 204
    me = client.get("/api/v1/me", headers=auth_headers(organiser)).get_json()
    assert me["scopes"] == [] and me["role"] == roles.RESIDENT
    regiven = organiser_of(client, admin, organiser, community).get_json()
    assert regiven["id"] != granted["id"]


def test_admins_list_people_by_role(client):
    admin, community = make_user(role="admin"), make_community()
    organiser = make_user(role="organiser", organises=[community])
    make_user()
    listed = client.get("/api/v1/admin/users?role=organiser", headers=auth_headers(admin)).get_json()
    assert [u["id"] for u in listed] == [organiser.id]
