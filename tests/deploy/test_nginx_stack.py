"""The production picture, running: nginx (deploy/nginx/jusha.conf) in front
of two app processes (scripts/serve), a worker and a scheduler, on the
suite's PostgreSQL database and Redis. An app process is killed, stopped and
gracefully reloaded under check-ins: none lost, none doubled, a POST never
sent twice, no 5xx during a reload, and rate limits see the real client."""
import http.client
import os
import re
import shutil
import signal
import threading
import time
import uuid

import pytest
from flask import Flask

from app.checkin import tokens as checkin_tokens
from app.extensions import db
from app.models import CheckIn
from tests.deploy.client import RETRYABLE, CheckinBurst, Phone, answer_code
from tests.deploy.stack import NGINX, Nginx, Process, free_port, stop_all
from tests.factories import auth_headers, make_community, make_event, make_user

STACK_TOKEN_WINDOW = {"CHECKIN_TOKEN_WINDOW": 600, "CHECKIN_TOKEN_GRACE": 60, "RESIDENT_CODE_WINDOW": 120}

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not shutil.which(NGINX), reason="needs the Debian nginx package (apt-get install nginx)"),
]


@pytest.fixture(scope="module")
def stack(app, app_env, tmp_path_factory):
    logs = tmp_path_factory.mktemp("stack-logs")
    apps = []
    nginx = None
    others = []
    try:
        ports = _two_free_ports()
        nginx = Nginx(ports)
        checked = nginx.check()
        assert checked.returncode == 0, f"nginx -t refused the derived site:\n{checked.stderr}"
        env = {
            **os.environ, **app_env,
            "PROXY_HOPS": "1", "FORWARDED_ALLOW_IPS": "127.0.0.1",
            # Ids restart with every test (tests/conftest.py): no event may outlive its row in a cache.
            "CHECKIN_EVENT_CACHE_SECONDS": "0",
            "RATELIMIT_LOGIN": "3 per minute",
            **{name: str(value) for name, value in STACK_TOKEN_WINDOW.items()},
            # One gunicorn worker each: every process start imports the app, on two shared cores.
            "WEB_WORKERS": "1", "WEB_THREADS": "4", "WORKER_PROCESSES": "1", "WORKER_THREADS": "2",
            "CONSOLE_DIST": str(nginx.prefix / "console-dist"),
        }
        apps = [Process(name, "serve", env, logs, port) for name, port in zip(("app-a", "app-b"), ports)]
        others = [Process("worker", "worker", env, logs), Process("scheduler", "scheduler", env, logs)]
        for process in apps + others:
            process.start()
        for process in apps:
            process.wait_ready()
        nginx.start()
        yield Stack(nginx, apps, others)
    finally:
        if nginx is not None:
            nginx.stop()
        stop_all(apps + others)


def _two_free_ports():
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return [first, second]


class Stack:
    def __init__(self, nginx, apps, others):
        self.nginx, self.apps, self.others = nginx, apps, others
        self.port = nginx.https_port

    def restart(self, app_process):
        app_process.start()
        app_process.wait_ready()

    def still_running(self):
        return {p.name: p.running for p in self.apps + self.others}


@pytest.fixture(scope="module")
def projector(app):
    """What issues the screen's rotating token, with the stack's secret and a
    wide window (STACK_TOKEN_WINDOW): a scan held in a reloading process's
    queue while its new worker boots (seconds, on a loaded CI machine) must
    not come back token_expired. The window itself is tests/checkin's."""
    projector = Flask("projector")
    projector.config.update(SECRET_KEY=app.config["SECRET_KEY"], **STACK_TOKEN_WINDOW)
    return projector


@pytest.fixture()
def live_event(projector, ctx):
    """An event open for check-in, ``people`` volunteers with login tokens,
    and the screen's rotating token as the projector would show it."""
    event = make_event(community=make_community(name="铭和社区"), title="市民公益日")
    event_fields = {"id": event.id, "latitude": event.latitude, "longitude": event.longitude}

    def token():
        with projector.app_context():
            return checkin_tokens.issue(event_fields["id"], "checkin").token

    def people(count):
        bearers = {}
        for n in range(count):
            user = make_user(name=f"志愿者{n}")
            bearers[auth_headers(user)["Authorization"].split(" ", 1)[1]] = user.id
        return bearers

    return event_fields, token, people


