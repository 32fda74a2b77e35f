"""Print docs/authorisation.md: the authorisation contract of
tests/platform/authorisation_table.py as an operation × persona grid.

    .venv/bin/python scripts/authorisation_table.py > docs/authorisation.md
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.platform.authorisation_table import markdown  # noqa: E402

if __name__ == "__main__":
    sys.stdout.write(markdown())
