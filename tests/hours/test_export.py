"""Approved hours as XLSX for 志愿浙江: one row per record, Chinese headers, masked IDs."""
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from app.extensions import db
from app.hours.export import HEADERS
from app.localtime import CHINA_TZ
from app.models import AuditLog, utcnow
from tests.factories import (
    auth_headers,
    make_community,
    make_event,
    make_hours,
    make_organiser,
    make_user,
    make_volunteer,
)


def _range():
    today = utcnow().astimezone(CHINA_TZ).date()
    return (today - timedelta(days=30)).isoformat(), today.isoformat()


def _rows(data):
    workbook = load_workbook(BytesIO(data))
    sheet = workbook["志愿服务时长"]
    return [tuple(c.value for c in row) for row in sheet.iter_rows()], workbook


def test_the_export_has_one_row_per_approved_record(client, ctx):
    community = make_community("智格社区")
    organiser = make_organiser(community)
    volunteer = make_volunteer(community=community, name="周杰", phone="13700001111")
    event = make_event(kind="volunteer_activity", community=community, title="市民公益日·助老服务",
                       venue="智格社区文化家园", starts_in=-timedelta(days=2), duration=timedelta(hours=3))
    record = make_hours(volunteer, event=event, hours=2.75, approver=organiser)
    client.post(f"/api/v1/hours/records/{record.id}/corrections", json={"hours": 2.5, "reason": "核减"},
                headers=auth_headers(organiser))
    make_hours(volunteer, hours=1, community=community, approve=False)  # pending: not exported
    date_from, date_to = _range()

    response = client.get(f"/api/v1/hours/export.xlsx?from={date_from}&to={date_to}", headers=auth_headers(organiser))
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response.headers["Content-Disposition"]
    rows, workbook = _rows(response.data)
    assert rows[0] == HEADERS == ("姓名", "身份证号（脱敏）", "手机号码", "服务项目", "服务地点", "开始时间",
                                  "结束时间", "服务时长（小时）")
    (row,) = rows[1:]
    name, masked_id, phone, service, place, start, end, hours = row
    assert (name, phone, service, place, hours) == ("周杰", "13700001111", "市民公益日·助老服务", "智格社区文化家园", 2.5)
    assert len(masked_id) == 18 and masked_id[4:14] == "*" * 10
    local_start = event.starts_at.astimezone(CHINA_TZ).replace(tzinfo=None, second=0, microsecond=0)
    assert start == local_start and end == local_start + timedelta(hours=2, minutes=45)
    notes = dict((r[0].value, r[1].value) for r in workbook["说明"].iter_rows())
    assert notes["记录数"] == 1 and notes["合计时长（小时）"] == 2.5
    assert db.session.execute(db.select(AuditLog).where(AuditLog.action == "hours.export")).scalar_one()


def test_organisers_export_only_their_own_events(client, ctx):
    mine, theirs = make_community(), make_community()
    make_hours(make_volunteer(community=mine), hours=1, community=mine)
    make_hours(make_volunteer(community=theirs), hours=2, community=theirs)
    date_from, date_to = _range()
    url = f"/api/v1/hours/export.xlsx?from={date_from}&to={date_to}"
    mine_rows, _ = _rows(client.get(url, headers=auth_headers(make_organiser(mine))).data)
    assert [r[7] for r in mine_rows[1:]] == [1.0]
    all_rows, _ = _rows(client.get(url, headers=auth_headers(make_user(role="admin"))).data)
    assert sorted(r[7] for r in all_rows[1:]) == [1.0, 2.0]
    backwards = client.get(f"/api/v1/hours/export.xlsx?from={date_to}&to={date_from}",
                           headers=auth_headers(make_user(role="admin")))
    if date_from != date_to:
        assert backwards.get_json()["error"]["code"] == "date_range_invalid"


def test_the_cli_writes_the_workbook_with_a_progress_bar(app, ctx, tmp_path):
    volunteers = [make_volunteer() for _ in range(3)]
    admin = make_user(role="admin")
    for volunteer in volunteers:
        make_hours(volunteer, hours=1.5, approver=admin)
    date_from, date_to = _range()
    out = tmp_path / "hours.xlsx"
    result = app.test_cli_runner().invoke(
        args=["jusha", "export-hours", "--from", date_from, "--to", date_to, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "导出志愿服务时长" in result.output
    assert "3 records, 4.5 hours" in result.output
    rows, _ = _rows(out.read_bytes())
    assert len(rows) == 4
    bad = app.test_cli_runner().invoke(
        args=["jusha", "export-hours", "--from", date_to, "--to", "2000-01-01", "--out", str(out)])
    assert bad.exit_code != 0


def test_text_that_looks_like_a_formula_is_exported_as_text(client, ctx):
    """A volunteer who calls themselves '=HYPERLINK(...)' must not put a live
    formula in the organiser's spreadsheet; the text itself is kept as typed."""
    community = make_community()
    organiser = make_organiser(community)
    name = '=HYPERLINK("http://x.cn","点")'  # within real_name's 32 characters
    volunteer = make_volunteer(community=community, name=name)
    event = make_event(kind="volunteer_activity", community=community, title="+1 助老服务", venue="@文化家园",
                       starts_in=-timedelta(days=2), duration=timedelta(hours=3))
    make_hours(volunteer, event=event, hours=2, approver=organiser)
    date_from, date_to = _range()
    response = client.get(f"/api/v1/hours/export.xlsx?from={date_from}&to={date_to}", headers=auth_headers(organiser))
    sheet = load_workbook(BytesIO(response.data))["志愿服务时长"]
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in (cells[0], cells[3], cells[4])] == [
        (name, "s"), ("+1 助老服务", "s"), ("@文化家园", "s")]
