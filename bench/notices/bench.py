"""Fan one notice out to 10,000 volunteers through two dramatiq workers
against the WeChat emulator (its own process), with faults injected and the
access token invalidated mid-run; SIGKILL one worker mid-run and start
another. The emulator's inbox is the judge: delivered exactly once each,
none lost, none duplicated. Run it with bench/notices/run.
"""
import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
SEND_PATH = "/cgi-bin/message/subscribe/send"
TARGET_SECONDS = 60


def parse_args():
    parser = argparse.ArgumentParser(prog="bench/notices/run", description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=16, help="threads per worker process")
    parser.add_argument("--rate", type=float, default=400, help="NOTICE_SEND_RATE, messages/s across all workers")
    parser.add_argument("--kill-at", type=float, default=0.3, help="SIGKILL worker 1 at this share delivered")
    parser.add_argument("--faults", type=int, default=100, help="busy (-1) and rate-limit (45009) answers each")
    return parser.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator(log_dir):
    port = free_port()
    log = open(log_dir / "emulator.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "wechat_emulator", "--port", str(port), "--quiet"], cwd=ROOT,
                            stdout=log, stderr=log, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(base + "/_emulator/", timeout=1).raise_for_status()
            return proc, base
        except requests.RequestException:
            time.sleep(0.1)
    raise SystemExit("the emulator did not start; see " + str(log_dir / "emulator.log"))


def seed(app, n):
    """An organiser, a squad, n approved volunteers each allowing one message (our ledger)."""
    from sqlalchemy import insert, select

    from app.extensions import db
    from app.models import Community, RoleGrant, SubscriptionQuota, Team, User, VolunteerProfile, utcnow
    from app.subscriptions import templates

    with app.app_context():
        now = utcnow()
        community = Community(name="铭和社区", code="minghe")
        db.session.add(community)
        db.session.flush()
        team = Team(name="铭和社区志愿服务中队", level="squad", community_id=community.id)
        organiser = User(openid="bench-organiser", name="铭和社区王书记", community_id=community.id)
        db.session.add_all([team, organiser])
        db.session.flush()
        db.session.add(RoleGrant(user_id=organiser.id, role="organiser", scope_kind="community", scope_id=community.id))
        db.session.execute(insert(User.__table__), [
            {"openid": f"bench-{i:05d}", "name": f"志愿者{i}", "community_id": community.id,
             "is_active": True, "created_at": now, "updated_at": now} for i in range(n)])
        ids = db.session.execute(select(User.id).where(User.openid.like("bench-0%"))).scalars().all()
        tid = templates.get("volunteer_call").id
        db.session.execute(insert(VolunteerProfile.__table__), [
            {"user_id": uid, "real_name": f"志愿者{uid}", "phone": "13800000000", "community_id": community.id,
             "team_id": team.id, "skills": [], "status": "approved", "created_at": now, "updated_at": now}
            for uid in ids])
        db.session.execute(insert(SubscriptionQuota.__table__), [
            {"user_id": uid, "template_id": tid, "remaining": 1, "accepted_total": 1, "last_answer": "accept",
             "last_answered_at": now, "created_at": now, "updated_at": now} for uid in ids])
        db.session.commit()
        return organiser.id, team.id, tid


def grant_on_wechat(base, openids, tid):
    """WeChat's side: each volunteer opened the mini-program and accepted once."""
    local = threading.local()

    def one(openid):
        http = getattr(local, "http", None) or requests.Session()
        local.http = http
        http.post(base + "/_emulator/login-codes", json={"openid": openid}, timeout=10).raise_for_status()
        http.post(base + "/_emulator/subscriptions", json={"openid": openid, "template_id": tid},
                  timeout=10).raise_for_status()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(one, openids))


def create_notice(app, organiser_id, team_id, tid):
    from app.extensions import db
    from app.models import User
    from tests.factories import auth_headers

    with app.app_context():
        headers = auth_headers(db.session.get(User, organiser_id))
        body = {"template_id": tid, "page": "pages/event/detail?id=1",
                "audience": {"kind": "team", "team_id": team_id},
                "values": {"thing1": "市民公益日：清理楼道小广告", "date2": "2026年12月13日",
                           "thing3": "铭和社区党群服务中心", "name4": "王书记", "phone_number5": "0571-86000000"}}
        response = app.test_client().post("/api/v1/notices", json=body, headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]


def open_deliveries(app, notice_id):
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import NoticeDelivery

    with app.app_context():
        rows = db.session.execute(
            select(NoticeDelivery.state, func.count()).where(NoticeDelivery.notice_id == notice_id)
            .group_by(NoticeDelivery.state)).all()
        db.session.remove()
    return dict(rows)


def report(app, notice_id):
    from app.extensions import db
    from app.models import Notice
    from app.notices.service import report as notice_report

    with app.app_context():
        result = notice_report(db.session.get(Notice, notice_id), failures_limit=5)
        db.session.remove()
        return result


