"""End-to-end tests in a real browser: the built console, served by the app
as a real HTTP server (a threaded werkzeug server in this process, on the
test session's database, Redis and WeChat emulator), driven by Playwright
for Python through the Debian ``chromium`` package (no browser download).

Each module is marked ``browser`` (``pytestmark``). They skip, saying why, without /usr/bin/chromium, node
and npm, or the playwright package, and when JUSHA_SKIP_BROWSER_TESTS=1
(.ci/run sets it for its embedded pass). The console is built first when
console/dist is older than its sources (npm ci when node_modules is older
than the lock file).

A failing test leaves a full-page screenshot in tests/console/artifacts/
(its path is printed with the failure). Screenshots for the docs are written
to docs/screenshots/ when JUSHA_UPDATE_SCREENSHOTS=1, else to the artifacts.
"""
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server


ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "console"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("JUSHA_CHROMIUM", "/usr/bin/chromium")
SOURCES = ("src", "index.html", "package.json", "package-lock.json", "vite.config.js", "public")


def _missing():
    """Why the browser tests cannot run here, or None."""
    if os.environ.get("JUSHA_SKIP_BROWSER_TESTS") == "1":
        return "JUSHA_SKIP_BROWSER_TESTS=1"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    if not (shutil.which("node") and shutil.which("npm")):
        return "node and npm are needed to build the console (apt-get install -y nodejs npm)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -e .[dev])"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _newest(path):
    if path.is_file():
        return path.stat().st_mtime
    return max((p.stat().st_mtime for p in path.rglob("*") if p.is_file()), default=0)


def _run(*command):
    done = subprocess.run(command, cwd=CONSOLE, capture_output=True, text=True, timeout=900)
    if done.returncode:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


@pytest.fixture(scope="session")
def console_dist():
    """console/dist, built now if any source is newer than the last build."""
    built = CONSOLE / "dist" / "index.html"
    sources = max(_newest(CONSOLE / name) for name in SOURCES if (CONSOLE / name).exists())
    if not built.is_file() or built.stat().st_mtime < sources:
        installed = CONSOLE / "node_modules" / ".package-lock.json"
        if not installed.is_file() or installed.stat().st_mtime < (CONSOLE / "package-lock.json").stat().st_mtime:
            _run("npm", "ci", "--no-audit", "--no-fund")
        _run("npm", "run", "build")
    return built.parent


@pytest.fixture(scope="session")
def live_server(app, console_dist):
    """The app on a free port, as a browser sees it; its base URL."""
    app.config["CONSOLE_DIST"] = str(console_dist)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture()
def page(request, chromium, live_server):
    """A fresh browser context at 1920×1080 in Chinese; a failure keeps a screenshot."""
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN",
                                   timezone_id="Asia/Shanghai", base_url=live_server)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(f"{message.type}: {message.text}"))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{request.node.name}.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nscreenshot of the failure: {shot}\nbrowser console:\n" + "\n".join(page.console_messages[-30:]))
        except Exception as exc:  # the page may be what broke
            print(f"\nno screenshot of the failure: {exc}")
    context.close()


def screenshot(page, name):
    """A screenshot for the docs (JUSHA_UPDATE_SCREENSHOTS=1) or the artifacts."""
    folder = SCREENSHOTS if os.environ.get("JUSHA_UPDATE_SCREENSHOTS") == "1" else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path
