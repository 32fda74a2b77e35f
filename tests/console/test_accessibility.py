"""Accessibility basics in the browser: every form control has a name a
screen reader reads, and the keyboard reaches the main actions. (The
screen's colour contrast: test_screen.py.)"""
import pytest

from tests.console.pages import UNLABELLED, signed_in, tab_through
from tests.factories import make_community, make_organiser, make_user

pytestmark = pytest.mark.browser


def test_the_screen_links_page_is_labelled_and_reachable_by_keyboard(page, ctx):
    from playwright.sync_api import expect

    signed_in(page, make_user(role="admin", name="街道管理员"))
    page.goto("/console/screen-links")
    expect(page.get_by_label("大屏名称")).to_be_visible()
    assert page.evaluate(UNLABELLED) == []
    page.get_by_label("大屏名称").focus()
    page.keyboard.type("街道一楼大厅")
    reached = []
    while "新建大屏链接" not in reached[-1:] and len(reached) < 4:
        reached += tab_through(page, presses=1)
    assert reached[-1] == "新建大屏链接", reached
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("new-screen-link")).to_contain_text("/console/screen?key=")
    expect(page.locator(".el-table__body")).to_contain_text("使用中")


def test_the_event_form_is_labelled(page, ctx):
    from playwright.sync_api import expect

    signed_in(page, make_organiser(make_community("铭和社区")))
    page.goto("/console/events/new")
    expect(page.get_by_role("button", name="创建活动")).to_be_visible()
    assert page.evaluate(UNLABELLED) == []
