"""Citizen welfare days: second Sundays, a theme a month, an activity per
community, planned idempotently (twice, or by two planners at once)."""
import threading
from datetime import date, datetime, time, timedelta, timezone

from app.events.times import second_sunday
from app.events.welfare import DEFAULT_THEMES, plan_welfare_days
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import Event
from tests.factories import auth_headers, make_community, make_user

# Plans are made "now"; fixed here so the years below stay in the future.
PLAN_NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def all_events():
    db.session.expire_all()
    return db.session.execute(db.select(Event).order_by(Event.id)).scalars().all()


def days(events):
    return [e for e in events if e.parent_id is None]


def test_second_sundays():
    assert second_sunday(2026, 12) == date(2026, 12, 13)
    assert second_sunday(2027, 1) == date(2027, 1, 10)
    assert second_sunday(2027, 5) == date(2027, 5, 9)
    assert second_sunday(2027, 8) == date(2027, 8, 8)  # the 1st is a Sunday
    assert second_sunday(2027, 2) == date(2027, 2, 14)


def test_a_year_of_welfare_days_falls_on_second_sundays(ctx):
    communities = [make_community(name=name) for name in ("铭和社区", "柠檬社区", "智格社区")]
    summary = plan_welfare_days("2026-12", 12, now=PLAN_NOW)
    assert summary["months"][0] == "2026-12" and summary["months"][-1] == "2027-11"
    planned = all_events()
    welfare_days = days(planned)
    assert len(welfare_days) == 12 and len(planned) == 12 * 4 and len(summary["created"]) == 48
    for day in welfare_days:
        local_start = day.starts_at.astimezone(CHINA_TZ)
        assert local_start.weekday() == 6 and 8 <= local_start.day <= 14  # the second Sunday
        assert (local_start.time(), day.ends_at.astimezone(CHINA_TZ).time()) == (time(9, 0), time(11, 30))
        assert day.starts_at.utcoffset() == timedelta(0) and day.starts_at.hour == 1  # 09:00 +08:00
        assert day.theme == DEFAULT_THEMES[local_start.month]
        activities = [e for e in planned if e.parent_id == day.id]
        assert sorted(a.host_community_id for a in activities) == sorted(c.id for c in communities)
        assert all(a.starts_at == day.starts_at and a.kind == "welfare_day" and a.credits_hours for a in activities)
        assert all(a.checkin_opens_at == a.starts_at - timedelta(minutes=30) for a in activities)
    dates = [d.starts_at.astimezone(CHINA_TZ).date() for d in welfare_days]
    assert date(2026, 12, 13) in dates and date(2027, 1, 10) in dates and date(2027, 5, 9) in dates
    may = next(d for d in welfare_days if d.starts_at.astimezone(CHINA_TZ).month == 5)
    assert "温馨" in may.theme
    assert len({e.scene for e in planned}) == len(planned) and all(len(e.scene) <= 32 for e in planned)


def test_planning_twice_changes_nothing(ctx):
    make_community()
    make_community()
    first = plan_welfare_days("2027-01", 6, now=PLAN_NOW)
    before = [(e.id, e.plan_key, e.scene, e.title, e.updated_at) for e in all_events()]
    second = plan_welfare_days("2027-01", 6, now=PLAN_NOW)
    assert [(e.id, e.plan_key, e.scene, e.title, e.updated_at) for e in all_events()] == before
    assert len(first["created"]) == 18 and second["created"] == [] and second["existing"] == 18


def test_a_new_community_gets_its_activities_on_the_next_run(ctx):
    make_community()
    plan_welfare_days("2027-01", 3, now=PLAN_NOW)
    newcomer = make_community(name="新沙社区")
    summary = plan_welfare_days("2027-01", 3, now=PLAN_NOW)
    assert [item["plan_key"] for item in summary["created"]] == [
        f"welfare:2027-{m:02d}:c{newcomer.id}" for m in (1, 2, 3)]
    assert len(all_events()) == 3 * 3