def rows_by_user(event_id):
    db.session.expire_all()
    user_ids = db.session.execute(db.select(CheckIn.user_id).where(
        CheckIn.event_id == event_id, CheckIn.direction == "in")).scalars().all()
    counts = {}
    for user_id in user_ids:
        counts[user_id] = counts.get(user_id, 0) + 1
    return counts


def test_the_site_redirects_plain_http_and_serves_the_api_and_console_over_tls(stack):
    plain = http.client.HTTPConnection("127.0.0.1", stack.nginx.http_port, timeout=10)
    plain.request("GET", "/api/v1/events?page=2", headers={"Host": "jusha.example.cn"})
    redirect = plain.getresponse()
    assert redirect.status == 301
    assert redirect.getheader("Location") == "https://jusha.example.cn/api/v1/events?page=2"

    phone = Phone(stack.port)
    status, response, payload = phone.request("GET", "/healthz")
    assert (status, payload) == (200, {"status": "ok"})
    request_id = response.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # nginx's $request_id, echoed by the app
    assert f"id={request_id}" in stack.nginx.access_log()

    # The console's built files come from disk, hashed assets cached for a year...
    status, response, payload = phone.request("GET", "/console/assets/index-3f2a1b.js")
    assert status == 200 and payload == b"console.log('jusha')\n"
    assert response.getheader("Cache-Control") == "max-age=31536000"
    # ...its routes get index.html from the app, which knows them.
    status, response, payload = phone.request("GET", "/console/events/12")
    assert status == 200 and "聚沙工作台".encode() in payload
    assert not any("/console/assets/" in p.output() for p in stack.apps)

    # Outside callers never reach the metrics; bodies past MAX_CONTENT_LENGTH stop at nginx, in the API's shape.
    assert phone.request("GET", "/metrics")[0] == 403
    status, _, payload = phone.request("POST", "/api/v1/checkins", {"token": "x" * (1024 * 1024 + 10)})
    assert (status, answer_code(payload)) == (413, "payload_too_large")
    phone.close()


def test_killing_an_app_process_mid_burst_loses_and_doubles_no_checkin(stack, live_event):
    event, token, people = live_event
    bearers = people(120)
    burst = CheckinBurst(stack.port, event, list(bearers), token, phones=6)
    victim = stack.apps[0]
    runner = threading.Thread(target=burst.run_once_each)
    runner.start()
    _wait_for_answers(burst, 15)
    victim.kill()  # the machine dies with requests in flight
    killed_at = len(burst.answers)
    victim.start()  # and comes back while the phones carry on
    runner.join(timeout=120)
    assert not runner.is_alive()
    victim.wait_ready()

    tally = burst.tally()
    allowed = {(201, "checked_in"), (200, "already_checked_in")} | {(s, "service_unavailable") for s in RETRYABLE}
    assert set(tally) <= allowed, tally
    assert killed_at < len(burst.answers)
    told_in = burst.told_in()
    assert told_in == set(bearers), "every volunteer was told, after retries at most"
    assert max(burst.told_checked_in_count().values()) == 1, "nobody was told checked_in twice"
    rows = rows_by_user(event["id"])
    assert rows == {bearers[b]: 1 for b in told_in}, "exactly one row for each volunteer told so"


