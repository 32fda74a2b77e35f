"""The 大屏's figures: what a hall display shows, counted per community and period."""
from datetime import timedelta

from app.localtime import iso, wall_clock
from app.models import utcnow
from app.screen import panels, snapshot
from tests.factories import (
    auth_headers,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_member_unit,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)

NOON = wall_clock(2026, 3, 15, 12, 0)


def event_at(moment, **fields):
    """An event starting at ``moment`` (the factories count from now)."""
    return make_event(starts_in=moment - utcnow(), **fields)


def checked_in(event, count, at):
    for _ in range(count):
        make_checkin(event, make_user(), "in", at=at)


def test_checkins_are_counted_per_community_today_and_this_month(ctx):
    a, b = make_community("铭和社区"), make_community("柠檬社区")
    unit_in_b = make_member_unit("柠檬社区卫生服务站", level="community", community=b)
    checked_in(event_at(wall_clock(2026, 3, 15, 9, 0), community=a), 2, at=wall_clock(2026, 3, 15, 9, 0))
    checked_in(event_at(wall_clock(2026, 3, 15, 10, 0), member_unit=unit_in_b), 1, at=wall_clock(2026, 3, 15, 10, 0))
    checked_in(event_at(wall_clock(2026, 3, 3, 9, 0), community=a), 1, at=wall_clock(2026, 3, 3, 9, 5))
    checked_in(event_at(wall_clock(2026, 2, 28, 9, 0), community=a), 5, at=wall_clock(2026, 2, 28, 9, 5))
    checked_in(event_at(wall_clock(2026, 3, 15, 8, 0)), 1, at=wall_clock(2026, 3, 15, 8, 0))  # the subdistrict's
    # Scanned last night for this morning's event: yesterday's check-in.
    early = event_at(wall_clock(2026, 3, 15, 7, 0), community=b, checkin_opens_at=wall_clock(2026, 3, 14, 20, 0))
    checked_in(early, 1, at=wall_clock(2026, 3, 14, 23, 50))

    shown = snapshot.compute(now=NOON)

    by_name = {c["name"]: c for c in shown["communities"]}
    assert (by_name["铭和社区"]["checkins_today"], by_name["铭和社区"]["checkins_month"]) == (2, 3)
    assert (by_name["柠檬社区"]["checkins_today"], by_name["柠檬社区"]["checkins_month"]) == (1, 2)
    assert shown["checkins"] == {"today": 4, "month": 6}
    assert shown["date"] == "2026-03-15"


def test_todays_events_have_place_time_and_count_and_leave_out_cancelled_ones(ctx):
    a = make_community("七格社区")
    lecture = event_at(wall_clock(2026, 3, 15, 14, 0), community=a, venue="七格社区党群服务中心")
    checked_in(lecture, 3, at=wall_clock(2026, 3, 15, 13, 50))
    event_at(wall_clock(2026, 3, 15, 9, 0), community=a, status="cancelled")
    event_at(wall_clock(2026, 3, 16, 9, 0), community=a)  # tomorrow

    (shown,) = snapshot.compute(now=NOON)["events_today"]

    assert shown["id"] == lecture.id and shown["venue"] == "七格社区党群服务中心"
    assert shown["starts_at"] == iso(lecture.starts_at) and shown["starts_at"].startswith("2026-03-15T14:00:00")
    assert shown["community_id"] == a.id and shown["checked_in"] == 3
    assert (shown["latitude"], shown["longitude"]) == (lecture.latitude, lecture.longitude)


def test_hours_this_year_and_top_squads_leave_out_earlier_years(ctx):
    a = make_community("智格社区")
    strong, weak = make_team("智格巡防中队", community=a), make_team("智格文明中队", community=a)
    admin = make_user(role="admin")
    for _ in range(2):
        make_hours(make_volunteer(team=strong, community=a), hours=3, community=a, approver=admin, days_ago=1)
    make_hours(make_volunteer(team=weak, community=a), hours=1, community=a, approver=admin, days_ago=1)
    make_hours(make_volunteer(team=weak, community=a), hours=40, community=a, approver=admin, days_ago=800)

    shown = snapshot.compute()

    assert shown["hours"]["hours"] == 7 and shown["hours"]["volunteers"] == 3
    assert [(s["name"], s["hours"]) for s in shown["top_squads"]] == [("智格巡防中队", 6), ("智格文明中队", 1)]


def test_another_area_adds_a_figure_without_touching_the_screen(app, ctx):
    a = make_community("新沙社区")
    registry = app.extensions.setdefault("jusha_screen_panels", {})
    kept = dict(registry)  # the areas' own figures (the needs area registers needs_done_month)
    registry.clear()
    panels.register(app, "needs_done_month", lambda at: {"title": "本月完成需求", "value": 12, "unit": "件",
                                                         "by_community": {a.id: 12}})
    panels.register(app, "broken", lambda at: 1 / 0)
    try:
        figures = snapshot.compute()["figures"]
    finally:
        registry.clear()
        registry.update(kept)
    assert figures == [{"name": "needs_done_month", "title": "本月完成需求", "value": 12, "unit": "件",
                        "by_community": {str(a.id): 12}}]


def test_the_period_is_beijings_day_month_and_year():
    at = panels.period(wall_clock(2026, 12, 31, 23, 30))
    assert at.date.isoformat() == "2026-12-31"
    assert at.month_end == wall_clock(2027, 1, 1) and at.year_start == wall_clock(2026, 1, 1)


def test_the_summary_answers_staff_and_display_keys_only(client, ctx):
    a = make_community("杭铎社区")
    organiser, resident = make_organiser(a), make_user(community=a)
    assert client.get("/api/v1/screen/summary").status_code == 401
    assert client.get("/api/v1/screen/summary", headers=auth_headers(resident)).status_code == 403
    answer = client.get("/api/v1/screen/summary", headers=auth_headers(organiser))
    assert answer.status_code == 200 and [c["name"] for c in answer.get_json()["communities"]] == ["杭铎社区"]
    refused = client.get("/api/v1/screen/summary?key=not-a-key")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "screen_key_invalid"


def test_the_summary_is_cached_for_a_few_seconds(app, client, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "SCREEN_CACHE_SECONDS", 3600)
    a = make_community("滟澜社区")
    organiser = make_organiser(a)
    event = make_event(community=a, starts_in=-timedelta(minutes=5))
    first = client.get("/api/v1/screen/summary", headers=auth_headers(organiser)).get_json()
    make_checkin(event, make_user(), "in")
    again = client.get("/api/v1/screen/summary", headers=auth_headers(organiser)).get_json()
    assert again == first  # the stream's checkin events carry the news meanwhile
