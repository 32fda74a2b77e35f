"""Separate app processes (as gunicorn workers are) recording and approving
the same event at the same moment: one record and one ledger entry each."""
import json
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import HoursLedgerEntry, ServiceRecord
from tests.factories import make_checkin, make_event, make_user, make_volunteer


@pytest.mark.postgres_only
def test_processes_racing_on_one_event_count_every_hour_once(app_env, ctx):
    event = make_event(kind="volunteer_activity", starts_in=-timedelta(days=1), duration=timedelta(hours=3))
    volunteers = [make_volunteer() for _ in range(6)]
    for volunteer in volunteers:
        make_checkin(event, volunteer, "in", at=event.starts_at)
        make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(hours=2))
    admin = make_user(role="admin")
    start_at = time.time() + 3
    env = {**os.environ, **app_env}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.support.hours_worker", str(start_at), str(event.id),
                               str(admin.id)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert sum(len(r["approved"]) for r in results) == len(volunteers)
    assert db.session.execute(db.select(db.func.count()).select_from(ServiceRecord)).scalar_one() == len(volunteers)
    entries = db.session.execute(db.select(HoursLedgerEntry.user_id, HoursLedgerEntry.minutes)).all()
    assert sorted(entries) == sorted((v.id, 120) for v in volunteers)