def run(args, env, log_dir):
    from flask_migrate import upgrade

    from app import MIGRATIONS_DIR, create_app
    from tests.support.notice_workers import kill, start_worker, stop

    emulator, base = start_emulator(log_dir)
    workers = []
    try:
        env = {**env, "WECHAT_API_BASE": base}
        app = create_app(env=env)
        with app.app_context():
            upgrade(directory=MIGRATIONS_DIR)
        t = time.monotonic()
        organiser_id, team_id, tid = seed(app, args.recipients)
        openids = [f"bench-{i:05d}" for i in range(args.recipients)]
        grant_on_wechat(base, openids + ["bench-organiser"], tid)
        print(f"setup: {args.recipients} volunteers in the database and on WeChat in {time.monotonic() - t:.1f} s")

        control = requests.Session()
        for kind in ("busy", "rate_limit"):
            control.post(base + "/_emulator/faults", json={"kind": kind, "count": args.faults, "path": SEND_PATH})
        control.post(base + "/_emulator/faults", json={"kind": "drop", "count": 5, "path": SEND_PATH})
        worker_env = {**env, "LOG_LEVEL": "WARNING"}
        workers = [start_worker(worker_env, args.threads, log_dir / f"worker{i}.log") for i in (1, 2)]
        time.sleep(2)  # let both workers boot before the clock starts

        started = time.monotonic()
        notice_id = create_notice(app, organiser_id, team_id, tid)
        killed_at = invalidated_at = None
        while True:
            delivered = control.get(base + "/_emulator/stats").json()["messages_delivered"]
            elapsed = time.monotonic() - started
            if killed_at is None and delivered >= args.kill_at * args.recipients:
                kill(workers[0])
                killed_at = elapsed
                workers.append(start_worker(worker_env, args.threads, log_dir / "worker3.log"))
                print(f"  {elapsed:5.1f} s  {delivered:6d} delivered: SIGKILL worker 1, started worker 3")
            if invalidated_at is None and delivered >= 0.5 * args.recipients:
                control.post(base + "/_emulator/tokens/invalidate")
                invalidated_at = elapsed
                print(f"  {elapsed:5.1f} s  {delivered:6d} delivered: access token invalidated")
            states = open_deliveries(app, notice_id)
            if states and not states.get("queued") and not states.get("sending") \
                    and sum(states.values()) == args.recipients:
                break
            if elapsed > 300:
                print("  gave up after 300 s:", states)
                break
            time.sleep(0.5)
        finished = time.monotonic() - started

        messages = control.get(base + "/_emulator/messages", params={"template_id": tid}).json()["messages"]
        stats = control.get(base + "/_emulator/stats").json()
        result = report(app, notice_id)
    finally:
        for worker in workers:
            stop(worker)
        emulator.terminate()
        emulator.wait(timeout=10)

    per_openid = Counter(m["openid"] for m in messages)
    wanted = set(openids)
    once = sum(1 for o in wanted if per_openid.get(o) == 1)
    lost = sum(1 for o in wanted if o not in per_openid)
    duplicated = sum(1 for o, n in per_openid.items() if n > 1)
    stray = sum(1 for o in per_openid if o not in wanted)
    times = sorted(m["time"] for m in messages)
    window = (times[-1] - times[0]) if len(times) > 1 else 0
    counts = result["counts"]
    print()
    print(f"recipients            {args.recipients}")
    print(f"delivered exactly once {once}")
    print(f"lost                  {lost}")
    print(f"duplicated            {duplicated}  (stray: {stray})")
    print(f"report                sent {counts['sent']} (settled after the kill by WeChat's quota: "
          f"{result['confirmed_by_quota']}), unconfirmed {counts['unconfirmed']}, failed {counts['failed']}, "
          f"skipped {counts['skipped']}")
    print(f"faults fired          {stats['faults_fired']}; WeChat errors {stats['errors']}; "
          f"tokens issued {stats['tokens_issued']['total']}")
    print(f"worker 1 killed at    {killed_at:.1f} s; token invalidated at {invalidated_at:.1f} s"
          if killed_at is not None and invalidated_at is not None else "kill/invalidate did not happen")
    print(f"time to last delivery {finished:.1f} s from the organiser's request "
          f"({len(messages) / finished:.0f} messages/s); first to last message {window:.1f} s "
          f"({len(messages) / window if window else 0:.0f} messages/s); send rate limit {args.rate:.0f}/s")
    print(f"target {args.recipients} in under {TARGET_SECONDS} s: "
          f"{'met' if finished < TARGET_SECONDS and once == args.recipients else 'NOT met'}")
    return 0 if once == args.recipients and not duplicated and not stray else 1


def main():
    args = parse_args()
    from tests.support.databases import throwaway_database

    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    log_dir = ROOT / "bench" / "out" / "notices"
    log_dir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start; "
          f"redis {redis_url} (flushed); logs in {log_dir}")
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    try:
        with throwaway_database(log_dir) as database_url:
            env = {
                "APP_ENV": "development",
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "WECHAT_TIMEOUT": "2",
                "NOTICE_SEND_RATE": str(args.rate),
                "NOTICE_RETRY_BASE_MS": "200",
                "NOTICE_RETRY_MAX_MS": "5000",
                "QUEUE_HEARTBEAT_TIMEOUT_MS": "3000",
                "QUEUE_MAINTENANCE_CHANCE": "100000",
                "NOTICE_INPROCESS_WORKER": "0",
                "RATELIMIT_ENABLED": "0",
                "LOG_LEVEL": "WARNING",
            }
            return run(args, env, log_dir)
    finally:
        store.flushdb()


if __name__ == "__main__":
    sys.exit(main())
