"""The hours leaderboard drawn for organisers."""
from tests.factories import auth_headers, make_community, make_hours, make_organiser, make_team, make_user, make_volunteer

PNG = b"\x89PNG\r\n\x1a\n"


def test_an_organiser_sees_their_squads_ranked_as_a_chart(client):
    community = make_community(name="铭和社区")
    squad = make_team(name="铭和社区党员中队", community=community)
    for hours in (3, 1.5):
        make_hours(make_volunteer(team=squad, community=community), community=community, hours=hours)
    organiser = make_organiser(community)

    response = client.get("/api/v1/hours/leaderboard/chart.png?by=squad", headers=auth_headers(organiser))
    assert response.status_code == 200
    assert response.mimetype == "image/png" and response.data.startswith(PNG)
    board = client.get("/api/v1/hours/leaderboard?by=squad", headers=auth_headers(organiser)).get_json()
    assert [(row["name"], row["hours"]) for row in board["rows"]] == [("铭和社区党员中队", 4.5)]


def test_an_empty_board_is_still_a_picture(client):
    organiser = make_organiser(make_community())
    response = client.get("/api/v1/hours/leaderboard/chart.png?by=community", headers=auth_headers(organiser))
    assert response.status_code == 200 and response.data.startswith(PNG)


def test_residents_do_not_get_the_chart(client):
    response = client.get("/api/v1/hours/leaderboard/chart.png", headers=auth_headers(make_user()))
    assert response.status_code == 403
