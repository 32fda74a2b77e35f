"""The README's links resolve inside a clone, and the development server's
request log stays out of ./scripts/dev's output."""
import logging
import re
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("name", ["werkzeug", "apscheduler"])
def test_request_lines_and_scheduler_runs_show_only_at_debug(name):
    """The development server's request lines and APScheduler's line per job
    run (every 15 s) would drown ./scripts/dev's output below DEBUG."""
    chatty = logging.getLogger(name)
    root = logging.getLogger()
    before = (chatty.level, root.level)
    try:
        configure_logging("INFO")
        assert not chatty.isEnabledFor(logging.INFO)
        chatty.setLevel(logging.NOTSET)
        configure_logging("DEBUG")
        assert chatty.isEnabledFor(logging.DEBUG)
    finally:
        chatty.setLevel(before[0])
        root.setLevel(before[1])
