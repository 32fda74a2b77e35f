"""The corps → brigade → squad tree: admins shape it, organisers run their own squads."""
from app.extensions import db
from app.models import AuditLog, Team
from tests.factories import (
    auth_headers,
    make_community,
    make_member_unit,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)


def _tree_of_three(community):
    corps = make_team("下沙街道志愿服务总队", level="corps")
    brigade = make_team("社区服务大队", level="brigade", parent=corps)
    squad = make_team("铭和社区中队", level="squad", parent=brigade, community=community)
    return corps, brigade, squad


def test_the_tree_nests_squads_under_brigades_under_the_corps(client, ctx):
    community = make_community("铭和社区")
    corps, brigade, squad = _tree_of_three(community)
    make_volunteer(team=squad, community=community)
    response = client.get("/api/v1/teams")
    assert response.status_code == 200
    (root,) = response.get_json()
    assert root["name"] == "下沙街道志愿服务总队" and root["level"] == "corps"
    (brigade_node,) = root["children"]
    (squad_node,) = brigade_node["children"]
    assert squad_node == {
        "id": squad.id, "name": "铭和社区中队", "level": "squad", "parent_id": brigade.id,
        "community_id": community.id, "member_unit_id": None, "member_count": 1, "children": [],
    }


def test_admin_creates_renames_moves_and_deletes_teams(client, ctx):
    admin = make_user(role="admin")
    headers = auth_headers(admin)
    corps = client.post("/api/v1/teams", json={"name": "总队", "level": "corps"}, headers=headers).get_json()
    first = client.post("/api/v1/teams", json={"name": "一大队", "level": "brigade", "parent_id": corps["id"]},
                        headers=headers).get_json()
    second = client.post("/api/v1/teams", json={"name": "二大队", "level": "brigade", "parent_id": corps["id"]},
                         headers=headers).get_json()
    squad = client.post("/api/v1/teams", json={"name": "中队", "level": "squad", "parent_id": first["id"]},
                        headers=headers)
    assert squad.status_code == 201
    squad_id = squad.get_json()["id"]

    renamed = client.patch(f"/api/v1/teams/{squad_id}", json={"name": "滟澜中队", "parent_id": second["id"]},
                           headers=headers)
    assert renamed.status_code == 200
    assert renamed.get_json()["name"] == "滟澜中队" and renamed.get_json()["parent_id"] == second["id"]

    assert client.delete(f"/api/v1/teams/{squad_id}", headers=headers).status_code == 204
    actions = db.session.execute(db.select(AuditLog.action).order_by(AuditLog.id)).scalars().all()
    assert actions == ["team.create"] * 4 + ["team.update", "team.delete"]


def test_levels_must_follow_corps_brigade_squad(client, ctx):
    headers = auth_headers(make_user(role="admin"))
    corps = make_team(level="corps")
    wrong = client.post("/api/v1/teams", json={"name": "中队", "level": "squad", "parent_id": corps.id},
                        headers=headers)
    assert wrong.status_code == 422
    assert wrong.get_json()["error"]["code"] == "team_parent_invalid"
    orphan = client.post("/api/v1/teams", json={"name": "大队", "level": "brigade"}, headers=headers)
    assert orphan.get_json()["error"]["code"] == "team_parent_invalid"


def test_a_team_with_members_or_history_cannot_be_deleted(client, ctx):
    community = make_community()
    _, brigade, squad = _tree_of_three(community)
    headers = auth_headers(make_user(role="admin"))
    assert client.delete(f"/api/v1/teams/{brigade.id}", headers=headers).get_json()["error"]["code"] == "team_not_empty"
    volunteer = make_volunteer(team=squad, community=community)
    client.post("/api/v1/me/volunteer/leave", json={}, headers=auth_headers(volunteer))
    refused = client.delete(f"/api/v1/teams/{squad.id}", headers=headers)
    assert refused.status_code == 409
    assert db.session.get(Team, squad.id) is not None


def test_organiser_manages_squads_of_their_own_community_only(client, ctx):
    mine, theirs = make_community("柠檬社区"), make_community("智格社区")
    corps = make_team(level="corps")
    brigade = make_team(level="brigade", parent=corps)
    organiser = make_organiser(mine)
    headers = auth_headers(organiser)

    created = client.post("/api/v1/teams", json={"name": "柠檬中队", "level": "squad", "parent_id": brigade.id,
                                                 "community_id": mine.id}, headers=headers)
    assert created.status_code == 201
    squad_id = created.get_json()["id"]
    assert client.patch(f"/api/v1/teams/{squad_id}", json={"name": "柠檬志愿中队"}, headers=headers).status_code == 200

    elsewhere = client.post("/api/v1/teams", json={"name": "智格中队", "level": "squad", "parent_id": brigade.id,
                                                   "community_id": theirs.id}, headers=headers)
    assert elsewhere.status_code == 403
    assert elsewhere.get_json()["error"]["code"] == "out_of_scope"
    other_squad = make_team(parent=brigade, community=theirs)
    assert client.patch(f"/api/v1/teams/{other_squad.id}", json={"name": "改名"}, headers=headers).status_code == 403
    assert client.delete(f"/api/v1/teams/{other_squad.id}", headers=headers).status_code == 403
    handed_away = client.patch(f"/api/v1/teams/{squad_id}", json={"community_id": theirs.id}, headers=headers)
    assert handed_away.status_code == 403

    # the structure above squads is the admins' to shape
    assert client.post("/api/v1/teams", json={"name": "大队", "level": "brigade", "parent_id": corps.id},
                       headers=headers).status_code == 403
    other_brigade = make_team(level="brigade", parent=corps)
    moved = client.patch(f"/api/v1/teams/{squad_id}", json={"parent_id": other_brigade.id}, headers=headers)
    assert moved.status_code == 403
    assert client.delete(f"/api/v1/teams/{squad_id}", headers=headers).status_code == 204


def test_member_unit_organiser_runs_the_units_squad(client, ctx):
    unit = make_member_unit("下沙中学")
    squad = make_team(member_unit=unit)
    organiser = make_organiser(unit)
    response = client.patch(f"/api/v1/teams/{squad.id}", json={"name": "下沙中学志愿中队"},
                            headers=auth_headers(organiser))
    assert response.status_code == 200
    assert response.get_json()["member_unit_id"] == unit.id


def test_residents_cannot_change_teams(client, ctx):
    squad = make_team()
    headers = auth_headers(make_user())
    assert client.post("/api/v1/teams", json={"name": "x", "level": "corps"}, headers=headers).status_code == 403
    assert client.patch(f"/api/v1/teams/{squad.id}", json={"name": "x"}, headers=headers).status_code == 403


def test_organisers_cannot_change_a_brigade_placed_in_their_community(client, ctx):
    """Admins may tie a brigade to a community; it stays theirs to rename,
    hand over or delete, as organisers manage squads only."""
    community, other = make_community(), make_community()
    corps = make_team(level="corps")
    brigade = make_team(level="brigade", parent=corps, community=community)
    headers = auth_headers(make_organiser(community, other))
    for body in ({"name": "改名大队"}, {"community_id": other.id}):
        response = client.patch(f"/api/v1/teams/{brigade.id}", json=body, headers=headers)
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert client.delete(f"/api/v1/teams/{brigade.id}", headers=headers).status_code == 403
    assert client.get("/api/v1/teams").get_json()[0]["children"][0]["name"] == brigade.name
