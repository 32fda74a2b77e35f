"""Two app processes hit an invalidated access token at the same moment:
exactly one fetches a new token, both calls succeed, one token is left."""
import json
import os
import subprocess
import sys
import time

import pytest

from app.wechat import wechat
from tests.auth.test_phone_and_token_refresh import tokens_issued


def run_pair(app_env, codes, start_at):
    env = {**os.environ, **app_env}
    procs = [
        subprocess.Popen([sys.executable, "-m", "tests.support.refresh_worker", str(start_at), code],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for code in codes
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.postgres_only
def test_two_processes_refresh_the_token_once(app, app_env, ctx, wechat_control):
    client = wechat()
    stale = client.access_token  # both processes will find this token in Redis
    wechat_control.invalidate_tokens()
    before = tokens_issued(wechat_control)

    codes = [wechat_control.phone_code("1390000000%d" % i) for i in (1, 2)]
    results = run_pair(app_env, codes, start_at=time.time() + 3)

    assert sorted(r["phone"] for r in results) == ["13900000001", "13900000002"]
    assert tokens_issued(wechat_control) == before + 1
    assert results[0]["token"] == results[1]["token"] != stale
    assert client.session.get(client.access_token_key) == results[0]["token"]