def test_two_planners_at_once_create_each_row_once(app, ctx):
    for _ in range(3):
        make_community()
    barrier = threading.Barrier(2)
    summaries = []

    def planner():
        with app.app_context():
            barrier.wait()
            summaries.append(plan_welfare_days("2027-03", 4, now=PLAN_NOW))
            db.session.remove()

    threads = [threading.Thread(target=planner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(summaries) == 2
    planned = all_events()
    assert len(planned) == 4 * 4 and len({e.plan_key for e in planned}) == 16
    assert sum(len(s["created"]) for s in summaries) == 16
    assert sum(s["existing"] for s in summaries) == 16


def test_past_welfare_days_are_not_planned(ctx):
    community = make_community()
    now = datetime(2027, 1, 20, tzinfo=timezone.utc)  # after January's welfare day
    summary = plan_welfare_days("2027-01", 2, now=now)
    assert summary["skipped_past"] == ["2027-01"]
    assert {e.plan_key for e in all_events()} == {"welfare:2027-02", f"welfare:2027-02:c{community.id}"}


def test_themes_can_be_chosen_per_month_and_changed_later(client):
    make_community()
    plan_welfare_days("2031-03", 2, themes={"2031-03": "学雷锋·文明实践"})
    march, april = days(all_events())
    assert march.theme == "学雷锋·文明实践" and april.theme == DEFAULT_THEMES[4]
    admin = auth_headers(make_user(role="admin"))
    assert client.patch(f"/api/v1/events/{april.id}", json={"theme": "植树护绿·共建家园"}, headers=admin).status_code == 200
    newcomer = make_community()
    plan_welfare_days("2031-03", 2)
    new_april = db.session.execute(db.select(Event).filter_by(plan_key=f"welfare:2031-04:c{newcomer.id}")).scalar_one()
    assert new_april.theme == "植树护绿·共建家园"


def test_a_cancelled_welfare_day_gets_no_new_activities(client):
    make_community()
    plan_welfare_days("2031-06", 1)
    day = days(all_events())[0]
    client.post(f"/api/v1/events/{day.id}/cancel", json={"reason": "高温停办"},
                headers=auth_headers(make_user(role="admin")))
    make_community()
    summary = plan_welfare_days("2031-06", 1)
    assert summary["created"] == [] and len(all_events()) == 2


def test_the_command_prints_what_it_created(app, ctx):
    make_community(name="七格社区")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jusha", "plan-welfare-days", "--months", "2", "--from", "2031-04",
                                 "--theme", "2031-05=温馨五月·母亲节"])
    assert result.exit_code == 0, result.output
    assert "created welfare:2031-04  2031-04-13 09:00  2031年4月市民公益日" in result.output
    assert "2031-05-11 09:00  5月市民公益日·七格社区" in result.output
    assert "4 created, 0 already planned" in result.output
    assert days(all_events())[1].theme == "温馨五月·母亲节"
    again = runner.invoke(args=["jusha", "plan-welfare-days", "--months", "2", "--from", "2031-04"])
    assert "0 created, 4 already planned" in again.output
    bad = runner.invoke(args=["jusha", "plan-welfare-days", "--from", "2031/04"])
    assert bad.exit_code != 0 and "YYYY-MM" in bad.output


def test_mays_welfare_day_says_it_is_mothers_day(ctx):
    make_community(name="铭和社区")
    plan_welfare_days("2031-04", 2, themes={"2031-04": "植绿护绿·美丽家园"}, now=PLAN_NOW)
    plan_welfare_days("2032-05", 1, themes={"2032-05": "邻里守望·温情五月"}, now=PLAN_NOW)
    events = all_events()
    may = [e for e in events if e.starts_at.astimezone(CHINA_TZ).month == 5]
    april = [e for e in events if e.starts_at.astimezone(CHINA_TZ).month == 4]
    assert len(may) == 4 and len(april) == 2
    assert "母亲节" in DEFAULT_THEMES[5]
    # The day and every community's activity say so, even under a theme chosen by hand.
    assert all("母亲节" in e.description for e in may)
    assert not any("母亲节" in e.description for e in april)
