"""Benchmark: 2,000 people take one contest (百年党史知多少) at the same time.

Creates a throwaway PostgreSQL database, loads the demo's 百年党史 bank (132
questions), makes one running contest (10 questions drawn from it, 600 s
each by default, a live leaderboard) and N logged-in people in three communities,
starts the app under gunicorn, then a separate load process (load.py) keeps
every person's attempt running at once: start, then each question answered
in turn over ``--connections`` keep-alive connections, while a reader asks the
leaderboard every 100 ms. Prints answers/s, p50/p95/p99 per call, the
leaderboard's read time during and after the burst, and checks the database:
one attempt and one score per person, one answer row per question.

    ./bench/quiz/run                       # 2,000 people, 10 questions, 32 connections
    ./bench/quiz/run --people 500 --questions 5

It FLUSHES the Redis database it is given (default redis://127.0.0.1:6379/4).
"""
import argparse
import contextlib
import hashlib
import json
import os
import secrets
import subprocess
import sys
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
from app.models import AuthSession, Community, Contest, User, utcnow  # noqa: E402
from bench.checkin.run import ThrowawayDatabase, backend_pids, cpu_seconds, process_tree, stop  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=10, help="questions per attempt")
    parser.add_argument("--seconds-per-question", type=int, default=600,
                        help="the contest's time per question: long, so a slow closed loop is not judged late "
                             "(at 30 s on a saturated machine every answer came too late and was refused)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (threads)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=8, help="threads per gthread worker")
    parser.add_argument("--port", type=int, default=18441)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"))
    return parser.parse_args()


def seed(env, people, questions, redis_url, seconds=600):
    from flask_migrate import upgrade

    from app.quiz import importer, sample

    app = create_app(env=env)
    bearers = {}
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        importer.apply(importer.rows_from_records(sample.records()))
        communities = [Community(name=name, code=code) for name, code in
                       (("铭和社区", "minghe"), ("柠檬社区", "ningmeng"), ("智格社区", "zhige"))]
        db.session.add_all(communities)
        db.session.flush()
        now = utcnow()
        contest = Contest(title="百年党史知多少（压测）", starts_at=now - timedelta(minutes=5),
                          ends_at=now + timedelta(hours=3), quotas=[{"topic": None, "difficulty": None,
                                                                      "count": questions}],
                          question_count=questions, seconds_per_question=seconds, attempts_allowed=1, entry="everyone",
                          unit_ids=[], leaderboard="live", certificate_top=3)
        db.session.add(contest)
        db.session.execute(db.insert(User), [
            {"openid": f"o-quiz-{n:06d}", "name": f"答题人{n}", "community_id": communities[n % 3].id,
             "is_active": True, "created_at": now, "updated_at": now} for n in range(people)])
        sessions = []
        for user_id, in db.session.execute(db.select(User.id)).all():
            token = secrets.token_urlsafe(32)
            bearers[token] = user_id
            sessions.append({"user_id": user_id, "token_hash": hashlib.sha256(token.encode()).hexdigest(),
                             "created_at": now, "expires_at": now + timedelta(days=1)})
        db.session.execute(db.insert(AuthSession), sessions)
        db.session.commit()
        contest_id = contest.id
        db.session.remove()
        db.engine.dispose()
    cache = redis.Redis.from_url(redis_url)
    pipe = cache.pipeline(transaction=False)
    for token, user_id in bearers.items():
        pipe.set(CACHE_PREFIX + hashlib.sha256(token.encode()).hexdigest(), user_id, ex=3600)
    pipe.execute()
    return contest_id, list(bearers)


def start_gunicorn(args, env, wait=180):
    """As bench/checkin's, with a longer wait: on a loaded machine three workers take a while to import."""
    import time
    import urllib.request

    command = [sys.executable, "-m", "gunicorn", "--workers", str(args.workers), "--worker-class", args.worker_class,
               "--bind", f"127.0.0.1:{args.port}", "--backlog", "2048", "--log-level", "warning",
               "--graceful-timeout", "5", "--timeout", "120"]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads), "--keep-alive", "10"]
    command.append("app:create_app()")
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/readyz", timeout=2) as response:
                if response.status == 200:
                    time.sleep(3)  # the other workers finish booting
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit(f"gunicorn did not become ready within {wait} s")


