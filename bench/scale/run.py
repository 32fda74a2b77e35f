"""Benchmark: every screen at district size (issue 16).

On a district database (seeded by `flask jusha seed-scale --size district`),
under gunicorn on PostgreSQL + Redis:

1. the morning's mix from 64 phones in a closed loop (home page, event list,
   event detail, my registrations, check-in, my hours, leaderboard): p50, p95,
   p99 per endpoint, throughput, errors (warm-up excluded);
2. the same mix open-loop at steady rates (--parts rate): p50, p95, p99 per
   endpoint at each rate, and the highest rate at which every phone read's
   p99 stays under 50 ms;
3. check-in throughput there against an empty migrated database (same burst,
   same server), and the ratio;
4. organiser operations alone, each with the server process's peak memory;
5. with --explain, EXPLAIN (ANALYZE, BUFFERS) of each hot query into
   bench/scale/README.md;

then a table of each figure against the issue's targets. The database is only
borrowed: every row the benchmark adds (login tokens, its own welfare days and
their check-ins) is removed at the end. It FLUSHES the Redis database it is
given (default redis://127.0.0.1:6379/12).

    ./bench/scale/run                               # everything, 60 s of mix
    ./bench/scale/run --parts mix --seconds 20      # only the mix
    ./bench/scale/run --parts rate --rate 40        # the mix arriving at 40 requests/s
    ./bench/scale/run --explain --parts none        # only the plans
"""
import argparse
import importlib.util
import itertools
import json
import os
import subprocess
import sys
import tempfile
import traceback
from datetime import date, timedelta
from pathlib import Path

import redis
import requests
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.models import utcnow  # noqa: E402
from bench.checkin.run import backend_pids, cpu_seconds, process_tree  # noqa: E402
from bench.scale import checkins, organiser, people, rates  # noqa: E402
from bench.scale.report import print_table  # noqa: E402
from bench.scale.server import Server  # noqa: E402

