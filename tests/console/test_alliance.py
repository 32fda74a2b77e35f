"""The alliance's console pages in Chromium with the demo data: the office
dispatches an open need from the suggested units, and a community follows a
whistle's live roll call. Screenshots: alliance-dispatch, alliance-rollcall."""
import pytest

from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Duty, Need, User, Whistle
from app.whistles.demo import OPEN_TITLE
from tests.console.conftest import screenshot
from tests.console.pages import signed_in

pytestmark = pytest.mark.browser


@pytest.fixture()
def demo(ctx):
    seed_demo()
    return db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()


def test_the_office_dispatches_an_open_need_to_a_suggested_unit(page, demo):
    need = db.session.execute(db.select(Need).filter_by(status="open").order_by(Need.id)).scalars().first()
    assert need is not None, "the demo has an open need"
    signed_in(page, demo)
    page.goto(f"/console/needs/{need.id}")
    panel = page.locator(".dispatch")
    panel.get_by_text("推荐理由").wait_for()
    first = panel.locator(".el-table__body tr").first
    first.wait_for()
    assert "资源匹配" in first.inner_text()
    unit_name = first.locator("td").nth(1).inner_text().strip()
    first.locator(".el-checkbox").click()
    send = panel.get_by_role("button", name="派单给 1 个单位")
    send.wait_for()
    page.locator(".el-page-header").scroll_into_view_if_needed()
    screenshot(page, "alliance-dispatch")
    send.click()
    page.get_by_text(f"已派单：{unit_name}").wait_for()
    db.session.expire_all()
    assert [d.unit.name for d in db.session.execute(db.select(Duty).filter_by(need_id=need.id)).scalars()] == [unit_name]
    page.locator(".el-timeline").get_by_text("派单").first.wait_for()


def test_the_roll_call_shows_who_reported_and_who_did_not(page, demo):
    whistle = db.session.execute(db.select(Whistle).filter_by(title=OPEN_TITLE, status="open")).scalar_one()
    signed_in(page, demo)
    page.goto(f"/console/whistles/{whistle.id}")
    page.get_by_text("个单位已报到").wait_for()
    rows = page.locator(".el-table__body tr")
    rows.first.wait_for()
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any("已报到" in t for t in texts) and any("未报到" in t for t in texts)
    assert "未报到" in texts[0]  # who is missing comes first
    assert page.get_by_text("每 5 秒刷新").is_visible()
    screenshot(page, "alliance-rollcall")


def test_the_ranking_draws_every_unit_and_a_unit_page_shows_its_report(page, demo):
    signed_in(page, demo)
    page.goto("/console/units/ranking")
    page.locator(".chart canvas").wait_for()
    page.locator(".el-table__body tr").first.wait_for()
    screenshot(page, "alliance-ranking")
    page.locator(".el-table__body tr").first.locator(".el-link").click()
    page.get_by_role("tab", name="年度履职报告").click()
    page.get_by_text("综合积分").wait_for()
    page.get_by_role("button", name="下载 PDF").wait_for()
    screenshot(page, "alliance-unit-report")
