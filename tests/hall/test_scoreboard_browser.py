"""The projector's scoreboard in a real browser (Chromium through Playwright):
the demo contest's board with ranks and totals per round, and a judge's new
entry reaching the open page by its polling, highlighted. Writes
docs/screenshots/hall-scoreboard.png with JUSHA_UPDATE_SCREENSHOTS=1.
Skipped without /usr/bin/chromium or playwright, or with JUSHA_SKIP_BROWSER_TESTS=1."""
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from app.hall import demo, scoreboard, service
from app.models import HallContest, User
from tests.factories import make_community, make_member_unit, make_user

CHROMIUM = os.environ.get("JUSHA_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _missing():
    if os.environ.get("JUSHA_SKIP_BROWSER_TESTS") == "1":
        return "JUSHA_SKIP_BROWSER_TESTS=1"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing"
    return None


pytestmark = [pytest.mark.browser, pytest.mark.skipif(_missing() is not None, reason=str(_missing()))]


@pytest.fixture()
def served(app, ctx):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _demo_contest():
    for name, code in (("铭和社区", "minghe"), ("七格社区", "qige"), ("智格社区", "zhige")):
        make_community(name, code=code)
    for _, unit, _ in demo.UNIT_TEAMS:
        make_member_unit(unit)
    make_user(role="admin", openid="demo-admin", name="街道管理员")
    make_user(openid="demo-volunteer", name="张志愿")
    make_user(openid="demo-resident-2", name="刘大伯")
    demo.seed_hall()
    return db.session.execute(db.select(HallContest)).scalar_one()


def test_the_board_shows_ranks_and_a_new_entry_arrives_highlighted(served, chromium, tmp_path):
    contest = _demo_contest()
    admin = db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()
    judge = db.session.execute(db.select(User).filter_by(openid="demo-resident-2")).scalar_one()
    signed = scoreboard.issue(contest, admin).signed
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{served}/hall/projector/{signed}")
        assert page.locator("h1").inner_text() == demo.TITLE
        assert page.locator("#rows tr").count() == 6
        assert page.locator("#head th").all_inner_texts() == ["名次", "代表队", "第一轮 必答题", "第二轮 抢答题",
                                                             "第三轮 风险题", "总分"]
        assert "裁判长更正" in page.locator("#last").inner_text()

        # A judge scores the fourth team's 风险题: the open page shows it without a reload.
        team = contest.teams[3]
        service.enter_score(judge, contest.id, {"round_id": contest.rounds[2].id, "team_id": team.id,
                                                "question_no": 1, "tier": 30, "outcome": "correct"})
        page.wait_for_function("document.getElementById('last').textContent.indexOf(%r) >= 0" % team.name,
                               timeout=15000)
        changed = page.locator("#rows tr.changed")
        assert changed.count() == 1 and team.name in changed.inner_text()
        assert page.locator("#rows td.cell-changed").inner_text() != ""
        folder = SCREENSHOTS if os.environ.get("JUSHA_UPDATE_SCREENSHOTS") == "1" else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "hall-scoreboard.png"))
    finally:
        context.close()
