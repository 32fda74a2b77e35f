"""Benchmark: 9:00 on a welfare-day Sunday, everyone scans at once.

Creates a throwaway PostgreSQL database, seeds one open event and N residents
who are logged in, starts the app under gunicorn (no WeChat needed), then a
separate load process (load.py) fires a burst of distinct residents' scans
with duplicates mixed in over keep-alive connections on 127.0.0.1. Prints
check-ins per second, p50/p95/p99 latency, errors, and the row count, which
must equal the number of distinct residents. Everything it started is
stopped and the database dropped at the end, also on Ctrl-C.

    ./bench/checkin/run                        # defaults below
    ./bench/checkin/run --people 5000 --worker-class sync --workers 5

It FLUSHES the Redis database it is given (default redis://127.0.0.1:6379/4).

    ./bench/checkin/run --hung-redis           # half the burst, then Redis hangs (SIGSTOP)
    ./bench/checkin/run --batch 50             # offline scans uploaded in batches of 50 (bench/checkin/batches.py)

With --hung-redis the app uses a redis-server of the benchmark's own on a
spare port (6391 and up): the first half of the residents scan with Redis
up, then that server is SIGSTOPped and the second half scan while it hangs;
each phase's throughput and p50/p95/p99 are printed, and the server is
resumed (SIGCONT) and stopped at the end.
"""
import argparse
import contextlib
import hashlib
import json
import os
import resource
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import redis
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import MIGRATIONS_DIR, create_app  # noqa: E402
from app.auth.tokens import CACHE_PREFIX  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import AuthSession, Community, Event, RoleGrant, User, utcnow  # noqa: E402
from bench.checkin.redis_server import OwnRedis  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=3000, help="distinct residents in the burst")
    parser.add_argument("--duplicates", type=float, default=0.25, help="extra scans, as a fraction of --people")
    parser.add_argument("--connections", type=int, default=None,
                        help="concurrent phones (keep-alive connections); 32, or 4 in batch mode")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores: 3 sync workers measured best)")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=8, help="threads per gthread worker")
    parser.add_argument("--capacity", type=int, default=None, help="give the event a capacity (takes the row lock)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds the burst may last at most")
    parser.add_argument("--port", type=int, default=18431)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"))
    parser.add_argument("--batch", type=int, default=None, metavar="N",
                        help="batch mode: organisers' phones upload residents' codes scanned offline, N per batch "
                             "(--duplicates then is the fraction of batches uploaded twice; 4 phones unless "
                             "--connections is given)")
    parser.add_argument("--hung-redis", action="store_true",
                        help="own redis-server on a spare port, SIGSTOPped after the first half of the burst")
    return parser.parse_args()


class ThrowawayDatabase:
    def __init__(self, server_url):
        url = make_url(server_url)
        self.admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.name = f"jusha_bench_{uuid.uuid4().hex[:10]}"
        self.url = url.set(database=self.name).render_as_string(hide_password=False)

    def __enter__(self):
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def seed(env, people, capacity, redis_url):
    """One open event (and a warm-up event), an organiser, and ``people``
    residents who logged in earlier (their tokens cached, as in the morning)."""
    from flask_migrate import upgrade

    app = create_app(env=env)
    bearers = {}
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        community = Community(name="铭和社区", code="minghe")
        db.session.add(community)
        db.session.flush()
        now = utcnow()
        events = []
        for title, cap in (("市民公益日·铭和社区（压测）", capacity), ("预热活动", None)):
            event = Event(kind="welfare_day", title=title, host_community_id=community.id, status="published",
                          starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=3), capacity=cap,
                          latitude=30.3095, longitude=120.3550, radius_m=300)
            db.session.add(event)
            events.append(event)
        organiser = User(openid="o-bench-organiser", name="组织者")
        db.session.add(organiser)
        db.session.flush()
        db.session.add(RoleGrant(user_id=organiser.id, role="organiser", scope_kind="community", scope_id=community.id))
        db.session.execute(db.insert(User), [
            {"openid": f"o-bench-{n:06d}", "name": f"居民{n}", "phone": f"139{n:08d}",
             "is_active": True, "created_at": now, "updated_at": now}
            for n in range(people)
        ])
        ids = db.session.execute(db.select(User.id, User.openid).where(User.openid.like("o-bench-0%"))).all()
        sessions = []
        for user_id, openid in [(organiser.id, organiser.openid)] + [tuple(r) for r in ids]:
            token = secrets.token_urlsafe(32)
            digest = hashlib.sha256(token.encode()).hexdigest()
            bearers[token] = user_id
            sessions.append({"user_id": user_id, "token_hash": digest, "created_at": now,
                             "expires_at": now + timedelta(days=1)})
        db.session.execute(db.insert(AuthSession), sessions)
        db.session.commit()
        organiser_bearer = next(t for t, uid in bearers.items() if uid == organiser.id)
        event_id, warmup_event_id = events[0].id, events[1].id
        db.session.remove()
        db.engine.dispose()
    cache = redis.Redis.from_url(redis_url)
    pipe = cache.pipeline(transaction=False)
    for token, user_id in bearers.items():
        pipe.set(CACHE_PREFIX + hashlib.sha256(token.encode()).hexdigest(), user_id, ex=3600)
    pipe.execute()
    residents = [t for t, uid in bearers.items() if uid != organiser.id]
    return event_id, warmup_event_id, organiser_bearer, residents, bearers


