"""The district benchmark's command answers --help (it imports and parses its options without a database)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_scale_benchmark_help_lists_its_parts():
    done = subprocess.run([sys.executable, "bench/scale/run.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for option in ("--database-url", "--empty-database-url", "--parts", "--seconds", "--rate", "--explain"):
        assert option in done.stdout
