"""The 数据大屏 in Chromium: the district at a glance, a scan counted live,
colours readable from afar, and a stream that survives a server restart."""
import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from app.screen import links
from tests.console.conftest import ROOT, screenshot
from tests.console.world import busy_morning
from tests.factories import auth_headers, checkin_token, make_user

pytestmark = pytest.mark.browser

# The contrast of every piece of text on the screen against what is behind it:
# the nearest ancestor's background colour and, where an ancestor paints a
# gradient, each of the gradient's colours (the worst one counts).
CONTRAST = """
(root) => {
  const parse = (css) => (css.match(/rgba?\\([^)]*\\)/g) || []).map((c) => c.match(/[\\d.]+/g).map(Number))
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0)
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05) }
  const behind = (el) => {
    const colours = []
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node)
      colours.push(...parse(style.backgroundImage))
      const [bg] = parse(style.backgroundColor)
      if (bg && (bg.length < 4 || bg[3] > 0)) { colours.push(bg); break }
    }
    return colours
  }
  const found = []
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
    if (!own || !el.offsetParent) continue
    const [colour] = parse(getComputedStyle(el).color)
    const worst = Math.min(...behind(el).map((bg) => ratio(colour, bg)))
    found.push({ text: el.textContent.trim().slice(0, 20), ratio: Math.round(worst * 100) / 100 })
  }
  return found
}
"""


@pytest.fixture()
def live_streams(app, monkeypatch):
    """Streams as in production (the test settings end them after a second)."""
    monkeypatch.setitem(app.config, "SCREEN_STREAM_SECONDS", 300)


def scan(base_url, event, person):
    answer = requests.post(f"{base_url}/api/v1/checkins", json={"token": checkin_token(event), "event_id": event.id},
                           headers=auth_headers(person), timeout=10)
    assert answer.json()["code"] == "checked_in", answer.text


def test_the_hall_screen_counts_a_scan_live_and_stays_readable(page, live_server, ctx, live_streams):
    from playwright.sync_api import expect

    admin, events, count = busy_morning()
    _, key = links.create(admin, "街道一楼大厅")
    page.goto(f"/console/screen?key={key}")

    today = page.get_by_test_id("checkins-today")
    expect(page.locator(".status")).to_contain_text("实时")
    expect(today).to_have_text(f"{count}人次")
    # six fit; the needs area's 本月完成需求 card takes a row below, so five are shown whole
    expect(page.get_by_test_id("events-today").locator("li")).to_have_count(5)
    expect(page.get_by_role("heading", level=1)).to_have_text("聚沙 · 下沙街道志愿服务数据大屏")

    for n, name in enumerate(("七格社区", "新沙社区", "智格社区"), start=1):
        scan(live_server, events[name], make_user())
        expect(today).to_have_text(f"{count + n}人次")
    recent = page.get_by_test_id("recent").locator("li")
    expect(recent).to_have_count(3)
    expect(recent.first).to_contain_text("智格社区")
    expect(recent.first).to_contain_text(events["智格社区"].title)
    page.wait_for_timeout(1200)  # let the charts' animation settle for the picture
    screenshot(page, "screen")

    texts = page.evaluate(CONTRAST, page.locator("main.screen").element_handle())
    assert len(texts) > 20
    unreadable = [t for t in texts if t["ratio"] < 4.5]
    assert not unreadable, unreadable


def test_a_revoked_link_stops_its_screen(page, app, ctx, live_streams, monkeypatch):
    from playwright.sync_api import expect

    monkeypatch.setitem(app.config, "SCREEN_SNAPSHOT_SECONDS", 1)
    admin = make_user(role="admin")
    link, key = links.create(admin, "会议室")
    page.goto(f"/console/screen?key={key}")
    expect(page.locator(".status")).to_contain_text("实时")
    links.revoke(admin, link.id)
    expect(page.get_by_role("alert")).to_contain_text("此大屏链接已被撤销")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(app_env, port):
    """The app in a process of its own (a restart is a new process)."""
    code = ("import sys; from werkzeug.serving import run_simple; from app import create_app; "
            "run_simple('127.0.0.1', int(sys.argv[1]), create_app(), threaded=True)")
    env = {**os.environ, **app_env, "SCREEN_STREAM_SECONDS": "300", "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "-c", code, str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the app did not start")


def test_the_screen_reconnects_by_itself_after_the_server_restarts(chromium, app_env, console_dist, ctx):
    from playwright.sync_api import expect

    admin, events, count = busy_morning()
    _, key = links.create(admin, "大厅")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(app_env, port)
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, base_url=base)
    try:
        page = context.new_page()
        page.goto(f"/console/screen?key={key}")
        expect(page.locator(".status")).to_contain_text("实时")
        expect(page.get_by_test_id("checkins-today")).to_have_text(f"{count}人次")

        server.terminate()
        server.wait(timeout=10)
        expect(page.locator(".status")).to_contain_text("重新连接中")
        server = _start(app_env, port)
        expect(page.locator(".status")).to_contain_text("实时", timeout=30000)
        scan(base, events["铭和社区"], make_user())
        expect(page.get_by_test_id("checkins-today")).to_have_text(f"{count + 1}人次")
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=10)
