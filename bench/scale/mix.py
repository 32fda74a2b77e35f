"""The load generator: the morning's mix from 64 phones in a closed loop.

Runs as its own process (started by run.py) so its CPU is apart from the
app's. One thread drives every phone's keep-alive connection through a
selector (bench/checkin/load.py's Phone: one request in flight per phone, the
next sent as soon as the answer is in), a second keeps the check-in QR token
fresh as the hall's projector does. Each phone picks an action by weight;
the home page is four requests one after the other, as the mini-program's
index page makes them. Answers during the warm-up are not counted.

Input (stdin, JSON): port, phones, seconds, warmup, seed, weights, residents
(bearers), staff (bearers), checkin_bearers, event_ids, checkin_event_id,
organiser_bearer, today.
Output (stdout, JSON): per endpoint count, p50/p95/p99/max, answers by status
and code; total requests, elapsed, throughput, errors.
"""
import json
import random
import selectors
import sys
import threading
import time

from bench.checkin.load import Phone, TokenFeed, percentile

# Answers that are the app doing its job, not errors.
EXPECTED = {(200, None), (201, None), (200, "already_checked_in"), (201, "checked_in"), (200, "checked_in")}


def get(path, bearer):
    return ("GET", path, bearer, None)


class Mix:
    def __init__(self, spec):
        self.spec = spec
        self.rng = random.Random(spec["seed"])
        self.actions = list(spec["weights"])
        self.weights = [spec["weights"][a] for a in self.actions]
        self.checkin_queue = list(spec["checkin_bearers"])
        self.rng.shuffle(self.checkin_queue)
        self.feed = None

    def plan(self):
        """The next action of one phone: a list of (label, request)."""
        spec, rng = self.spec, self.rng
        action = rng.choices(self.actions, self.weights)[0]
        resident = rng.choice(spec["residents"])
        day = spec["today"]
        if action == "home":
            return [("home", get(f"/api/v1/events?kind={kind}&from={day}&group=true&limit={limit}", resident))
                    for kind, limit in (("welfare_day", 1), ("lecture", 3), ("volunteer_activity", 3))] + [
                ("home", get("/api/v1/me/registrations?limit=5", resident))]
        if action == "event list":
            return [(action, get(f"/api/v1/events?from={day}&group=true&limit=20&offset=0", resident))]
        if action == "event detail":
            return [(action, get(f"/api/v1/events/{rng.choice(spec['event_ids'])}", resident))]
        if action == "my registrations":
            return [(action, get("/api/v1/me/registrations?limit=20", resident))]
        if action == "my hours":
            # the mini-program's first page
            return [(action, get("/api/v1/me/hours?limit=50", resident))]
        if action == "leaderboard":
            by = rng.choice(("community", "squad"))
            return [(action, get(f"/api/v1/hours/leaderboard?by={by}&year={day[:4]}", rng.choice(spec["staff"])))]
        if action == "check-in":
            # Everyone once, then (the queue empty) the odd repeat scan.
            bearer = self.checkin_queue.pop() if self.checkin_queue else rng.choice(spec["checkin_bearers"])
            return [(action, ("POST", "/api/v1/checkins", bearer, {"token": self.feed.token}))]
        raise ValueError(action)


def request_bytes(port, method, path, bearer, body):
    data = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {bearer}\r\n"
            f"Content-Length: {len(data)}\r\n")
    if body is not None:
        head += "Content-Type: application/json\r\n"
    return head.encode() + b"\r\n" + data


def start_mix(spec):
    """The mix's action planner, with the projector's QR token kept fresh when it checks people in."""
    mix = Mix(spec)
    if spec["weights"].get("check-in"):
        mix.feed = TokenFeed(spec["port"], spec["checkin_event_id"], spec["organiser_bearer"])
        threading.Thread(target=mix.feed.run, daemon=True).start()
    return mix


def receive(phone):
    """Read what the socket has: None while the answer is incomplete, else
    (status, code, keep_alive); a closed or failed connection is (0, reason, False)."""
    try:
        chunk = phone.sock.recv(262144)
    except OSError as exc:
        return 0, type(exc).__name__, False
    if not chunk:
        return 0, "connection_closed", False
    phone.buffer += chunk
    answer = phone.answer()
    if answer is None:
        return None
    status, code, keep_alive = answer
    return status, None if code == "unparsable" else code, keep_alive


def main():
    spec = json.load(sys.stdin)
    port = spec["port"]
    mix = start_mix(spec)
    selector = selectors.DefaultSelector()
    phones = [Phone(port) for _ in range(spec["phones"])]
    queues = {id(phone): [] for phone in phones}
    labels = {}
    results = []  # (label, latency, status, code)
    started = time.perf_counter()
    measure_from = started + spec["warmup"]
    deadline = measure_from + spec["seconds"]

    def send_next(phone):
        if time.perf_counter() >= deadline:
            phone.close()
            return False
        queue = queues[id(phone)]
        if not queue:
            queue.extend(mix.plan())
        label, (method, path, bearer, body) = queue.pop(0)
        labels[id(phone)] = label
        if phone.sock is None:
            phone.connect()
        phone.started = time.perf_counter()
        phone.sock.sendall(request_bytes(port, method, path, bearer, body))
        selector.register(phone.sock, selectors.EVENT_READ, phone)
        return True

    def note(phone, status, code):
        now = time.perf_counter()
        if phone.started >= measure_from:
            results.append((labels[id(phone)], now - phone.started, status, code))

    active = sum(1 for phone in phones if send_next(phone))
    while active:
        for key, _ in selector.select(timeout=10):
            phone = key.data
            answer = receive(phone)
            if answer is None:
                continue
            selector.unregister(key.fileobj)
            status, code, keep_alive = answer
            note(phone, status, code)
            if not keep_alive:
                phone.close()
            active -= 0 if send_next(phone) else 1
        if time.perf_counter() > deadline + 30:
            break
    elapsed = min(time.perf_counter(), deadline) - measure_from
    print(json.dumps(summarise(results, elapsed)))


def summarise(results, elapsed):
    by_label = {}
    for label, latency, status, code in results:
        by_label.setdefault(label, []).append((latency, status, code))
    endpoints = {}
    for label, rows in sorted(by_label.items()):
        latencies = sorted(r[0] for r in rows)
        answers = {}
        for _, status, code in rows:
            key = f"{status} {code}" if code else str(status)
            answers[key] = answers.get(key, 0) + 1
        endpoints[label] = {
            "requests": len(rows),
            "per_s": round(len(rows) / elapsed, 1),
            **{name: round(1000 * percentile(latencies, q), 2)
               for name, q in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))},
            "errors": sum(1 for _, status, code in rows if (status, code) not in EXPECTED and status not in (200, 201)),
            "answers": answers,
        }
    total = len(results)
    return {"elapsed_s": round(elapsed, 2), "requests": total, "per_s": round(total / elapsed, 1),
            "errors": sum(e["errors"] for e in endpoints.values()), "endpoints": endpoints}


if __name__ == "__main__":
    main()