def start_gunicorn(args, env):
    command = [sys.executable, "-m", "gunicorn", "--workers", str(args.workers), "--worker-class", args.worker_class,
               "--bind", f"127.0.0.1:{args.port}", "--backlog", "2048", "--log-level", "warning",
               "--graceful-timeout", "5"]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads), "--keep-alive", "10"]
    command.append("app:create_app()")
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/readyz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not become ready within 30 s")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def run_load(args, event_id, organiser_bearer, bearers, connections, duplicates, time_limit, watch=()):
    """Run load.py; with ``watch`` (pids) also measure the CPU they and the
    load process spent during the burst."""
    spec = {"port": args.port, "event_id": event_id, "organiser_bearer": organiser_bearer, "bearers": bearers,
            "connections": connections, "duplicates": duplicates, "time_limit": time_limit, "seed": args.seed}
    before = {name: cpu_seconds(pids) for name, pids in watch}
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = subprocess.run([sys.executable, str(Path(__file__).with_name("load.py"))], input=json.dumps(spec),
                          capture_output=True, text=True, timeout=time_limit + 60)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if load.returncode != 0:
        raise SystemExit("load generator failed:\n" + load.stderr)
    report = json.loads(load.stdout)
    report["cpu_s"] = {name: round(cpu_seconds(pids) - before[name], 2) for name, pids in watch}
    # the load process is the only child reaped in between
    report["cpu_s"]["load generator"] = round(
        children_after.ru_utime + children_after.ru_stime - children_before.ru_utime - children_before.ru_stime, 2)
    return report


TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(root):
    """``root`` and its children (gunicorn's master and workers)."""
    pids = [root]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == root:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    return total


def backend_pids(database_url):
    with psycopg.connect(make_url(database_url).set(drivername="postgresql").render_as_string(
            hide_password=False), autocommit=True) as conn:
        return [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]


def count_rows(database_url, event_id):
    with psycopg.connect(make_url(database_url).set(drivername="postgresql").render_as_string(
            hide_password=False)) as conn:
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT user_id) FROM checkins WHERE event_id = %s AND direction = 'in'",
            (event_id,)).fetchone()
        users = {row[0] for row in conn.execute(
            "SELECT user_id FROM checkins WHERE event_id = %s AND direction = 'in'", (event_id,))}
    return total, distinct, users


