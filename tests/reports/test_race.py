"""Two grid workers accept one order at the same moment: exactly one wins,
the other is told someone was first (threads, on SQLite and PostgreSQL)."""
import threading
from concurrent.futures import ThreadPoolExecutor

from app.extensions import db
from tests.factories import auth_headers
from tests.reports.conftest import filed, fresh, steps


def race(app, requests):
    barrier = threading.Barrier(len(requests))

    def send(request):
        path, headers = request
        client = app.test_client()
        barrier.wait()
        return client.post(path, json={}, headers=headers)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def test_two_workers_accept_one_order_and_exactly_one_wins(app, client, town):
    for _ in range(3):
        order = filed(client, town)
        answers = race(app, [(f"/api/v1/work-orders/{order['id']}/accept", auth_headers(w)) for w in town.workers])
        codes = sorted(a.status_code for a in answers)
        assert codes == [200, 409], [a.get_json() for a in answers]
        (lost,) = [a for a in answers if a.status_code == 409]
        assert lost.get_json()["error"]["code"] == "work_order_taken"
        (won,) = [a for a in answers if a.status_code == 200]
        db.session.expire_all()
        assert fresh(order["id"]).assignee.name == won.get_json()["assignee"]["name"]
        assert [s.action for s in steps(order["id"])].count("accept") == 1