def check_rows(database_url, contest_id):
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        attempts, people, finished = conn.execute(
            "SELECT count(*), count(DISTINCT user_id), count(*) FILTER (WHERE status = 'finished') "
            "FROM quiz_attempts WHERE contest_id = %s", (contest_id,)).fetchone()
        answers, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT (attempt_id, position)) FROM quiz_answers").fetchone()
        scores = conn.execute("SELECT count(*) FROM quiz_scores WHERE contest_id = %s", (contest_id,)).fetchone()[0]
        plan = "\n".join(row[0] for row in conn.execute(
            "EXPLAIN ANALYZE SELECT user_id, correct_count, total_ms FROM quiz_scores WHERE contest_id = %s "
            "ORDER BY correct_count DESC, total_ms, attempt_id LIMIT 10", (contest_id,)))
    return {"attempts": attempts, "people_with_attempts": people, "finished": finished, "answer_rows": answers,
            "distinct_answer_positions": distinct, "scores": scores, "top10_plan": plan}


def main():
    args = arguments()
    load_average = os.getloadavg()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(ThrowawayDatabase(args.database_url))
        env = {"APP_ENV": "development", "DATABASE_URL": database.url, "REDIS_URL": args.redis_url,
               "SECRET_KEY": secrets.token_urlsafe(48), "LOG_LEVEL": "WARNING",
               "DB_POOL_SIZE": str(args.threads if args.worker_class == "gthread" else 1), "DB_MAX_OVERFLOW": "2",
               "RATELIMIT_DEFAULT": "1000000 per minute", "WECHAT_API_BASE": "http://127.0.0.1:9"}
        redis.Redis.from_url(args.redis_url).flushdb()
        contest_id, bearers = seed(env, args.people, args.questions, args.redis_url, args.seconds_per_question)
        server = start_gunicorn(args, env)
        try:
            watch = [("app (gunicorn)", process_tree(server.pid)), ("postgres", backend_pids(database.url))]
            before = {name: cpu_seconds(pids) for name, pids in watch}
            spec = {"port": args.port, "contest_id": contest_id, "bearers": bearers, "connections": args.connections,
                    "questions": args.questions, "seed": args.seed}
            load = subprocess.run([sys.executable, str(Path(__file__).with_name("load.py"))], input=json.dumps(spec),
                                  capture_output=True, text=True, timeout=1800)
            if load.returncode != 0:
                raise SystemExit("load generator failed:\n" + load.stderr)
            report = json.loads(load.stdout)
            cpu = {name: round(cpu_seconds(pids) - before[name], 2) for name, pids in watch}
        finally:
            stop(server)
        rows = check_rows(database.url, contest_id)
        redis.Redis.from_url(args.redis_url).flushdb()

    answered = report["answers"].get("answer 200", 0)
    elapsed = report["elapsed"]
    result = {
        "setup": {"people": args.people, "questions": args.questions, "connections": args.connections,
                  "workers": args.workers, "worker_class": args.worker_class, "cpus": os.cpu_count(),
                  "load_average_at_start": [round(x, 2) for x in load_average]},
        "elapsed_s": round(elapsed, 2),
        "answers_per_s": round(answered / elapsed, 1),
        "requests_per_s": round(sum(report["answers"].values()) / elapsed, 1),
        "latency_ms": report["latency_ms"],
        "leaderboard_ms": report["leaderboard_ms"],
        "cpu_s": cpu,
        "calls": report["answers"],
        "rows": {k: v for k, v in rows.items() if k != "top10_plan"},
        "top3": report["top"],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(rows["top10_plan"])
    ok = (rows["attempts"] == rows["people_with_attempts"] == rows["finished"] == rows["scores"] == args.people
          and rows["answer_rows"] == rows["distinct_answer_positions"] == args.people * args.questions
          and sum(v for k, v in report["answers"].items() if not k.endswith((" 200", " 201"))) == 0)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
