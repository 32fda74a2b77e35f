"""Households not contacted for N days remind their party member once per
overdue period (racing runs too); coverage per community and grid."""
from datetime import date, timedelta
from io import BytesIO

from openpyxl import load_workbook

from app.extensions import db
from app.households import reminders, service
from app.localtime import local_date
from app.models import HouseholdVisit, NoticeDelivery, User, utcnow
from app.subscriptions import templates
from tests.factories import auth_headers, make_quota
from tests.households.conftest import build, make_household, pair_now
from tests.support.concurrency import race


def delivered(template="household_overdue"):
    db.session.expire_all()
    return sorted((d.user_id, d.state) for d in db.session.execute(
        db.select(NoticeDelivery).where(NoticeDelivery.template_id == templates.get(template).id)).scalars())


def test_an_uncontacted_household_is_reminded_once_per_overdue_period(app, ctx):
    world = build(pairing_days_ago=40)
    member = world.people["member"]
    make_quota(member, templates.get("household_overdue").id, remaining=5)
    recent = make_household(world.grid, address="滟澜苑 3 幢 2 单元 502")
    pair_now(recent, member, days_ago=3)  # paired 3 days ago: not overdue
    now = utcnow()

    results = race(app, lambda i: reminders.remind_uncontacted(now), 3)
    assert sorted(map(str, results)) == sorted(["{}", "{}", str({member.id: 1})]), results
    assert [uid for uid, _ in delivered()] == [member.id]  # one message, whichever run took it
    assert reminders.remind_uncontacted(now + timedelta(days=1)) == {}  # same period: nothing more

    # a visit opens a new period, which is reminded once it runs out too
    db.session.add(HouseholdVisit(household_id=world.household.id, author_id=member.id, kind="visit",
                                  visited_on=local_date(now - timedelta(days=1)), discussed="上门走访"))
    db.session.commit()
    assert reminders.remind_uncontacted(now + timedelta(days=5)) == {}
    later = reminders.remind_uncontacted(now + timedelta(days=40))
    assert later == {member.id: 2}  # both households are overdue by then
    assert [uid for uid, _ in delivered()] == [member.id, member.id]


def test_no_reminder_for_an_archived_household_or_a_closed_account(app, ctx):
    world = build(pairing_days_ago=40)
    world.household.status = "archived"
    db.session.commit()
    assert reminders.remind_uncontacted() == {}


def test_coverage_counts_per_community_and_grid(client, world):
    people = world.people
    unpaired = make_household(world.grid, address="滟澜苑 1 幢 101")
    other = make_household(world.other_grid, address="滟澜苑 8 幢 801")
    pair_now(other, people["other_member"], days_ago=60)
    service.log_visit(db.session.get(User, people["member"].id), world.household,
                      visited_on=date.today() - timedelta(days=2), kind="visit", discussed="上门了解生活情况")
    assert unpaired.id
    answer = client.get("/api/v1/households/coverage", headers=auth_headers(people["staff"]))
    assert answer.status_code == 200
    figures = answer.get_json()
    (community,) = figures["communities"]
    assert (community["community"], community["households"], community["paired"], community["contacted"],
            community["party_members"]) == ("滟澜社区", 3, 2, 1, 2)
    assert [(g["grid"], g["households"], g["paired"], g["contacted"]) for g in figures["grids"]] == [
        ("第一网格", 2, 1, 1), ("第二网格", 1, 1, 0)]
    visited_month = f"{date.today() - timedelta(days=2):%Y-%m}"
    assert {m["month"]: m["visits"] for m in figures["months"]}[visited_month] == 1 and len(figures["months"]) == 12
    assert figures["days"] == 30

    sheet = client.get("/api/v1/households/coverage.xlsx", headers=auth_headers(people["admin"]))
    rows = list(load_workbook(BytesIO(sheet.data))["联户覆盖"].iter_rows(values_only=True))
    assert rows[0][:4] == ("社区", "网格", "户数", "已联户") and ("滟澜社区", "（全社区）", 3, 2) in [r[:4] for r in rows]
    for name in ("other_staff", "grid_worker", "member"):
        refused = client.get("/api/v1/households/coverage", query_string={"community_id": world.a.id},
                             headers=auth_headers(people[name]))
        assert refused.status_code == 403, name
    assert client.get("/api/v1/households/coverage", headers=auth_headers(people["other_staff"])
                      ).get_json()["communities"][0]["community"] == "新沙社区"
