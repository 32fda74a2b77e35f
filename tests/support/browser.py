"""One Chromium for the whole test session, shared by every browser test
(tests/console, tests/hall): Playwright's sync API runs an event loop in the
thread that started it, so a second sync_playwright() in the same session
fails ("Sync API inside the asyncio loop")."""
import os

import pytest

CHROMIUM = os.environ.get("JUSHA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    from tests.console import fonts

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--force-color-profile=srgb"],
            # Chinese glyphs from the fonts wheel the app already depends on (no CJK font needed on the machine).
            env={**os.environ, "FONTCONFIG_FILE": str(fonts.config(tmp_path_factory.mktemp("fonts")))},
        )
        yield browser
        browser.close()
