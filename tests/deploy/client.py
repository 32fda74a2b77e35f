"""Phones talking to nginx over TLS: one keep-alive connection each, from a
chosen loopback address, and a check-in loop that retries what a phone may
retry (nginx's 502/503/504, which say service_unavailable)."""
import http.client
import json
import ssl
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

RETRYABLE = (502, 503, 504)
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # the stack's own self-signed certificate


class Phone:
    def __init__(self, port, source="127.0.0.1", timeout=70):
        self.port, self.source, self.timeout = port, source, timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        """(status, headers, parsed JSON or raw bytes); reconnects once when
        nginx closed the kept-alive connection."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Host": "jusha.example.cn", **({"Content-Type": "application/json"} if data else {}),
                   **(headers or {})}
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPSConnection(
                    "127.0.0.1", self.port, timeout=self.timeout, context=TLS, source_address=(self.source, 0))
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw
            return response.status, response, payload

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def answer_code(payload):
    if not isinstance(payload, dict):
        return "not_json"
    return payload.get("code") or (payload.get("error") or {}).get("code") or "no_code"


class CheckinBurst:
    """Volunteers scanning the event's screen through nginx, ``phones`` at a
    time; every answer is kept as (bearer, status, code)."""

    def __init__(self, port, event, bearers, token, phones=6, pause=0.0):
        self.port, self.event, self.bearers, self.token = port, event, bearers, token
        self.phones, self.pause = phones, pause
        self.answers = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def scan(self, phone, bearer):
        status, _, payload = phone.request(
            "POST", "/api/v1/checkins",
            {"token": self.token(), "latitude": self.event["latitude"], "longitude": self.event["longitude"]},
            {"Authorization": f"Bearer {bearer}"})
        with self.lock:
            self.answers.append((bearer, status, answer_code(payload)))
        return status

    def scan_until_answered(self, phone, bearer, tries=40):
        """A phone's check-in: retried after a retryable error, as the mini-program's retry button does."""
        for _ in range(tries):
            if self.scan(phone, bearer) not in RETRYABLE:
                return
            time.sleep(0.25)

    def run_once_each(self):
        """Every volunteer until told, once each (retrying errors)."""
        queue = list(self.bearers)
        lock = threading.Lock()

        def phone_loop(_):
            phone = Phone(self.port)
            while True:
                with lock:
                    if not queue:
                        break
                    bearer = queue.pop()
                self.scan_until_answered(phone, bearer)
                time.sleep(self.pause)
            phone.close()

        with ThreadPoolExecutor(self.phones) as pool:
            list(pool.map(phone_loop, range(self.phones)))

    def run_until_stopped(self):
        """Volunteers scanning over and over (a repeat scan is answered
        already_checked_in) until ``stop`` is set."""
        def phone_loop(n):
            phone = Phone(self.port)
            i = n
            while not self.stop.is_set():
                self.scan(phone, self.bearers[i % len(self.bearers)])
                i += self.phones
                time.sleep(self.pause)
            phone.close()

        with ThreadPoolExecutor(self.phones) as pool:
            list(pool.map(phone_loop, range(self.phones)))

    def tally(self):
        with self.lock:
            return Counter((status, code) for _, status, code in self.answers)

    def told_in(self):
        """Bearers a phone was told are in (checked in now, or already)."""
        with self.lock:
            return {b for b, status, code in self.answers if code in ("checked_in", "already_checked_in")}

    def told_checked_in_count(self):
        with self.lock:
            return Counter(b for b, status, code in self.answers if status == 201)
