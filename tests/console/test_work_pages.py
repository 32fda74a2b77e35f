"""The console's everyday work in a real browser: create an event, approve
hours in bulk, compose a notice and find it in the phone's WeChat inbox
(the emulator's). Screenshots of each page for the docs."""
import re
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Event, ServiceRecord, utcnow
from app.localtime import CHINA_TZ
from tests.console.conftest import screenshot
from tests.console.pages import choose, signed_in
from tests.factories import make_community, make_hours, make_organiser, make_team, make_user, make_volunteer
from tests.notices.conftest import CALL_VALUES, accept, inbox, notice_worker  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


def test_an_organiser_creates_an_event(page, ctx):
    from playwright.sync_api import expect

    minghe = make_community("铭和社区")
    organiser = make_organiser(minghe, name="铭和社区王书记")
    signed_in(page, organiser)
    page.goto("/console/events/new")
    expect(page.get_by_role("button", name="创建活动")).to_be_visible()

    page.get_by_label("活动名称").fill("铭和社区楼道清洁志愿服务")
    choose(page, "主办社区", "铭和社区")
    day = (utcnow() + timedelta(days=3)).astimezone(CHINA_TZ).date()
    page.locator("input.el-range-input").first.fill(f"{day} 09:00:00")
    page.locator("input.el-range-input").nth(1).fill(f"{day} 11:00:00")
    page.keyboard.press("Enter")
    page.get_by_label("地点").fill("铭和社区党群服务中心")
    screenshot(page, "event-form")
    page.get_by_role("button", name="创建活动").click()

    expect(page).to_have_url(re.compile(r"/console/events/\d+$"))
    event = db.session.execute(db.select(Event).filter_by(title="铭和社区楼道清洁志愿服务")).scalar_one()
    assert event.host_community_id == minghe.id and event.venue == "铭和社区党群服务中心"
    assert event.starts_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M") == f"{day} 09:00"
    expect(page.get_by_text("铭和社区楼道清洁志愿服务").first).to_be_visible()


def test_an_organiser_approves_hours_in_bulk(page, ctx):
    from playwright.sync_api import expect

    minghe = make_community("铭和社区")
    squad = make_team("铭和社区党员中队", community=minghe)
    organiser = make_organiser(minghe, name="铭和社区王书记")
    records = [make_hours(make_volunteer(team=squad, community=minghe, name=name), community=minghe, hours=2,
                          approve=False) for name in ("张志愿", "李志愿", "王志愿")]
    signed_in(page, organiser)
    page.goto("/console/hours")
    rows = page.locator(".el-table__body tr")
    expect(rows).to_have_count(3)
    screenshot(page, "hours")
    page.locator(".el-table__header .el-checkbox").click()
    expect(page.get_by_text("已选 3 条")).to_be_visible()
    page.get_by_role("button", name="批量通过").click()
    page.locator(".el-message-box").get_by_role("button", name=re.compile("确定|OK")).click()
    expect(rows).to_have_count(0)
    db.session.expire_all()
    assert {db.session.get(ServiceRecord, r.id).status for r in records} == {"approved"}


def test_an_organiser_sends_a_notice_that_reaches_the_phone(page, client, ctx, wechat_control, notice_worker):
    from playwright.sync_api import expect

    minghe = make_community("铭和社区")
    squad = make_team("铭和社区党员中队", community=minghe)
    organiser = make_organiser(minghe, name="铭和社区王书记")
    volunteer = make_volunteer(team=squad, community=minghe, name="张志愿")
    accept(client, wechat_control, volunteer)
    wechat_control.login_code(openid=organiser.openid)  # msgSecCheck wants its author to have opened the mini-program
    signed_in(page, organiser)
    page.goto("/console/notices")
    page.get_by_role("tab", name="撰写通知").click()
    choose(page, "通知模板", "志愿活动招募通知")
    for label, key in (("活动主题", "thing1"), ("活动日期", "date2"), ("集合地点", "thing3"), ("联系人", "name4"),
                       ("联系电话", "phone_number5")):
        page.locator(".el-form-item").filter(has=page.locator("label", has_text=label)).locator("input").fill(
            CALL_VALUES[key])
    page.get_by_text("社区居民与志愿者").click()
    page.locator(".el-select").filter(has_text="选择社区").click()
    page.locator(".el-select-dropdown__item:visible", has_text="铭和社区").first.click()
    screenshot(page, "notice-compose")
    page.get_by_role("button", name="立即发送").click()
    page.locator(".el-message-box").get_by_role("button", name="发送").click()

    for _ in range(100):
        if inbox(wechat_control, volunteer):
            break
        page.wait_for_timeout(200)
    (message,) = inbox(wechat_control, volunteer)
    assert message["values"]["thing1"] == CALL_VALUES["thing1"]
    expect(page.locator(".el-table__body").first).to_contain_text("志愿活动招募通知")
    screenshot(page, "notices")
