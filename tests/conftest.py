"""Fixtures: one app per test session on a throwaway database, the WeChat
emulator on a real port, and a clean slate (rows, Redis, emulator) per test.

Mode follows the environment: with DATABASE_URL / REDIS_URL set (CI) the
suite runs on PostgreSQL and a real Redis; without, on SQLite and fakeredis.
"""
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import has_request_context, request
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event as sqlalchemy_event

from app import MIGRATIONS_DIR, create_app
from app.checkin import event_cache, throttle
from app.checkin.service import scan_engine
from wechat_emulator.testing import running_emulator
from app.extensions import db, limiter, redis_store
from tests.support.browser import chromium  # noqa: F401  (the session's one browser, a fixture)
from tests.support.databases import empty_all_tables, throwaway_database
from tests.support.wechat import EmulatorControl

REAL_SERVICES = bool(os.environ.get("DATABASE_URL")) and bool(os.environ.get("REDIS_URL"))


def pytest_collection_modifyitems(config, items):
    if REAL_SERVICES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL and a real Redis (set DATABASE_URL and REDIS_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def emulator():
    with running_emulator() as running:
        running.control = EmulatorControl(running.base_url)
        running.control.configure(token_grace_seconds=0)
        yield running


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with throwaway_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def app_env(database_url, emulator, tmp_path_factory):
    """The environment the app (and any subprocess of a test) runs with."""
    return {
        "STORAGE_URL": str(tmp_path_factory.mktemp("uploads")),
        "APP_ENV": "testing",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "WECHAT_API_BASE": emulator.base_url,
        "WECHAT_TIMEOUT": "3",
        # A loaded CI machine can stall a Redis reply past production's 0.5 s;
        # the breaker's own tests use clients with short timeouts of their own.
        "REDIS_SOCKET_TIMEOUT": "2",
        "RATELIMIT_LOGIN": "1000 per minute",
        "RATELIMIT_DEFAULT": "10000 per minute",
        "LOG_LEVEL": "WARNING",
        # Notice delivery: short backoffs and a quick requeue of a dead
        # worker's jobs, so retries and crashes play out within seconds.
        "NOTICE_RETRY_BASE_MS": "50",
        "NOTICE_RETRY_MAX_MS": "400",
        "NOTICE_SEND_RATE": "500",
        "QUEUE_HEARTBEAT_TIMEOUT_MS": "3000",
        "QUEUE_MAINTENANCE_CHANCE": "200000",
    }


@pytest.fixture(scope="session")
def app(app_env):
    app = create_app(env=app_env)
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
        scan_engine().dispose()


@pytest.fixture(autouse=True)
def clean_slate(request, app, emulator):
    breaker = app.extensions.get("jusha_redis_breaker")
    if breaker is not None:
        breaker.reset()  # one test's Redis outage (real or a stall) must not lapse the next one's limits
    with app.app_context():
        empty_all_tables(db)
        redis_store.flushdb()
        limiter.reset()
        event_cache.forget()  # ids restart with every test; cached events must not outlive their rows
        throttle.reset()
    emulator.control.reset()
    emulator.control.configure(token_grace_seconds=0)
    yield


# The one write a GET may make: the audit row saying who exported the hours
# (an export of personal data is recorded, and the export is a download).
GET_WRITES_ALLOWED = {"/api/v1/hours/export.xlsx": "INSERT INTO AUDIT_LOG "}
# Reads the issue asks to audit (every read of a mediation case, app/mediation/reads.py)
# add a row to these tables and write nothing else: the one exception any GET may make.
AUDITED_READ_TABLES = ("AUDIT_LOG",)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE")


@pytest.fixture(autouse=True)
def get_requests_never_write(app):
    """Fails any test during which a GET (or HEAD) handler wrote to the
    database: reading a page must not change what the next reader sees."""
    writes = []

    def refuse_writes_in_reads(conn, cursor, statement, parameters, context, executemany):
        if not has_request_context() or request.method not in ("GET", "HEAD"):
            return
        text = " ".join(statement.split()).upper()
        allowed = GET_WRITES_ALLOWED.get(request.path)
        audited = text.startswith(tuple(f"INSERT INTO {table} " for table in AUDITED_READ_TABLES))
        if text.startswith(WRITE_VERBS) and not (allowed and text.startswith(allowed)) and not audited:
            writes.append(f"{request.method} {request.path}: {text[:120]}")

    with app.app_context():
        engine = db.engine
    sqlalchemy_event.listen(engine, "before_cursor_execute", refuse_writes_in_reads)
    try:
        yield writes
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", refuse_writes_in_reads)
    assert not writes, "GET handlers wrote to the database:\n" + "\n".join(writes)


@pytest.fixture()
def ctx(app):
    """An app context for building rows with the factories."""
    with app.app_context():
        yield
        db.session.remove()


class IsolatedClient(FlaskClient):
    """Runs each request in its own thread, so it gets its own app context,
    ``g`` and database session, as in production, instead of sharing the
    test's. A handler that forgets to commit fails here as it would live."""

    def open(self, *args, **kwargs):
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(FlaskClient.open, self, *args, **kwargs).result()


@pytest.fixture()
def client(app, ctx):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture()
def wechat_control(emulator):
    return emulator.control