def test_a_post_is_never_sent_again_to_the_other_app_process(stack, live_event):
    """The app process holding a check-in dies before answering: the phone
    gets nginx's 502, the other process never sees that POST, and the
    phone's own retry then checks the volunteer in once."""
    event, token, people = live_event
    bearers = list(people(3))
    stopped, other = stack.apps
    # An earlier test's kill leaves this process marked failed in nginx for
    # fail_timeout (10 s): wait until nginx hands it requests again.
    _wait_for(lambda: _routed_through_nginx(stack, stopped), 60, f"nginx never routed to {stopped.name} again")
    stopped.signal_group(signal.SIGSTOP)  # hung: connections are accepted, nothing is answered
    try:
        held = None
        for bearer in bearers:
            marker = uuid.uuid4().hex
            outcome = {}
            thread = threading.Thread(target=_scan_into, args=(stack.port, token, event, bearer, marker, outcome))
            thread.start()
            thread.join(timeout=2.0)
            if thread.is_alive():  # nginx handed it to the stopped process
                held = (bearer, marker, thread, outcome)
                break
        assert held is not None, "round robin never picked the stopped process"
        bearer, marker, thread, outcome = held
        stopped.kill()  # it dies holding the request
        thread.join(timeout=30)
        assert (outcome["status"], answer_code(outcome["payload"])) == (502, "service_unavailable")
    finally:
        if stopped.running:
            stopped.signal_group(signal.SIGCONT)  # a failure above must not leave it hung for the next test
        else:
            stack.restart(stopped)
    assert '"GET /readyz HTTP/1.1" 200' in other.output()  # its access log does record requests...
    assert marker not in other.output(), "nginx sent the POST again, to the other process"  # ...not this one
    log_line = next(line for line in stack.nginx.access_log().splitlines() if f"id={outcome['id']}" in line)
    assert f"upstream=127.0.0.1:{stopped.port} " in log_line  # one upstream tried, not two

    retried = {}
    _scan_into(stack.port, token, event, bearer, uuid.uuid4().hex, retried)
    assert (retried["status"], answer_code(retried["payload"])) == (201, "checked_in")
    assert rows_by_user(event["id"]).get(_user_of(bearer)) == 1


def test_rate_limits_count_each_client_address_apart(stack):
    """nginx's X-Forwarded-For with PROXY_HOPS=1: the login limit (3 a minute
    here) is per client address, and a client cannot pick its own address."""
    first, second = Phone(stack.port, source="127.0.0.1"), Phone(stack.port, source="127.0.0.2")

    def login(phone, **headers):
        return phone.request("POST", "/api/v1/auth/login", {"code": "not-a-real-code"}, headers)[0]

    assert [login(first) for _ in range(3)] == [401, 401, 401]
    assert login(first) == 429
    assert login(first, **{"X-Forwarded-For": "10.9.8.7"}) == 429  # a made-up address changes nothing
    assert login(second) == 401  # another address has its own count
    first.close()
    second.close()


def test_reloading_each_app_process_in_turn_answers_every_checkin(stack, live_event):
    """The documented deploy: HUP one app process, wait until it answers
    again, then the next; phones keep scanning throughout and never see a 5xx."""
    event, token, people = live_event
    bearers = people(80)
    burst = CheckinBurst(stack.port, event, list(bearers), token, phones=6, pause=0.02)
    runner = threading.Thread(target=burst.run_until_stopped)
    runner.start()
    try:
        _wait_for_answers(burst, 30)
        for process in stack.apps:
            before = process.output().count("Booting worker")
            process.reload()
            _wait_for(lambda: process.output().count("Booting worker") > before, 90,
                      f"{process.name} did not boot new workers")
            process.wait_ready()
            counted = len(burst.answers)
            _wait_for_answers(burst, counted + 30)  # both processes answering again before the next
    finally:
        burst.stop.set()
        runner.join(timeout=60)

    tally = burst.tally()
    assert set(tally) <= {(201, "checked_in"), (200, "already_checked_in")}, tally
    assert all(p.running for p in stack.apps)
    rows = rows_by_user(event["id"])
    assert rows == {bearers[b]: 1 for b in burst.told_in()}
    assert stack.still_running() == {"app-a": True, "app-b": True, "worker": True, "scheduler": True}


def _scan_into(port, token, event, bearer, marker, outcome):
    phone = Phone(port)
    status, response, payload = phone.request(
        "POST", f"/api/v1/checkins?probe={marker}",
        {"token": token(), "latitude": event["latitude"], "longitude": event["longitude"]},
        {"Authorization": f"Bearer {bearer}"})
    outcome.update(status=status, payload=payload, id=response.getheader("X-Request-ID"))
    phone.close()


def _user_of(bearer):
    from app.auth import tokens

    return tokens.resolve(bearer)


def _routed_through_nginx(stack, process):
    """One GET through nginx; True when ``process`` answered it (its access log grew)."""
    before = process.output().count('"GET /healthz HTTP/1.1" 200')
    phone = Phone(stack.port)
    phone.request("GET", "/healthz")
    phone.close()
    time.sleep(0.2)  # the access log is written after the answer
    return process.output().count('"GET /healthz HTTP/1.1" 200') > before


def _wait_for_answers(burst, count, timeout=60):
    _wait_for(lambda: len(burst.answers) >= count, timeout, f"fewer than {count} answers")


def _wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)
