"""Admins manage roles and organiser scopes; every action is audited."""
from app.extensions import db
from app.models import AuditLog, User
from tests.factories import auth_headers, make_community, make_user


def audit_actions():
    db.session.expire_all()
    return [row.action for row in db.session.execute(db.select(AuditLog).order_by(AuditLog.id)).scalars()]


def test_create_admin_command_leaves_an_audit_row(app, ctx):
    result = app.test_cli_runner().invoke(args=["jusha", "create-admin", "--openid", "o-first-admin", "--name", "管理员"])
    assert result.exit_code == 0, result.output
    user = db.session.execute(db.select(User).filter_by(openid="o-first-admin")).scalar_one()
    assert user.role == "admin"
    assert audit_actions() == ["admin.create"]


def test_grant_organiser_command(app, ctx):
    make_community(name="铭和社区")
    make_user(openid="o-org")
    result = app.test_cli_runner().invoke(
        args=["jusha", "grant-organiser", "--openid", "o-org", "--community", "铭和社区"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    user = db.session.execute(db.select(User).filter_by(openid="o-org")).scalar_one()
    assert user.role == "organiser" and len(user.scopes) == 1
    assert audit_actions() == ["organiser.grant_scope"]


def test_admin_grants_a_scope_over_the_api(client):
    admin, target, community = make_user(role="admin"), make_user(), make_community()
    response = client.post("/api/v1/admin/organiser-scopes", headers=auth_headers(admin),
                           json={"user_id": target.id, "community_id": community.id})
    assert response.status_code == 201
    assert audit_actions() == ["organiser.grant_scope"]
    row = db.session.execute(db.select(AuditLog)).scalar_one()
    assert row.actor_id == admin.id and row.target_id == str(target.id)
    log = client.get("/api/v1/admin/audit", headers=auth_headers(admin)).get_json()
    assert log[0]["action"] == "organiser.grant_scope"


def test_only_admins_reach_admin_endpoints(client):
    community = make_community()
    for role in ("resident", "volunteer", "organiser"):
        user = make_user(role=role)
        headers = auth_headers(user)
        assert client.get("/api/v1/admin/users", headers=headers).status_code == 403
        assert client.post("/api/v1/admin/organiser-scopes", headers=headers,
                           json={"user_id": user.id, "community_id": community.id}).status_code == 403
        assert client.get("/api/v1/admin/audit", headers=headers).status_code == 403
    assert audit_actions() == []


def test_taking_a_role_away_logs_the_person_out(client):
    admin, organiser = make_user(role="admin"), make_user(role="organiser")
    organiser_headers = auth_headers(organiser)
    response = client.put(f"/api/v1/admin/users/{organiser.id}/role", json={"role": "resident"},
                          headers=auth_headers(admin))
    assert response.status_code == 200
    assert client.get("/api/v1/me", headers=organiser_headers).status_code == 401
    assert audit_actions() == ["user.set_role"]


def test_an_admin_cannot_demote_themself(client):
    admin = make_user(role="admin")
    response = client.put(f"/api/v1/admin/users/{admin.id}/role", json={"role": "resident"},
                          headers=auth_headers(admin))
    assert response.status_code == 409


def test_racing_grants_of_the_same_scope_leave_one_row(app, client):
    import threading

    from app.models import OrganiserScope

    admin, target, community = make_user(role="admin"), make_user(), make_community()
    headers = auth_headers(admin)
    body = {"user_id": target.id, "community_id": community.id}
    barrier = threading.Barrier(8)
    statuses = []

    def grant():
        barrier.wait()
        response = app.test_client().post("/api/v1/admin/organiser-scopes", headers=headers, json=body)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=grant) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) == {201}
    rows = db.session.execute(db.select(OrganiserScope).filter_by(user_id=body["user_id"])).scalars().all()
    assert len(rows) == 1
    assert audit_actions() == ["organiser.grant_scope"]


def test_revoking_a_scope_takes_the_power_away(client):
    admin, organiser = make_user(role="admin"), make_user()
    community = make_community()
    granted = client.post("/api/v1/admin/organiser-scopes", headers=auth_headers(admin),
                          json={"user_id": organiser.id, "community_id": community.id}).get_json()
    again = client.post("/api/v1/admin/organiser-scopes", headers=auth_headers(admin),
                        json={"user_id": organiser.id, "community_id": community.id}).get_json()
    assert again["id"] == granted["id"]
    assert client.delete(f"/api/v1/admin/organiser-scopes/{granted['id']}",
                         headers=auth_headers(admin)).status_code == 204
    assert client.get("/api/v1/me", headers=auth_headers(organiser)).get_json()["scopes"] == []