def main():
    args = arguments()
    if args.connections is None:
        args.connections = 4 if args.batch else 32
    if args.batch:
        return main_batches(args)
    with contextlib.ExitStack() as stack:
        own_redis = stack.enter_context(OwnRedis()) if args.hung_redis else None
        if own_redis is not None:
            args.redis_url = own_redis.url
        database = stack.enter_context(ThrowawayDatabase(args.database_url))
        env = {"APP_ENV": "development", "DATABASE_URL": database.url, "REDIS_URL": args.redis_url,
               "SECRET_KEY": secrets.token_urlsafe(48), "LOG_LEVEL": "WARNING",
               "DB_POOL_SIZE": str(args.threads if args.worker_class == "gthread" else 1), "DB_MAX_OVERFLOW": "2",
               "WECHAT_API_BASE": "http://127.0.0.1:9"}  # the check-in path never calls WeChat
        redis.Redis.from_url(args.redis_url).flushdb()
        event_id, warmup_event_id, organiser_bearer, residents, bearers = seed(
            env, args.people + 200, args.capacity, args.redis_url)
        warmup, measured = residents[:200], residents[200:]
        if own_redis is None:
            phases = [("burst", measured, None)]
        else:
            half = len(measured) // 2
            phases = [("redis up", measured[:half], None), ("redis hung (SIGSTOP)", measured[half:], own_redis.hang)]
        server = start_gunicorn(args, env)
        reports = []
        try:
            # Warm every worker (connections, imports, caches) on another event.
            run_load(args, warmup_event_id, organiser_bearer, warmup, args.connections, 0.0, 30)
            watch = [("app (gunicorn)", process_tree(server.pid)), ("postgres", backend_pids(database.url))]
            for name, people, before in phases:
                if before is not None:
                    before()
                reports.append((name, len(people), run_load(args, event_id, organiser_bearer, people,
                                                            args.connections, args.duplicates, args.time_limit,
                                                            watch)))
        finally:
            stop(server)
            if own_redis is not None:
                own_redis.resume()
        total, distinct, users = count_rows(database.url, event_id)
        redis.Redis.from_url(args.redis_url).flushdb()

    expected = args.people if args.capacity is None else min(args.people, args.capacity)
    answered_in = {bearers[b] for _, _, report in reports for b in report.pop("answered_in")}
    lost = len(answered_in - users)
    figures = {name: phase_figures(report) for name, _, report in reports}
    result = {
        "setup": {"workers": args.workers, "worker_class": args.worker_class,
                  "threads": args.threads if args.worker_class == "gthread" else 1,
                  "connections": args.connections, "people": args.people, "duplicates": args.duplicates,
                  "capacity": args.capacity, "cpus": os.cpu_count(), "hung_redis": args.hung_redis},
        **(figures["burst"] if len(figures) == 1 else {"phases": figures}),
        "rows": total,
        "distinct_people_in_rows": distinct,
        "duplicates": total - distinct,
        "lost": lost,
        "expected_rows": expected,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    errors = sum(report["errors"] for _, _, report in reports)
    ok = errors == 0 and total == distinct and lost == 0 and total == expected
    sys.exit(0 if ok else 1)


def main_batches(args):
    """--batch N: the same seeded hall, scanned offline and uploaded in batches."""
    from bench.checkin.batches import make_batches, upload

    with ThrowawayDatabase(args.database_url) as database:
        env = {"APP_ENV": "development", "DATABASE_URL": database.url, "REDIS_URL": args.redis_url,
               "SECRET_KEY": secrets.token_urlsafe(48), "LOG_LEVEL": "WARNING", "DB_POOL_SIZE": "1",
               "DB_MAX_OVERFLOW": "2", "WECHAT_API_BASE": "http://127.0.0.1:9",
               "CHECKIN_BATCH_MAX": str(max(100, args.batch))}
        redis.Redis.from_url(args.redis_url).flushdb()
        event_id, warmup_event_id, organiser_bearer, residents, bearers = seed(env, args.people + 200, None,
                                                                               args.redis_url)
        app = create_app(env=env)
        warmup = make_batches(app, [bearers[b] for b in residents[:200]], args.batch, 0.0, args.seed + 1)
        batches = make_batches(app, [bearers[b] for b in residents[200:]], args.batch, args.duplicates, args.seed)
        server = start_gunicorn(args, env)
        try:
            upload(args.port, warmup_event_id, organiser_bearer, warmup, args.connections, 30)
            watch = [("app (gunicorn)", process_tree(server.pid)), ("postgres", backend_pids(database.url))]
            before = {name: cpu_seconds(pids) for name, pids in watch}
            report = upload(args.port, event_id, organiser_bearer, batches, args.connections, args.time_limit)
            report["cpu_s"] = {name: round(cpu_seconds(pids) - before[name], 2) for name, pids in watch}
        finally:
            stop(server)
        total, distinct, _ = count_rows(database.url, event_id)
        redis.Redis.from_url(args.redis_url).flushdb()
    result = {
        "setup": {"mode": "batch", "batch_size": args.batch, "workers": args.workers, "phones": args.connections,
                  "people": args.people, "batches_uploaded_twice": args.duplicates, "cpus": os.cpu_count()},
        **report,
        "rows": total, "duplicates": total - distinct, "expected_rows": args.people,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = report["errors"] == 0 and total == distinct == args.people
    sys.exit(0 if ok else 1)


def phase_figures(report):
    checked_in = report["answers"].get("201 checked_in", 0)
    return {
        "scans_sent": report["sent"],
        "elapsed_s": round(report["elapsed"], 3),
        "scans_per_s": round(report["sent"] / report["elapsed"], 1),
        "check_ins_per_s": round(checked_in / report["elapsed"], 1),
        "latency_ms": report["latency_ms"],
        "cpu_s": report["cpu_s"],
        "cpu_ms_per_scan": {name: round(1000 * seconds / report["sent"], 3) for name, seconds in report["cpu_s"].items()},
        "answers": report["answers"],
        "errors": report["errors"],
    }


if __name__ == "__main__":
    main()
