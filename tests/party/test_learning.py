"""The learning record: mine, the branch's, its workbook, other areas' sections."""
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from app import contributions
from app.localtime import local
from tests.factories import make_checkin, make_event, make_hours
from tests.party.conftest import make_membership


@pytest.fixture()
def online_section(app):
    """A known section in place of the lectures area's own."""
    sections = app.extensions["jusha.contributions"].setdefault("learning_record", {})
    real = sections.pop("online", None)  # the lectures area's own, put back after the test
    contributions.contribute(app, "learning_record", "online", lambda user_id, year: {
        "title": "线上学习", "summary": f"{year}年完成 3 项", "items": [{"title": "百年党史第一讲"}]})
    yield
    sections.pop("online", None)
    if real is not None:
        sections["online"] = real


def test_my_record_counts_lectures_party_days_and_hours_with_the_sections(client, world, online_section):
    make_membership(world.member, world.branch, in_service=True, unit=world.unit)
    lecture = make_event(kind="lecture", community=world.a, starts_in=-timedelta(days=3))
    party_day = make_event(kind="party_day", community=world.a, starts_in=-timedelta(days=2))
    activity = make_event(kind="volunteer_activity", community=world.a, starts_in=-timedelta(days=1))
    for event in (lecture, party_day, activity):
        make_checkin(event, world.member, "in", at=event.starts_at)
    make_checkin(lecture, world.member, "out", at=lecture.starts_at + timedelta(hours=1))  # not a second lecture
    make_hours(world.member, community=world.a, hours=1.5, approver=world.admin)
    last_year = make_event(kind="lecture", community=world.a, starts_in=-timedelta(days=400))
    make_checkin(last_year, world.member, "in", at=last_year.starts_at)
    make_hours(world.member, community=world.a, hours=2, approver=world.admin, days_ago=400)

    year = local(lecture.starts_at).year
    record = client.get(f"/api/v1/me/learning?year={year}", headers=world.headers("member")).get_json()
    assert [(x["title"], x["kind"]) for x in record["lectures"]] == [(lecture.title, "lecture"),
                                                                     (party_day.title, "party_day")]
    assert record["lecture_count"] == 2 and record["membership"]["branch"]["name"] == "铭和社区党总支"
    assert record["sections"]["online"]["summary"] == f"{year}年完成 3 项"
    by_year = {row["year"]: row["hours"] for row in record["hours_by_year"]}
    assert by_year[local(last_year.starts_at).year] >= 2 and record["hours"] == by_year[year]

    branch = client.get(f"/api/v1/party/branches/{world.branch.id}/learning?year={year}",
                        headers=world.headers("secretary")).get_json()
    (row,) = branch["items"]
    assert (row["member"]["name"], row["lecture_count"], row["hours"]) == ("赵党员", 2, record["hours"])
    assert branch["section_titles"]["online"] == "线上学习" and row["sections"]["online"] == f"{year}年完成 3 项"
    assert branch["section_titles"]["contests"] == "党史知识竞赛"  # the quiz area's own section

    workbook = client.get(f"/api/v1/party/branches/{world.branch.id}/learning?year={year}&format=xlsx",
                          headers=world.headers("secretary"))
    assert workbook.status_code == 200 and "attachment" in workbook.headers["Content-Disposition"]
    rows = list(load_workbook(BytesIO(workbook.data), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("姓名", "在职党员", "工作单位", "参加党课/主题党日（次）", "志愿服务时长（小时）")
    assert set(rows[0][5:]) == {"线上学习", "党史知识竞赛"} and rows[1][:4] == ("赵党员", "是", "下沙中学", 2)
    assert rows[1][rows[0].index("线上学习")] == f"{year}年完成 3 项"


def test_a_pending_member_is_not_in_the_branch_record_and_anyone_has_their_own(client, world):
    make_membership(world.member, world.branch, status="pending")
    assert client.get(f"/api/v1/party/branches/{world.branch.id}/learning",
                      headers=world.headers("secretary")).get_json()["total"] == 0
    mine = client.get("/api/v1/me/learning", headers=world.headers("neighbour")).get_json()
    assert mine["membership"] is None and mine["lectures"] == [] and mine["hours"] == 0
