"""Exactly once, whatever happens: duplicate scans racing in threads and in
processes, a capacity race, a dropped database connection, Redis gone."""
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from app.checkin import service
from app.extensions import db
from app.models import CheckIn
from tests.factories import auth_headers, checkin_token, make_event, make_user


def rows(event, direction="in"):
    db.session.expire_all()
    return db.session.execute(
        db.select(CheckIn.user_id).where(CheckIn.event_id == event.id, CheckIn.direction == direction)
    ).scalars().all()


def race(app, calls, threads=30):
    """Run ``calls`` (each (headers, body)) from ``threads`` threads released at once."""
    barrier = threading.Barrier(min(threads, len(calls)))

    def one(call):
        headers, body = call
        client = app.test_client()
        barrier.wait()
        response = client.post("/api/v1/checkins", json=body, headers=headers)
        return response.status_code, response.get_json()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, calls))


def test_thirty_threads_scanning_as_one_person_make_one_row(app, ctx, event, resident):
    headers, token = auth_headers(resident), checkin_token(event)
    answers = race(app, [(headers, {"token": token})] * 30)
    assert Counter(status for status, _ in answers) == {201: 1, 200: 29}
    assert {body["code"] for status, body in answers if status == 200} == {"already_checked_in"}
    assert len({body["checked_in_at"] for _, body in answers}) == 1
    assert rows(event) == [resident.id]


def test_thirty_threads_checking_out_make_one_row(app, ctx, community, resident):
    from datetime import timedelta

    from tests.factories import make_checkin

    event = make_event(community=community, starts_in=-timedelta(minutes=30))
    make_checkin(event, resident)
    headers, token = auth_headers(resident), checkin_token(event, "checkout")
    answers = race(app, [(headers, {"token": token})] * 30)
    assert Counter(status for status, _ in answers) == {201: 1, 200: 29}
    assert rows(event, "out") == [resident.id]


def test_a_capacity_race_admits_exactly_the_capacity(app, ctx, community):
    event = make_event(community=community, capacity=5)
    token = checkin_token(event)
    people = [make_user() for _ in range(16)]
    calls = [(auth_headers(p), {"token": token}) for p in people for _ in range(2)]
    answers = race(app, calls, threads=32)
    codes = Counter(body.get("code") or body["error"]["code"] for _, body in answers)
    assert codes["checked_in"] == 5
    assert codes["checked_in"] + codes["already_checked_in"] + codes["event_full"] == 32
    admitted = rows(event)
    assert len(admitted) == len(set(admitted)) == 5


def test_a_lost_answer_is_retried_into_the_same_row(client, ctx, event, resident, monkeypatch):
    """The insert committed but the connection dropped before the answer came
    back: the phone is told to retry, and the retry is told
    already_checked_in with the time of the row that exists."""
    headers, token = auth_headers(resident), checkin_token(event)
    real_record, dropped = service.record_row, []

    def record_then_drop(*args, **kwargs):
        result = real_record(*args, **kwargs)
        if not dropped:
            dropped.append(result)
            raise OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))
        return result

    monkeypatch.setattr(service, "record_row", record_then_drop)
    first = client.post("/api/v1/checkins", json={"token": token}, headers=headers)
    assert (first.status_code, first.get_json()["error"]["code"]) == (503, "service_unavailable")
    retry = client.post("/api/v1/checkins", json={"token": token}, headers=headers)
    assert (retry.status_code, retry.get_json()["code"]) == (200, "already_checked_in")
    assert rows(event) == [resident.id]


def test_a_scan_whose_insert_failed_is_never_answered_checked_in(client, ctx, event, resident, monkeypatch):
    headers, token = auth_headers(resident), checkin_token(event)

    def insert_fails(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("terminating connection due to administrator command"))

    monkeypatch.setattr(service, "record_row", insert_fails)
    assert client.post("/api/v1/checkins", json={"token": token}, headers=headers).status_code == 503
    monkeypatch.undo()
    assert rows(event) == []
    retry = client.post("/api/v1/checkins", json={"token": token}, headers=headers)
    assert (retry.status_code, retry.get_json()["code"]) == (201, "checked_in")


class HangingRedis:
    """A TCP port that accepts connections and never answers (a hung Redis)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"redis://127.0.0.1:{self.sock.getsockname()[1]}/0"

    def close(self):
        self.sock.close()


def dead_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def run_workers(app_env, event, bearers, processes=1, threads=1, start_in=0.0, **env_overrides):
    """Scan from app processes of their own (tests/support/checkin_worker.py);
    returns every [status, code] they saw."""
    env = {**os.environ, **app_env, **env_overrides}
    start_at = time.time() + start_in
    procs = [subprocess.Popen([sys.executable, "-m", "tests.support.checkin_worker", str(start_at), str(event.id),
                               str(threads), *bearers], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for _ in range(processes)]
    answers = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        answers += json.loads(out.strip().splitlines()[-1])
    return answers


@pytest.mark.parametrize("kind", ["refused", "hanging"])
def test_check_in_works_without_redis(app_env, ctx, event, resident, kind):
    """A whole app process whose Redis is gone (connection refused) or hung
    (accepts, never answers): logins resolve from the database, rate limits
    lapse, and scans are answered as usual."""
    hanging = HangingRedis() if kind == "hanging" else None
    try:
        bearer = auth_headers(resident)["Authorization"][7:]
        answers = run_workers(app_env, event, [bearer], threads=2,
                              REDIS_URL=hanging.url if hanging else dead_port_url(), REDIS_SOCKET_TIMEOUT="0.2")
    finally:
        if hanging:
            hanging.close()
    assert sorted(answers) == [[200, "already_checked_in"], [201, "checked_in"]]
    assert rows(event) == [resident.id]


@pytest.mark.postgres_only
def test_processes_racing_duplicate_scans_make_one_row_per_person(app_env, ctx, event):
    people = [make_user() for _ in range(12)]
    bearers = [auth_headers(p)["Authorization"][7:] for p in people]
    answers = run_workers(app_env, event, bearers, processes=3, threads=4, start_in=4)
    # 3 processes x 4 threads x 12 people: each person scanned 12 times
    assert len(answers) == 144
    assert Counter(code for _, code in answers) == {"checked_in": 12, "already_checked_in": 132}
    assert sorted(rows(event)) == sorted(p.id for p in people)


@pytest.mark.postgres_only
def test_scans_go_on_after_the_database_drops_every_connection(app, app_env, client, ctx, event):
    people = [make_user() for _ in range(3)]
    ids = [p.id for p in people]
    headers = [auth_headers(p) for p in people]
    token = checkin_token(event)
    assert client.post("/api/v1/checkins", json={"token": token}, headers=headers[0]).status_code == 201
    db.session.rollback()  # the test's own connection goes back to the pool, to be killed with the rest
    dsn = app_env["DATABASE_URL"]
    with psycopg.connect(dsn, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert killed >= 1
    # pool_pre_ping notices the dead connections and opens new ones
    for header in headers[1:]:
        response = client.post("/api/v1/checkins", json={"token": token}, headers=header)
        assert (response.status_code, response.get_json()["code"]) == (201, "checked_in")
    retry = client.post("/api/v1/checkins", json={"token": token}, headers=headers[0])
    assert retry.get_json()["code"] == "already_checked_in"
    assert sorted(rows(event)) == sorted(ids)
