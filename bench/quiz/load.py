"""The load generator: 2,000 people in one contest at once.

Runs as its own process (started by run.py), so its CPU is reported apart
from the app's. ``connections`` threads each own a share of the people and
keep ALL of them in the contest together: each thread starts every one of
its people's attempts, then answers question 1 for each in turn, then
question 2, ... (a closed loop: one request in flight per connection). The
answers are guesses (the key never reaches a phone), so scores spread. A
reader thread asks the live leaderboard (top 10 and my rank) all along.
Only 127.0.0.1 is contacted.

Input (stdin, JSON): port, contest_id, bearers, connections, questions, seed.
Output (stdout, JSON): counts by call and status, latencies per call, the
leaderboard's read times during and after the burst, elapsed time.
"""
import http.client
import json
import random
import sys
import threading
import time

LOOPBACK = "127.0.0.1"


def percentiles(samples):
    if not samples:
        return {}
    ordered = sorted(samples)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)  # noqa: E731
    return {"count": len(ordered), "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99),
            "max": round(ordered[-1] * 1000, 2)}


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)

    def call(self, method, path, bearer, body=None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {bearer}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # reconnect on the next call (gunicorn's sync workers close after each)
            raise
        elapsed = time.perf_counter() - started
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, json.loads(payload) if payload else None, elapsed


def drive(spec, people, rng, results, lock):
    client = Client(spec["port"])
    local = {"start": [], "answer": []}
    counts = {}

    def note(kind, status, elapsed):
        local[kind].append(elapsed)
        counts[f"{kind} {status}"] = counts.get(f"{kind} {status}", 0) + 1

    attempts = {}
    for bearer in people:
        status, body, elapsed = client.call("POST", f"/api/v1/quiz/contests/{spec['contest_id']}/attempts", bearer,
                                            {"number": 1})
        note("start", status, elapsed)
        if status == 201:
            attempts[bearer] = body
    for position in range(spec["questions"]):
        for bearer, attempt in list(attempts.items()):
            options = len(attempt["question"]["options"])
            choice = [rng.randrange(options)]
            status, body, elapsed = client.call("POST", f"/api/v1/quiz/attempts/{attempt['id']}/answers", bearer,
                                                {"position": position, "choice": choice})
            note("answer", status, elapsed)
            if status == 200 and body["status"] == "running":
                attempts[bearer] = body
            else:
                attempts.pop(bearer)
    with lock:
        for kind, samples in local.items():
            results["latency"][kind].extend(samples)
        for key, value in counts.items():
            results["answers"][key] = results["answers"].get(key, 0) + value


def read_board(spec, bearer, stop, samples, path_suffix=""):
    client = Client(spec["port"])
    while not stop.is_set():
        status, _, elapsed = client.call("GET", f"/api/v1/quiz/contests/{spec['contest_id']}/leaderboard"
                                         f"?limit=10{path_suffix}", bearer)
        if status == 200:
            samples.append(elapsed)
        stop.wait(0.1)


def main():
    spec = json.loads(sys.stdin.read())
    rng = random.Random(spec["seed"])
    bearers = list(spec["bearers"])
    rng.shuffle(bearers)
    shares = [bearers[i::spec["connections"]] for i in range(spec["connections"])]
    results = {"latency": {"start": [], "answer": []}, "answers": {}}
    lock = threading.Lock()
    during, stop = [], threading.Event()
    reader = threading.Thread(target=read_board, args=(spec, bearers[0], stop, during), daemon=True)
    threads = [threading.Thread(target=drive, args=(spec, share, random.Random(rng.random()), results, lock))
               for share in shares]
    started = time.perf_counter()
    reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    stop.set()
    reader.join()
    after, top = {}, None
    client = Client(spec["port"])
    for by in ("person", "community", "unit"):
        samples = []
        for bearer in bearers[:200]:
            status, body, seconds = client.call(
                "GET", f"/api/v1/quiz/contests/{spec['contest_id']}/leaderboard?limit=10&by={by}", bearer)
            if status == 200:
                samples.append(seconds)
                top = top or (body["top"][:3] if by == "person" else None)
        after[by] = percentiles(samples)
    print(json.dumps({
        "elapsed": elapsed,
        "answers": results["answers"],
        "latency_ms": {kind: percentiles(samples) for kind, samples in results["latency"].items()},
        "leaderboard_ms": {"during_burst": percentiles(during), "after": after},
        "top": top,
    }))


if __name__ == "__main__":
    main()
