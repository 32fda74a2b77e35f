"""The delivery report's table: one row per recipient, filtered by state and
paged on the server, for the desk console."""
from tests.factories import auth_headers, make_community, make_organiser, make_team, make_volunteer
from tests.notices.conftest import accept, known_to_wechat, send_notice, wait_for_notice


def deliveries(client, user, notice_id, **query):
    return client.get(f"/api/v1/notices/{notice_id}/deliveries", query_string=query, headers=auth_headers(user))


def test_every_recipient_has_a_row_and_the_states_filter_and_page(client, ctx, wechat_control, notice_worker):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team("铭和社区党员中队", community=community)
    people = [make_volunteer(team=team, community=community, name=f"志愿者{i}") for i in range(5)]
    for person in people[:2]:
        accept(client, wechat_control, person)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    report = wait_for_notice(client, organiser, notice["id"])
    assert (report["counts"]["sent"], report["counts"]["skipped"]) == (2, 3)

    everyone = deliveries(client, organiser, notice["id"]).get_json()
    assert everyone["total"] == 5
    assert sorted(row["name"] for row in everyone["items"]) == [p.name for p in people]

    sent = deliveries(client, organiser, notice["id"], state="sent").get_json()
    assert sent["total"] == 2
    assert {row["user_id"] for row in sent["items"]} == {people[0].id, people[1].id}
    assert all(row["sent_at"].endswith("+08:00") for row in sent["items"])

    skipped = deliveries(client, organiser, notice["id"], state="skipped", limit=2, offset=2).get_json()
    assert skipped["total"] == 3 and len(skipped["items"]) == 1
    assert skipped["items"][0]["reason"] == "no_subscription"

    found = deliveries(client, organiser, notice["id"], q="志愿者3").get_json()
    assert [row["user_id"] for row in found["items"]] == [people[3].id]


def test_an_unknown_state_is_refused_in_chinese(client, ctx):
    organiser = make_organiser(make_community())
    response = deliveries(client, organiser, 1, state="lost")
    assert response.status_code == 422
    assert "state" in response.get_json()["error"]["details"]["query"]


def test_another_communitys_notice_has_no_rows_to_show(client, ctx, wechat_control, notice_worker):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team(community=community)
    make_volunteer(team=team, community=community)
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id})
    stranger = make_organiser(make_community("柠檬社区"))
    assert deliveries(client, stranger, notice["id"]).status_code == 404
