"""Pages the backend sends people to exist in the mini-program: the poster's
mini-program code (wxacode page), the pages a notice may open, and the
emulator's list of the released app's pages."""
import importlib
import json
from pathlib import Path

import pytest

from wechat_emulator.state import DEFAULT_PAGES
from tests.miniprogram.node import node_json

APP_JSON = json.loads((Path(__file__).resolve().parents[2] / "miniprogram" / "app.json").read_text("utf-8"))
# Subpackage pages are named with their root (WeChat's page paths for them).
PAGES = set(APP_JSON["pages"]) | {f"{sub['root']}/{page}" for sub in APP_JSON.get("subPackages", [])
                                  for page in sub["pages"]}


def test_every_page_the_emulator_knows_is_a_page_of_the_app():
    assert set(DEFAULT_PAGES) <= PAGES, set(DEFAULT_PAGES) - PAGES


def test_pages_a_notice_may_open_exist(app):
    allowed = app.config.get("MINIPROGRAM_PAGES")
    if allowed is None:
        pytest.skip("notices are not in this build")
    assert set(allowed) <= PAGES, set(allowed) - PAGES
    offered = {choice["page"] for choice in node_json("require('./utils/notice-compose').NOTICE_PAGES")}
    assert offered <= set(allowed), f"the compose page offers pages the backend refuses: {offered - set(allowed)}"


def test_the_poster_code_opens_the_scan_page():
    try:
        poster = importlib.import_module("app.checkin.poster")
    except ImportError:
        pytest.skip("check-in posters are not in this build")
    scan_page = node_json("require('./utils/checkin').SCAN_PAGE")
    assert poster.SCAN_PAGE == scan_page
    assert scan_page in PAGES
