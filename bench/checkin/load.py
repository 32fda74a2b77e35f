"""The load generator: residents' phones scanning the lecture hall's screen.

Runs as its own process (started by run.py). One thread drives every
connection through a selector (non-blocking keep-alive sockets, one request
in flight per connection, like a phone waiting for its answer), so the
generator spends as little of the machine's two cores as it can: its CPU is
reported next to the app's. A second thread keeps the on-screen token fresh
the way the projector does. Only 127.0.0.1 is ever contacted; the burst is
bounded in count and time.

Input (stdin, JSON): port, event_id, organiser bearer, residents' bearers,
connections, duplicates fraction, time limit, seed.
Output (stdout, JSON): answers by status and code, latencies, elapsed time.
"""
import http.client
import json
import random
import re
import selectors
import socket
import sys
import threading
import time

LOOPBACK = "127.0.0.1"
CODE = re.compile(rb'"code":\s*"([a-z_]+)"')


class TokenFeed:
    """The QR token, refreshed from the organiser's qrcode endpoint before it expires."""

    def __init__(self, port, event_id, bearer):
        self.port, self.event_id, self.bearer = port, event_id, bearer
        self.token = None
        self.stop = threading.Event()
        self.next_refresh = self.refresh()

    def refresh(self):
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=10)
        connection.request("GET", f"/api/v1/events/{self.event_id}/qrcode?format=json",
                           headers={"Authorization": f"Bearer {self.bearer}"})
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"qrcode endpoint answered {response.status}: {body}")
        self.token = body["token"]
        return time.monotonic() + max(0.5, body["refresh_in"] + 0.2)

    def run(self):
        while not self.stop.wait(max(0.05, self.next_refresh - time.monotonic())):
            self.next_refresh = self.refresh()


def burst(bearers, duplicates, seed):
    """Every resident once, plus ``duplicates`` x that many repeat scans,
    half of them right behind the original (a double tap), half anywhere."""
    rng = random.Random(seed)
    order = list(bearers)
    rng.shuffle(order)
    extra = int(len(order) * duplicates)
    for n in range(extra):
        who = rng.choice(bearers)
        at = order.index(who) + 1 if n % 2 == 0 else rng.randrange(len(order) + 1)
        order.insert(at, who)
    return order


def request_bytes(port, bearer, token):
    body = b'{"token":"' + token.encode() + b'"}'
    return (b"POST /api/v1/checkins HTTP/1.1\r\nHost: 127.0.0.1:" + str(port).encode()
            + b"\r\nAuthorization: Bearer " + bearer.encode()
            + b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode()
            + b"\r\n\r\n" + body)


class Phone:
    """One keep-alive connection and the request it is waiting on."""

    def __init__(self, port):
        self.port = port
        self.sock = None
        self.buffer = b""
        self.bearer = None
        self.started = 0.0

    def connect(self):
        self.sock = socket.create_connection((LOOPBACK, self.port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)
        self.buffer = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def answer(self):
        """(status, code, keep_alive) once a whole response is buffered, else None."""
        head_end = self.buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return None
        head = self.buffer[:head_end].lower()
        match = re.search(rb"content-length:\s*(\d+)", head)
        length = int(match.group(1)) if match else 0
        if len(self.buffer) < head_end + 4 + length:
            return None
        body = self.buffer[head_end + 4: head_end + 4 + length]
        self.buffer = self.buffer[head_end + 4 + length:]
        status = int(head[9:12])
        found = CODE.search(body)
        return status, found.group(1).decode() if found else "unparsable", b"connection: close" not in head


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main():
    spec = json.load(sys.stdin)
    port = spec["port"]
    feed = TokenFeed(port, spec["event_id"], spec["organiser_bearer"])
    threading.Thread(target=feed.run, daemon=True).start()
    plan = burst(spec["bearers"], spec["duplicates"], spec["seed"])
    results = []  # (latency, status, code, bearer)
    selector = selectors.DefaultSelector()
    phones = [Phone(port) for _ in range(spec["connections"])]
    cursor = 0

    def send_next(phone):
        nonlocal cursor
        if cursor >= len(plan) or time.monotonic() > deadline:
            phone.close()
            return False
        phone.bearer = plan[cursor]
        cursor += 1
        if phone.sock is None:
            phone.connect()
        phone.started = time.perf_counter()
        phone.sock.sendall(request_bytes(port, phone.bearer, feed.token))
        selector.register(phone.sock, selectors.EVENT_READ, phone)
        return True

    def fail(phone, reason):
        results.append((time.perf_counter() - phone.started, 0, reason, phone.bearer))
        phone.close()

    deadline = time.monotonic() + spec["time_limit"]
    started = time.perf_counter()
    active = sum(1 for phone in phones if send_next(phone))
    while active:
        for key, _ in selector.select(timeout=10):
            phone = key.data
            try:
                chunk = phone.sock.recv(65536)
            except OSError as exc:
                chunk, error = None, type(exc).__name__
            if not chunk:
                selector.unregister(key.fileobj)
                fail(phone, "connection_closed" if chunk == b"" else error)
                active -= 0 if send_next(phone) else 1
                continue
            phone.buffer += chunk
            answer = phone.answer()
            if answer is None:
                continue
            selector.unregister(key.fileobj)
            status, code, keep_alive = answer
            results.append((time.perf_counter() - phone.started, status, code, phone.bearer))
            if not keep_alive:
                phone.close()
            active -= 0 if send_next(phone) else 1
        if time.monotonic() > deadline + 15:
            break
    elapsed = time.perf_counter() - started
    feed.stop.set()

    latencies = sorted(r[0] for r in results)
    answers = {}
    checked_in_by = {}
    for _, status, code, bearer in results:
        answers[f"{status} {code}"] = answers.get(f"{status} {code}", 0) + 1
        if code == "checked_in":
            checked_in_by[bearer] = checked_in_by.get(bearer, 0) + 1
    print(json.dumps({
        "planned": len(plan),
        "sent": len(results),
        "elapsed": elapsed,
        "answers": answers,
        # a full event refusing people is an answer, not an error
        "errors": sum(1 for r in results if r[1] not in (200, 201) and r[2] != "event_full"),
        "people_checked_in": len(checked_in_by),
        "people_told_checked_in_twice": sum(1 for n in checked_in_by.values() if n > 1),
        # everyone the phones told "you are in", to be found in the table afterwards
        "answered_in": sorted({b for _, _, code, b in results if code in ("checked_in", "already_checked_in")}),
        "latency_ms": {name: round(1000 * percentile(latencies, q), 2) if latencies else None
                       for name, q in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))},
    }))


if __name__ == "__main__":
    main()