DISTRICT_URL = "postgresql://postgres@127.0.0.1:5432/jusha_scale_district"
PARTS = ("mix", "rate", "checkin", "organiser")
# Weights of the morning's actions (a phone's next action is drawn by them).
# The home page is four requests; check-in and my hours peak in the morning.
WEIGHTS = {"home": 20, "event list": 15, "event detail": 20, "my registrations": 10, "check-in": 15,
           "my hours": 15, "leaderboard": 5}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DISTRICT_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
                        help="FLUSHED before and after")
    parser.add_argument("--empty-database-url", default=None,
                        help="PostgreSQL server on which the empty comparison database is created and dropped "
                             "(default: the district database's server)")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="comma-separated: mix, rate, checkin, organiser, or none")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds of the mix (and of each rate)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of mix before measuring")
    parser.add_argument("--rate", type=rate_list, default=None,
                        help="rate part: these requests/s only (comma-separated); default: "
                             f"{', '.join(f'{f:.0%}%' for f in rates.STEPS)} of the closed-loop throughput, "
                             "stopping at the first rate whose read p99 misses 50 ms (10%%, 5%% if the first does)")
    parser.add_argument("--capacity", type=float, default=None,
                        help="rate part: the closed-loop requests/s the steps are fractions of "
                             "(default: the mix part's, measured first if it does not run)")
    parser.add_argument("--arrivals", default="poisson", choices=("poisson", "even"),
                        help="rate part: how arrivals are spaced")
    parser.add_argument("--max-connections", type=int, default=512,
                        help="rate part: connections the generator may open (beyond, arrivals wait, and it counts)")
    parser.add_argument("--phones", type=int, default=64)
    parser.add_argument("--residents", type=int, default=20000, help="distinct residents the phones sign in as")
    parser.add_argument("--checkin-people", type=int, default=3000, help="residents in each check-in burst")
    parser.add_argument("--attendance-people", type=int, default=5000,
                        help="the attendance export is of the event whose check-ins come nearest this")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores)")
    parser.add_argument("--worker-class", default="gthread", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker (scripts/serve: 4)")
    parser.add_argument("--port", type=int, default=18531)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--explain", action="store_true",
                        help="write EXPLAIN (ANALYZE, BUFFERS) of the hot queries into bench/scale/README.md")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    args.parts = [] if args.parts == "none" else [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if args.empty_database_url is None:
        args.empty_database_url = make_url(args.database_url).set(database="postgres").render_as_string(
            hide_password=False)
    return args


def rate_list(text):
    values = [float(part) for part in text.split(",") if part.strip()]
    if not values or min(values) <= 0:
        raise argparse.ArgumentTypeError("positive requests/s, comma-separated")
    return values


def base_env(args):
    """The server's environment. The development SECRET_KEY stays (the seed encrypted with it);
    the per-user rate limit is raised so the few organisers' phones can read the leaderboard
    all morning (the limiter still runs and is measured)."""
    return {"APP_ENV": "development", "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url,
            "LOG_LEVEL": "WARNING", "WECHAT_API_BASE": "http://127.0.0.1:9", "RATELIMIT_DEFAULT": "100000 per minute",
            "NOTICE_INPROCESS_WORKER": "0"}


def server_options(args):
    return {"port": args.port, "workers": args.workers, "worker_class": args.worker_class, "threads": args.threads}


def mix_spec(args, app, borrowed, server):
    """What the load generators (mix.py, openloop.py) need: the phones' people and tokens, the events."""
    event_id, _, organiser_id = borrowed.open_welfare_day()
    residents = people.sample_residents(app, args.residents, args.seed)
    staff = people.staff_users(app) or [organiser_id]
    resident_bearers = list(borrowed.mint(residents))
    staff_bearers = list(borrowed.mint(staff))
    return {
        "port": server.port, "phones": args.phones, "seconds": args.seconds, "warmup": args.warmup,
        "seed": args.seed, "weights": WEIGHTS, "residents": resident_bearers, "staff": staff_bearers,
        "checkin_bearers": resident_bearers, "event_ids": people.recent_event_ids(app) + [event_id],
        "checkin_event_id": event_id, "organiser_bearer": next(iter(borrowed.mint([organiser_id]))),
        "today": (utcnow() + timedelta(hours=8)).date().isoformat(),
        "setup": {"phones": args.phones, "residents": len(residents), "staff": len(staff), "weights": WEIGHTS,
                  **server_options(args), "cpus": os.cpu_count()},
    }


def drive(module, spec, args, server):
    """Run one load generator process on ``spec``; its summary, with the CPU the app and PostgreSQL spent."""
    watch = [("app (gunicorn)", server.pids()), ("postgres", backend_pids(args.database_url))]
    before = {name: cpu_seconds(pids) for name, pids in watch}
    load = subprocess.run([sys.executable, "-m", module], cwd=ROOT, input=json.dumps(spec),
                          capture_output=True, text=True, timeout=args.seconds + args.warmup + 120)
    if load.returncode != 0:
        raise SystemExit(f"load generator {module} failed:\n" + load.stderr)
    result = json.loads(load.stdout)
    result["cpu_s"] = {name: round(cpu_seconds(pids) - before[name], 1) for name, pids in watch}
    result["setup"] = spec["setup"]
    return result


def run_mix(args, spec, server):
    return drive("bench.scale.mix", spec, args, server)


def run_rates(args, spec, server, closed_loop):
    """The mix open-loop at steady rates, and the highest at which every phone read's p99 < 50 ms."""
    capacity, measured_here = args.capacity or (closed_loop or {}).get("per_s"), False
    if args.rate is None and not capacity:
        capacity, measured_here = run_mix(args, spec, server)["per_s"], True
    open_spec = {**spec, "arrivals": args.arrivals, "max_connections": args.max_connections}
    seeds = itertools.count(args.seed + 1)

    def run_at(rate):
        # A new seed a step: other residents come to check in (not only the repeat scans of those already in).
        return drive("bench.scale.openloop", {**open_spec, "rate": rate, "seed": next(seeds)}, args, server)

    figures = rates.search(args.rate or rates.step_rates(capacity), run_at, stop_at_first_miss=args.rate is None,
                           below=() if args.rate else rates.step_rates(capacity, rates.BELOW))
    figures.update({"closed_loop_per_s": capacity, "closed_loop_measured_for_the_steps": measured_here,
                    "arrivals": args.arrivals})
    return figures


def job_worker(env):
    """One Dramatiq worker process (one thread) for background exports, when the app has them."""
    if importlib.util.find_spec("app.exports") is None:
        return None
    return subprocess.Popen([sys.executable, "-m", "dramatiq", "app.worker:broker", "--processes", "1", "--threads", "1"],
                            cwd=ROOT, env={**os.environ, **env}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_organiser(args, app, borrowed):
    from bench.checkin.run import stop
    from bench.notices.bench import start_emulator

    admin = people.admin_user(app)
    if admin is None:
        raise SystemExit("the database has no admin (role_grants role='admin'): organiser operations need one")
    bearer = next(iter(borrowed.mint([admin])))
    year = organiser.last_full_year()
    event_id, rows = organiser.event_of_size(app, args.attendance_people, skip=borrowed.event_ids)
    ops = organiser.operations(year, f"{year}-{date.today().month:02d}", event_id, organiser.biggest_unit(app),
                               organiser.root_team(app))
    with tempfile.TemporaryDirectory() as log_dir:
        emulator, base = start_emulator(Path(log_dir))
        try:
            # msgSecCheck (the notice's content check) wants a person who opened the mini-program lately.
            requests.post(base + "/_emulator/login-codes", json={"openid": people.openid_of(app, admin)},
                          timeout=10).raise_for_status()
            env = {**base_env(args), "WECHAT_API_BASE": base, "STORAGE_URL": str(Path(log_dir) / "files")}
            worker = job_worker(env)
            try:
                figures = {"operations": organiser.run(
                    lambda: Server(env, port=args.port + 1, workers=1, worker_class="sync", timeout=600), bearer, ops,
                    job_pids=lambda: process_tree(worker.pid) if worker else ())}
            finally:
                if worker:
                    stop(worker)
        finally:
            stop(emulator)
    figures["attendance event"] = {"id": event_id, "check_ins": rows}
    return figures


def attempt(results, name, part, *args):
    """Run one part; a part that fails is reported (and the others still run)."""
    try:
        results[name] = part(*args)
    except Exception as exc:  # noqa: BLE001 (the benchmark reports and goes on)
        traceback.print_exc()
        results[name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}


def main():
    args = arguments()
    env = base_env(args)
    cache = redis.Redis.from_url(args.redis_url)
    cache.flushdb()
    app = create_app(env=env)
    borrowed = people.Borrowed(app, args.redis_url)
    results = {"database": make_url(args.database_url).database, "when": utcnow().isoformat(timespec="seconds"),
               "load_average_at_start": os.getloadavg()}
    try:
        if {"mix", "rate", "checkin"} & set(args.parts):
            with Server(env, **server_options(args)) as server:
                spec = mix_spec(args, app, borrowed, server) if {"mix", "rate"} & set(args.parts) else None
                if "mix" in args.parts:
                    attempt(results, "mix", run_mix, args, spec, server)
                if "rate" in args.parts:
                    attempt(results, "rate", run_rates, args, spec, server, results.get("mix"))
                if "checkin" in args.parts:
                    attempt(results, "checkin_district", checkins.district, app, borrowed, server,
                            args.database_url, args.checkin_people, args.phones, args.seed)
        if "checkin" in args.parts:
            attempt(results, "checkin_empty", checkins.empty, args.empty_database_url, env, args.redis_url,
                    args.checkin_people, args.phones, args.seed, server_options(args))
            if "scans_per_s" in results.get("checkin_district", {}) and "scans_per_s" in results.get("checkin_empty", {}):
                results["checkin_ratio"] = round(results["checkin_district"]["scans_per_s"]
                                                 / results["checkin_empty"]["scans_per_s"], 3)
        if "organiser" in args.parts:
            attempt(results, "organiser", run_organiser, args, app, borrowed)
    finally:
        borrowed.cleanup()
        cache.flushdb()
    if args.explain:
        from bench.scale.explain import write_readme_section

        results["explain"] = write_readme_section(args.database_url)
    results["load_average_at_end"] = os.getloadavg()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print_table(results)


if __name__ == "__main__":
    main()
