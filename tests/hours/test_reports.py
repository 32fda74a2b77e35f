"""What volunteers and organisers see: totals, months, stars, team totals, leaderboards."""
from datetime import timedelta

from app.extensions import db
from app.hours.records import catch_up_service_records
from app.localtime import CHINA_TZ
from app.models import utcnow
from tests.factories import (
    auth_headers,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)


def test_my_hours_give_total_year_months_and_records(client, ctx):
    community = make_community()
    volunteer = make_volunteer(community=community)
    recent = make_hours(volunteer, hours=2.5, community=community, days_ago=1)
    old = make_hours(volunteer, hours=4, community=community, days_ago=400)
    event = make_event(kind="volunteer_activity", community=community, venue="滟澜社区广场",
                       starts_in=-timedelta(hours=5))
    make_checkin(event, volunteer, "in", at=event.starts_at)
    catch_up_service_records()  # the periodic pass makes the record of a check-in without a check-out
    response = client.get("/api/v1/me/hours", headers=auth_headers(volunteer))
    assert response.status_code == 200
    body = response.get_json()
    assert (body["total_hours"], body["total_minutes"]) == (6.5, 390)
    this_year = utcnow().astimezone(CHINA_TZ).year
    assert body["year"] == this_year
    expected_year = sum(m for r, m in ((recent, 150), (old, 240))
                        if r.started_at.astimezone(CHINA_TZ).year == this_year)
    assert body["year_minutes"] == expected_year
    months = {m["month"]: m["hours"] for m in body["by_month"]}
    assert months[recent.started_at.astimezone(CHINA_TZ).strftime("%Y-%m")] >= 2.5
    assert sum(months.values()) == 6.5
    assert body["star"] == {"stars": 0, "title": None, "next_threshold_hours": 100}
    statuses = [(r["place"], r["status"], r["hours"]) for r in body["records"]]
    assert statuses[0] == ("滟澜社区广场", "missing_checkout", 0.0)  # newest first, never checked out
    assert ("下沙中学礼堂", "approved", 2.5) in statuses
    assert set(body["records"][0]) >= {"event_title", "place", "started_at", "ended_at", "hours", "status"}
    assert "0.25" in body["rounding_rule"]


def test_my_hours_come_a_page_at_a_time_with_the_same_totals(client, ctx):
    """An active volunteer's hundreds of records: the phone asks a page, latest first, and the totals
    still count every record."""
    community = make_community()
    volunteer = make_volunteer(community=community)
    for days_ago in range(1, 6):
        make_hours(volunteer, hours=1, community=community, days_ago=days_ago)
    headers = auth_headers(volunteer)
    whole = client.get("/api/v1/me/hours", headers=headers).get_json()
    assert (len(whole["records"]), whole["records_total"], whole["next_offset"]) == (5, 5, None)
    first = client.get("/api/v1/me/hours?limit=2", headers=headers).get_json()
    assert (first["total_hours"], first["records_total"], first["next_offset"]) == (5.0, 5, 2)
    assert first["records"] == whole["records"][:2]
    rest = client.get("/api/v1/me/hours?limit=2&offset=4", headers=headers).get_json()
    assert (rest["records"], rest["next_offset"]) == (whole["records"][4:], None)
    bad = client.get("/api/v1/me/hours?limit=0", headers=headers)
    assert bad.status_code == 422 and "每页条数" in str(bad.get_json())


def test_star_levels_come_with_their_source(client):
    body = client.get("/api/v1/hours/stars").get_json()
    assert [(lvl["stars"], lvl["min_hours"]) for lvl in body["levels"]] == [
        (1, 100), (2, 300), (3, 600), (4, 1000), (5, 1500)]
    assert "民函〔2012〕340号" in body["source"]


def test_a_volunteer_with_long_service_earns_stars(client, ctx):
    volunteer = make_volunteer()
    admin = make_user(role="admin")
    for day in range(13):
        make_hours(volunteer, hours=8, approver=admin, days_ago=day + 1)  # 104 hours
    body = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()
    assert body["total_hours"] == 104
    assert body["star"] == {"stars": 1, "title": "一星级志愿者", "next_threshold_hours": 300}


def test_team_totals_and_leaderboards_add_up(client, ctx):
    north, south = make_community("铭和社区"), make_community("柠檬社区")
    corps = make_team(level="corps")
    brigade = make_team(level="brigade", parent=corps)
    squad_a = make_team("铭和一中队", parent=brigade, community=north)
    squad_b = make_team("铭和二中队", parent=brigade, community=north)
    squad_c = make_team("柠檬中队", parent=brigade, community=south)
    admin = make_user(role="admin")
    amounts = {squad_a: [3, 2], squad_b: [6], squad_c: [1, 1, 1]}
    for squad, hours_list in amounts.items():
        for hours in hours_list:
            make_hours(make_volunteer(team=squad, community=squad.community), hours=hours, approver=admin)
    headers = auth_headers(admin)

    squads = client.get("/api/v1/hours/leaderboard?by=squad", headers=headers).get_json()["rows"]
    assert [(r["rank"], r["name"], r["hours"], r["volunteers"]) for r in squads] == [
        (1, "铭和二中队", 6.0, 1), (2, "铭和一中队", 5.0, 2), (3, "柠檬中队", 3.0, 3)]
    communities = client.get("/api/v1/hours/leaderboard?by=community", headers=headers).get_json()["rows"]
    assert [(r["name"], r["hours"]) for r in communities] == [("铭和社区", 11.0), ("柠檬社区", 3.0)]
    next_year = utcnow().astimezone(CHINA_TZ).year + 1
    assert client.get(f"/api/v1/hours/leaderboard?by=squad&year={next_year}", headers=headers).get_json()["rows"] == []

    whole = client.get(f"/api/v1/hours/teams/{brigade.id}", headers=headers).get_json()
    assert (whole["total_hours"], whole["member_count"]) == (14.0, 6)
    team = client.get(f"/api/v1/hours/teams/{squad_a.id}", headers=auth_headers(make_organiser(north))).get_json()
    assert team["total_hours"] == 5.0
    assert [m["total_hours"] for m in team["members"]] == [3.0, 2.0]
    assert team["members"][0]["star"]["stars"] == 0


def test_hours_stay_with_the_squad_served_in_after_a_move(client, ctx):
    community = make_community()
    first, second = make_team("一中队", community=community), make_team("二中队", community=community)
    volunteer = make_volunteer(team=first, community=community)
    record = make_hours(volunteer, hours=2, approve=False, days_ago=0)
    client.post("/api/v1/me/volunteer/move", json={"team_id": second.id}, headers=auth_headers(volunteer))
    admin = make_user(role="admin")
    db.session.expire_all()
    client.post(f"/api/v1/hours/records/{record.id}/approve", headers=auth_headers(admin))
    rows = client.get("/api/v1/hours/leaderboard?by=squad", headers=auth_headers(admin)).get_json()["rows"]
    assert [(r["name"], r["hours"]) for r in rows] == [("一中队", 2.0)]
