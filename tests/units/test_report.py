"""Each unit's yearly fulfilment (JSON, XLSX, PDF) for its own people and the
office; the ranking of all units (and its chart) for the office and
community staff; the units' rating of communities (双向评价)."""
import shutil
import subprocess
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.localtime import local
from app.models import Duty, Need, UnitProject, Whistle, WhistleReport, utcnow
from tests.factories import auth_headers, make_event, make_organiser
from tests.units.conftest import make_unit

NOW = utcnow()
YEAR = local(NOW).year


def need(community, title="空调维修"):
    row = Need(title=title, kind="professional", service="家电维修", community_id=community.id, status="in_progress")
    db.session.add(row)
    db.session.flush()
    return row


def duty(unit, community, done_late=None, rating=None, accepted=True, done=True):
    row = Duty(need_id=need(community).id, unit_id=unit.id, status="done" if done else "accepted",
               accepted_at=NOW - timedelta(hours=5) if accepted else None, due_by=NOW - timedelta(hours=1))
    if done:
        row.done_at = NOW if done_late else NOW - timedelta(hours=2)
    if rating:
        row.rating, row.rated_at = rating, NOW
    db.session.add(row)
    db.session.commit()
    return row


def whistle(community, units=(), to_all=False, reports=()):
    row = Whistle(community_id=community.id, title="暴雨积水排涝", needed_by=NOW + timedelta(hours=3),
                  to_all_units=to_all, created_at=NOW - timedelta(minutes=90))
    row.units = list(units)
    db.session.add(row)
    db.session.flush()
    for unit, minutes in reports:
        db.session.add(WhistleReport(whistle_id=row.id, unit_id=unit.id, people_count=3,
                                     reported_at=row.created_at + timedelta(minutes=minutes)))
    db.session.commit()
    return row


def world(alliance):
    duty(alliance.unit, alliance.community, rating=5)
    duty(alliance.unit, alliance.community, done_late=True, rating=3)
    duty(alliance.unit, alliance.community, done=False)
    whistle(alliance.community, to_all=True, reports=[(alliance.unit, 20)])
    whistle(alliance.community, units=[alliance.unit], reports=[(alliance.unit, 40)])
    whistle(alliance.community, units=[alliance.other_unit])
    started = NOW - timedelta(hours=3) if local(NOW - timedelta(hours=3)).year == YEAR else NOW
    make_event(member_unit=alliance.unit, starts_in=started - NOW, duration=timedelta(hours=1) if started < NOW
               else timedelta(0))


def test_a_units_year_in_figures(client, alliance):
    world(alliance)
    answer = client.get(f"/api/v1/units/{alliance.unit.id}/report?year={YEAR}", headers=auth_headers(alliance.contact))
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert report["duties"] == {"accepted": 3, "done": 2, "on_time": 1, "on_time_rate": 0.5, "rated": 2,
                                "average_rating": 4.0}
    assert report["whistles"] == {"addressed": 2, "reported": 2, "response_rate": 1.0,
                                  "average_response_minutes": 30}
    assert report["unit"]["kind_label"] == "学校"
    # 10 on time + 6 late + 2 × 4 reports + 2 × ((5 + 3) − 3 × 2) rating points (+ 3 an event held)
    assert report["points"] == 10 + 6 + 8 + 4 + 3 * report["events_hosted"]
    other = client.get(f"/api/v1/units/{alliance.other_unit.id}/report",
                       headers=auth_headers(alliance.other_contact)).get_json()
    assert other["whistles"] == {"addressed": 2, "reported": 0, "response_rate": 0.0,
                                 "average_response_minutes": None}


def test_a_contact_cannot_read_another_units_report(client, alliance):
    path = f"/api/v1/units/{alliance.other_unit.id}/report"
    for person in (alliance.contact, alliance.resident, make_organiser(alliance.community)):
        for fmt in ("json", "pdf", "xlsx"):
            assert client.get(f"{path}?format={fmt}", headers=auth_headers(person)).status_code == 403
    assert client.get(path, headers=auth_headers(alliance.admin)).status_code == 200


