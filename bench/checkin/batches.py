"""The batch mode of the check-in benchmark (``./bench/checkin/run --batch 50``).

The hall's network was down: the organisers' phones scanned every resident's
居民码 offline, and now upload their queues at once in batches of N, and
upload part of them again (a lost answer, the page reopened). Each item is
applied exactly once by its nonce (app/checkin/batch.py). A few phones
(``--connections``, 4 by default in this mode) upload in parallel, one batch
in flight each; only 127.0.0.1 is contacted, and the run is bounded in count
and time. Prints rows/s (new check-ins per second), items/s, and each
batch's p50/p95/p99 latency.
"""
import http.client
import json
import random
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timezone

from bench.checkin.load import LOOPBACK, percentile


def make_batches(app, user_ids, size, replays, seed):
    """Batches of ``size`` items, one scan per resident, made with the app's
    own signing (so the codes are genuine), plus ``replays`` × that many
    batches uploaded a second time, unchanged."""
    from app.checkin import resident_codes
    from app.localtime import iso

    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    with app.app_context():
        items = [{"nonce": uuid.UUID(int=rng.getrandbits(128)).hex, "direction": "in", "scanned_at": iso(now),
                  "code": resident_codes.rotating(user_id, now=now.timestamp()).code} for user_id in user_ids]
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    again = rng.sample(batches, int(len(batches) * replays))
    order = batches + again
    rng.shuffle(order)
    return order


def upload(port, event_id, bearer, batches, connections, time_limit):
    """Upload ``batches`` over ``connections`` keep-alive connections; the report."""
    queue = list(reversed(batches))
    lock = threading.Lock()
    latencies, statuses, errors = [], Counter(), []
    deadline = time.monotonic() + time_limit
    path = f"/api/v1/events/{event_id}/checkins/batch"
    headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}

    def phone():
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    break
                batch = queue.pop()
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=json.dumps({"items": batch}), headers=headers)
                response = connection.getresponse()
                body = response.read()
            except OSError as exc:
                with lock:
                    errors.append(repr(exc))
                connection.close()
                connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors.append(f"{response.status} {body[:200]!r}")
                    continue
                for answer in json.loads(body)["items"]:
                    statuses[f"{answer['status']} {answer['code']}"] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=phone) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    recorded = statuses.get("recorded checked_in", 0)
    return {
        "batches_sent": len(latencies),
        "items_sent": sum(statuses.values()),
        "elapsed_s": round(elapsed, 3),
        "rows_per_s": round(recorded / elapsed, 1),
        "items_per_s": round(sum(statuses.values()) / elapsed, 1),
        "batch_latency_ms": {name: round(1000 * percentile(latencies, q), 1) if latencies else None
                             for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))},
        "answers": dict(statuses),
        "errors": len(errors) + len(queue),
        "error_samples": errors[:3],
    }
