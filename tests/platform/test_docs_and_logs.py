"""The README's links resolve inside a clone, and the development server's
request log stays out of ./scripts/dev's output."""
import logging
import re
from pathlib import Path

from app.observability import configure_logging

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_links_only_files_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme, "a clone has no ../shared"
    assert "docs/vocabulary.md" in readme
    for target in re.findall(r"\]\(([^)#:]+)\)", readme):
        assert (ROOT / target).exists(), target
    vocabulary = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    for term in ("市民公益日", "citizen welfare day", "共建单位", "member unit", "总队—大队—中队"):
        assert term in vocabulary


def test_werkzeug_request_lines_show_only_at_debug():
    werkzeug = logging.getLogger("werkzeug")
    root = logging.getLogger()
    before = (werkzeug.level, root.level)
    try:
        configure_logging("INFO")
        assert werkzeug.getEffectiveLevel() == logging.WARNING
        werkzeug.setLevel(logging.NOTSET)
        configure_logging("DEBUG")
        assert werkzeug.getEffectiveLevel() == logging.DEBUG
    finally:
        werkzeug.setLevel(before[0])
        root.setLevel(before[1])


def test_the_scheduler_does_not_announce_every_run_below_debug():
    scheduler_log = logging.getLogger("apscheduler")
    root = logging.getLogger()
    before = (scheduler_log.level, root.level)
    try:
        configure_logging("INFO")
        assert not scheduler_log.isEnabledFor(logging.INFO)
        scheduler_log.setLevel(logging.NOTSET)
        configure_logging("DEBUG")
        assert scheduler_log.isEnabledFor(logging.INFO)
    finally:
        scheduler_log.setLevel(before[0])
        root.setLevel(before[1])
