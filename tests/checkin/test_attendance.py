"""The live list, its exports and the charts, as an organiser sees them."""
import csv
import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook
from PIL import Image

from app.checkin import reports
from app.checkin.attendance import mask_phone
from tests.checkin.conftest import scan
from tests.factories import (
    auth_headers,
    checkin_token,
    make_checkin,
    make_community,
    make_event,
    make_member_unit,
    make_organiser,
    make_registration,
    make_user,
    utcnow,
)


def attendance(client, organiser, event, **query):
    return client.get(f"/api/v1/events/{event.id}/attendance", query_string=query, headers=auth_headers(organiser))


def test_phones_are_masked():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone(None) is None
    assert mask_phone("12345") == "*****"


def test_live_count_and_list(client, community, organiser, resident):
    event = make_event(community=community, starts_in=-timedelta(hours=1), capacity=100)
    late = make_user(name="张大爷", phone="13900001111")
    make_checkin(event, resident, at=utcnow() - timedelta(minutes=70))
    make_checkin(event, resident, direction="out", at=utcnow() - timedelta(minutes=10))
    make_checkin(event, late, method="manual")
    make_registration(event, late)

    body = attendance(client, organiser, event).get_json()
    assert (body["checked_in"], body["checked_out"], body["present"], body["registered"]) == (2, 1, 1, 1)
    assert body["capacity"] == 100
    first, second = body["items"]
    assert (first["name"], first["phone_masked"], first["minutes"]) == ("王阿姨", "138****5678", 60)
    assert first["checkin_method"] == "qr" and first["checked_out_at"]
    assert (second["name"], second["phone_masked"], second["checkin_method"]) == ("张大爷", "139****1111", "manual")
    assert second["checked_out_at"] is None
    assert "13812345678" not in attendance(client, organiser, event).get_data(as_text=True)


def test_csv_opens_in_excel_with_chinese_intact(client, event, organiser, resident):
    scan(client, resident, token=checkin_token(event))
    response = attendance(client, organiser, event, format="csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert table[0][:4] == ["序号", "姓名", "手机号", "签到时间"]
    assert table[1][:3] == ["1", "王阿姨", "138****5678"]
    assert table[1][4] == "扫码"
    # Beijing time, as people read it
    assert datetime.strptime(table[1][3], "%Y-%m-%d %H:%M:%S")


def test_xlsx_export(client, event, organiser, resident):
    scan(client, resident, token=checkin_token(event))
    response = attendance(client, organiser, event, format="xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "签到名单"
    assert sheet["A1"].value == "聚沙讲堂：百年党史"
    assert [c.value for c in sheet[2]][:3] == ["序号", "姓名", "手机号"]
    assert [c.value for c in sheet[3]][:3] == [1, "王阿姨", "138****5678"]


def test_event_chart_is_a_png(client, community, organiser):
    event = make_event(community=community, starts_in=-timedelta(minutes=40), title="市民公益日·铭和社区")
    start = utcnow() - timedelta(minutes=60)
    for minute in range(0, 55, 2):
        make_checkin(event, make_user(), at=start + timedelta(minutes=minute, seconds=13))
    response = client.get(f"/api/v1/events/{event.id}/attendance/chart.png", headers=auth_headers(organiser))
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.width >= 800


def test_monthly_chart_counts_only_the_organisers_events(client, ctx):
    minghe, lemon = make_community(name="铭和社区"), make_community(name="柠檬社区")
    school = make_member_unit(name="下沙中学")
    may = datetime(2026, 5, 10, 1, 0, tzinfo=timezone.utc)

    def event_in_may(days, **kw):
        return make_event(starts_in=may + timedelta(days=days) - utcnow(), **kw)

    ours = event_in_may(0, community=minghe, title="五月公益日·铭和")
    theirs = event_in_may(1, community=lemon, title="五月公益日·柠檬")
    unit_event = event_in_may(2, member_unit=school, title="共享党课")
    event_in_may(3, community=minghe, title="取消的活动", status="cancelled")
    event_in_may(30, community=minghe, title="六月活动")
    for event, count in ((ours, 3), (theirs, 5), (unit_event, 2)):
        for _ in range(count):
            make_checkin(event, make_user())

    organiser = make_organiser(minghe, school)
    titles = [(title, n) for _, title, n, _ in reports.month_events(organiser, 2026, 5)]
    assert titles == [("五月公益日·铭和", 3), ("共享党课", 2)]
    admin = make_user(role="admin")
    assert len(reports.month_events(admin, 2026, 5)) == 3
    assert reports.month_events(make_organiser(), 2026, 5) == []

    response = client.get("/api/v1/attendance/monthly/chart.png", query_string={"month": "2026-05"},
                          headers=auth_headers(organiser))
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).format == "PNG"
    bad = client.get("/api/v1/attendance/monthly/chart.png", query_string={"month": "2026-13"},
                     headers=auth_headers(organiser))
    assert bad.status_code == 422


def test_month_bounds_follow_beijing_time(ctx):
    start, end = reports.month_bounds(2026, 12)
    assert start.isoformat() == "2026-12-01T00:00:00+08:00"
    assert end.isoformat() == "2027-01-01T00:00:00+08:00"


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, community, organiser):
    event = make_event(community=community, title="=1+1")
    for name in ('=HYPERLINK("http://x.cn","领奖")', "+86 王", "-1", "@SUM(A1)"):
        make_checkin(event, make_user(name=name))

    table = list(csv.reader(io.StringIO(attendance(client, organiser, event, format="csv").data.decode("utf-8-sig"))))
    assert all(row[1].startswith("'") for row in table[1:])

    sheet = load_workbook(io.BytesIO(attendance(client, organiser, event, format="xlsx").data)).active
    cells = [sheet["A1"]] + [row[1] for row in sheet.iter_rows(min_row=3)]
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells)
