"""Signing in to the console the way staff do: the sign-in page shows a
mini-program code, the phone (through the WeChat emulator) scans and confirms
it with the same endpoints the mini-program calls, and the page lets them in."""
import re

import pytest
import requests

from tests.console.conftest import screenshot
from tests.console.pages import signed_in, tab_through
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_sign_in_by_scanning_the_code_with_the_phone(page, live_server, ctx, wechat_control):
    from playwright.sync_api import expect

    admin = make_user(role="admin", name="街道管理员", openid="hall-admin")
    with page.expect_response("**/api/v1/auth/console/nonce") as answered:
        page.goto("/console/login")
    nonce = answered.value.json()["nonce"]
    expect(page.get_by_alt_text("登录小程序码")).to_be_visible()
    expect(page.get_by_text("秒后失效")).to_be_visible()
    screenshot(page, "login")

    # The phone: wx.login through the emulator, the real login, then the mini-program's scan and confirm.
    code = wechat_control.login_code(openid=admin.openid)
    phone = requests.post(f"{live_server}/api/v1/auth/login", json={"code": code}, timeout=10).json()["token"]
    for step in ("scan", "confirm"):
        answer = requests.post(f"{live_server}/api/v1/auth/console/{step}", json={"nonce": nonce},
                               headers={"Authorization": f"Bearer {phone}"}, timeout=10)
        assert answer.status_code == 200, answer.text

    expect(page).to_have_url(re.compile(r"/console/$"))
    expect(page.get_by_text("您好，街道管理员")).to_be_visible()
    screenshot(page, "home")

    reached = tab_through(page, presses=30)  # every menu page is a stop on the way
    for action in ("数据大屏", "退出登录"):
        assert action in reached, f"Tab never reaches {action}: {reached}"


def test_tab_reaches_every_page_of_the_menu(page, ctx):
    from playwright.sync_api import expect

    signed_in(page, make_user(role="admin", name="街道管理员"))
    page.goto("/console/")
    expect(page.get_by_text("您好，街道管理员")).to_be_visible()
    reached = tab_through(page, presses=20)
    for action in ("活动管理", "工时审核", "通知推送", "人员与角色"):
        assert action in reached, f"Tab never reaches {action}: {reached}"


def test_a_resident_cannot_sign_in(page, live_server, ctx, wechat_control):
    from playwright.sync_api import expect

    resident = make_user(name="陈阿姨", openid="hall-resident")
    with page.expect_response("**/api/v1/auth/console/nonce") as answered:
        page.goto("/console/login")
    nonce = answered.value.json()["nonce"]
    phone = requests.post(f"{live_server}/api/v1/auth/login",
                          json={"code": wechat_control.login_code(openid=resident.openid)}, timeout=10).json()["token"]
    answer = requests.post(f"{live_server}/api/v1/auth/console/confirm", json={"nonce": nonce},
                           headers={"Authorization": f"Bearer {phone}"}, timeout=10)
    assert answer.status_code == 403
    expect(page).to_have_url(re.compile(r"/console/login"))