def test_the_report_as_a_workbook(client, alliance):
    world(alliance)
    db.session.add(UnitProject(unit_id=alliance.unit.id, year=YEAR, kind="optional", title="=HYPERLINK(\"x\")",
                               status="active"))
    db.session.commit()
    answer = client.get(f"/api/v1/units/{alliance.unit.id}/report?format=xlsx", headers=auth_headers(alliance.admin))
    assert answer.status_code == 200
    assert answer.mimetype.endswith("spreadsheetml.sheet")
    assert "filename*=UTF-8''" in answer.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(answer.data)).active
    cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert cells["单位名称"] == "下沙中学" and cells["按时完成率"] == "50%" and cells["平均评分"] == "4 星"
    assert cells["接单数"] == 3 and cells["完成数"] == 2, "counts are numbers a spreadsheet can sum"
    typed = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert typed and typed[0].data_type == "s", "a title is text, never a formula"


def pdf_report(client, alliance):
    world(alliance)
    answer = client.get(f"/api/v1/units/{alliance.unit.id}/report?format=pdf", headers=auth_headers(alliance.contact))
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    return answer.data


def test_the_report_as_a_pdf_carries_its_chinese_font(client, alliance):
    pdf = pdf_report(client, alliance)
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf, "the Chinese font is embedded"
    assert b"Helvetica" not in pdf and b"STSong" not in pdf, "no font the reader must supply"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_the_report_as_a_pdf_reads_as_chinese(client, alliance):
    pdf = pdf_report(client, alliance)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "下沙中学" in text and "按时完成率" in text and "项目清单" in text


def test_the_ranking_for_the_office_and_community_staff(client, alliance):
    world(alliance)
    make_unit("已退出的单位", status="left")
    for person in (alliance.admin, make_organiser(alliance.other_community)):
        ranking = client.get(f"/api/v1/units/ranking?year={YEAR}", headers=auth_headers(person)).get_json()
        assert [r["unit"]["name"] for r in ranking["rows"]][:1] == ["下沙中学"]
        assert "已退出的单位" not in {r["unit"]["name"] for r in ranking["rows"]}
        assert ranking["rows"][0]["rank"] == 1 and ranking["scoring"]
    for person in (alliance.contact, alliance.resident):
        assert client.get("/api/v1/units/ranking", headers=auth_headers(person)).status_code == 403
    chart = client.get("/api/v1/units/ranking?format=png", headers=auth_headers(alliance.admin))
    assert chart.status_code == 200 and chart.mimetype == "image/png" and chart.data.startswith(b"\x89PNG")


def test_units_rate_the_communities_they_worked_with_once_a_year(client, alliance):
    headers = auth_headers(alliance.contact)
    path = f"/api/v1/units/{alliance.unit.id}/community-ratings"
    first = client.post(path, json={"community_id": alliance.community.id, "stars": 4, "comment": "配合好"},
                        headers=headers)
    assert first.status_code == 200, first.get_json()
    again = client.post(path, json={"community_id": alliance.community.id, "stars": 5}, headers=headers).get_json()
    assert again["id"] == first.get_json()["id"] and again["stars"] == 5, "updated, not a second rating"
    stranger = client.post(path, json={"community_id": alliance.other_community.id, "stars": 2}, headers=headers)
    assert (stranger.status_code, stranger.get_json()["error"]["code"]) == (409, "community_not_worked_with")
    whistle(alliance.other_community, units=[alliance.unit], reports=[(alliance.unit, 10)])
    assert client.post(path, json={"community_id": alliance.other_community.id, "stars": 3},
                       headers=headers).status_code == 200
    assert client.post(f"/api/v1/units/{alliance.other_unit.id}/community-ratings",
                       json={"community_id": alliance.community.id, "stars": 1}, headers=headers).status_code == 403
    assert client.post(path, json={"community_id": alliance.community.id, "stars": 6},
                       headers=headers).status_code == 422
    report = client.get(f"/api/v1/units/{alliance.unit.id}/report", headers=headers).get_json()
    assert sorted(r["stars"] for r in report["community_ratings"]) == [3, 5]

    duty(alliance.other_unit, alliance.community, rating=2)
    averages = client.get("/api/v1/community-ratings", headers=auth_headers(alliance.admin)).get_json()
    rows = {r["community"]["name"]: r for r in averages["rows"]}
    assert rows["七格社区"]["average_stars"] == 5.0 and rows["七格社区"]["duty_average"] == 2.0
    assert rows["杭铎社区"]["ratings"] == 1
    assert client.get("/api/v1/community-ratings", headers=headers).status_code == 403
