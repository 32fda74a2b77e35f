"""One app process that, at a given moment, records an event's hours from its
check-ins and approves every pending record; run several at once by
tests/hours/test_hours_processes.py.

Usage: python -m tests.support.hours_worker START_AT EVENT_ID ADMIN_ID
(the app's settings come from the environment). Prints JSON.
"""
import json
import sys
import time

from app import create_app
from app.extensions import db
from app.hours.records import approve, record_hours_from_checkins
from app.models import User


def main():
    start_at, event_id, admin_id = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    app = create_app()
    with app.app_context():
        admin = db.session.get(User, admin_id)  # connect before the race starts
        time.sleep(max(0.0, start_at - time.time()))
        records = record_hours_from_checkins(event_id)
        approved, skipped = approve(admin, [r for r in records if r.status == "pending"])
        print(json.dumps({"records": len(records), "approved": [r.id for r in approved],
                          "skipped": [r.id for r, _ in skipped]}))


if __name__ == "__main__":
    main()
