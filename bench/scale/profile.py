"""Profile the phone endpoints in-process: SQL statements per request, time, and a pyinstrument tree.

    python -m bench.scale.profile --database-url postgresql://...jusha_scale_district [--tree "my hours"]

Uses the Flask test client (no gunicorn, no network) as one sampled resident
and one organiser of the data, so the figures are the app's own cost per
request. pyinstrument is not a dependency of the project: `pip install
pyinstrument` into the venv first (only --tree needs it).
"""
import argparse
import os
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import redis
from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import utcnow  # noqa: E402
from bench.scale import people  # noqa: E402
from bench.scale.run import DISTRICT_URL  # noqa: E402


def endpoints(app, event_ids, today):
    year = today[:4]
    return {
        "home: welfare day": f"/api/v1/events?kind=welfare_day&from={today}&group=true&limit=1",
        "home: lectures": f"/api/v1/events?kind=lecture&from={today}&group=true&limit=3",
        "event list": f"/api/v1/events?from={today}&group=true&limit=20&offset=0",
        "event detail": f"/api/v1/events/{event_ids[0]}",
        "my registrations": "/api/v1/me/registrations?limit=20",
        "my hours": "/api/v1/me/hours?limit=50",
        "leaderboard (staff)": f"/api/v1/hours/leaderboard?by=community&year={year}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DISTRICT_URL))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--tree", action="append", default=[], help="endpoint name to print a pyinstrument tree of")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the app (e.g. LEADERBOARD_CACHE_SECONDS=0 for a before/after)")
    args = parser.parse_args()
    env = {"APP_ENV": "development", "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url,
           "LOG_LEVEL": "WARNING", "RATELIMIT_DEFAULT": "100000 per minute",
           **dict(item.split("=", 1) for item in args.set)}
    app = create_app(env=env)
    borrowed = people.Borrowed(app, args.redis_url)
    try:
        resident = next(iter(borrowed.mint(people.sample_residents(app, 40, 11)[:1])))  # activity-weighted
        staff = next(iter(borrowed.mint(people.staff_users(app, 1))))
        today = (utcnow() + timedelta(hours=8)).date().isoformat()
        statements = Counter()
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.update(["n"]))
        client = app.test_client()
        for name, path in endpoints(app, people.recent_event_ids(app), today).items():
            bearer = staff if "staff" in name else resident
            headers = {"Authorization": f"Bearer {bearer}"}
            client.get(path, headers=headers)  # warm caches and imports
            statements.clear()
            started = time.perf_counter()
            for _ in range(args.repeat):
                response = client.get(path, headers=headers)
            per_call = (time.perf_counter() - started) / args.repeat
            print(f"{name:<22} {response.status_code}  {1000 * per_call:8.2f} ms  "
                  f"{statements['n'] / args.repeat:5.1f} statements  {len(response.data):>7} bytes")
            if name in args.tree:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0005)
                with profiler:
                    for _ in range(args.repeat):
                        client.get(path, headers=headers)
                print(profiler.output_text(unicode=True, color=False, show_all=False))
    finally:
        borrowed.cleanup()
        redis.Redis.from_url(args.redis_url).flushdb()


if __name__ == "__main__":
    main()
