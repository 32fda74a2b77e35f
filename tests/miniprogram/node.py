"""Reading the mini-program's CommonJS modules from Python through ``node -e``."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

MINIPROGRAM = Path(__file__).resolve().parents[2] / "miniprogram"


def node_json(expression):
    """The JSON value of a JavaScript expression evaluated in miniprogram/."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (needed to read the mini-program's modules)")
    script = f"process.stdout.write(JSON.stringify({expression}))"
    result = subprocess.run(["node", "-e", script], cwd=MINIPROGRAM, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
