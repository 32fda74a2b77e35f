"""One app process firing check-in scans at a given moment; several run at
once in tests/checkin/test_races.py to race duplicate scans across processes.

Usage: python -m tests.support.checkin_worker START_AT EVENT_ID THREADS BEARER...
(settings from the environment). Each thread scans as every bearer in turn,
starting at a different one, so each person is scanned by every thread of
every process. Prints JSON: the status and code of every answer.
"""
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from app import create_app
from app.checkin import tokens


def main():
    start_at, event_id, threads = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    bearers = sys.argv[4:]
    app = create_app()
    with app.app_context():
        token = tokens.issue(event_id, "checkin").token
    answers, lock = [], threading.Lock()
    barrier = threading.Barrier(threads)

    def fire(offset):
        client = app.test_client()
        client.get("/healthz")  # connect and warm up before the race
        barrier.wait()
        time.sleep(max(0.0, start_at - time.time()))
        for i in range(len(bearers)):
            bearer = bearers[(i + offset) % len(bearers)]
            response = client.post("/api/v1/checkins", json={"token": token},
                                   headers={"Authorization": f"Bearer {bearer}"})
            with lock:
                answers.append([response.status_code, (response.get_json() or {}).get("code")])

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(fire, range(threads)))
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
