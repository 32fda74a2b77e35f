"""Staff's volunteer table: a team's whole subtree, search, sort and pages,
with the total in X-Total-Count; still only the volunteers in their scope."""
from tests.factories import auth_headers, make_community, make_organiser, make_team, make_user, make_volunteer


def volunteers(client, user, **query):
    response = client.get("/api/v1/volunteers", query_string=query, headers=auth_headers(user))
    assert response.status_code == 200, response.get_json()
    return response.get_json(), int(response.headers["X-Total-Count"])


def test_a_brigade_lists_the_volunteers_of_its_squads(client):
    community = make_community("铭和社区")
    corps = make_team("下沙街道志愿服务总队", level="corps")
    brigade = make_team("党员先锋大队", level="brigade", parent=corps)
    squads = [make_team(f"铭和第{i}中队", parent=brigade, community=community) for i in range(2)]
    elsewhere = make_team("其他中队", parent=make_team("其他大队", level="brigade", parent=corps), community=community)
    members = [make_volunteer(team=squad, community=community) for squad in squads]
    make_volunteer(team=elsewhere, community=community)
    admin = make_user(role="admin")

    rows, total = volunteers(client, admin, team_id=brigade.id)
    assert total == 2 and {r["user_id"] for r in rows} == {m.id for m in members}
    _, total = volunteers(client, admin, team_id=corps.id)
    assert total == 3
    _, total = volunteers(client, admin, team_id=squads[0].id)
    assert total == 1


def test_search_sort_and_pages(client):
    community = make_community("铭和社区")
    squad = make_team(community=community)
    for name in ("张三", "张四", "李五"):
        make_volunteer(team=squad, community=community, name=name)
    organiser = make_organiser(community)

    rows, total = volunteers(client, organiser, q="张")
    assert total == 2 and {r["real_name"] for r in rows} == {"张三", "张四"}
    rows, total = volunteers(client, organiser, sort="id", order="asc", limit=1, offset=1)
    assert total == 3 and rows[0]["real_name"] == "张四"
    assert all(r["id_number_masked"].count("*") >= 8 for r in rows)


def test_the_count_covers_only_the_organisers_scope(client):
    home, other = make_community("铭和社区"), make_community("柠檬社区")
    make_volunteer(team=make_team(community=home), community=home)
    make_volunteer(team=make_team(community=other), community=other)
    _, total = volunteers(client, make_organiser(home))
    assert total == 1
