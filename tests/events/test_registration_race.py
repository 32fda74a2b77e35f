"""Capacity and the waiting list hold when many phones press 报名 at once.
Threads race real requests (each with its own app context, session and
database connection), in embedded mode and on PostgreSQL alike."""
import threading
from concurrent.futures import ThreadPoolExecutor

from app.extensions import db
from app.models import Registration
from tests.factories import auth_headers, make_event, make_registration, make_user


def race(app, method, path, headers_list):
    """Send one request per headers at the same moment; return the responses."""
    barrier = threading.Barrier(len(headers_list))

    def send(headers):
        client = app.test_client()
        barrier.wait()
        return client.open(path, method=method, headers=headers)

    with ThreadPoolExecutor(max_workers=len(headers_list)) as pool:
        return list(pool.map(send, headers_list))


def rows(event):
    db.session.expire_all()
    return db.session.execute(
        db.select(Registration).filter_by(event_id=event.id).order_by(Registration.id)).scalars().all()


def test_fifty_people_race_for_ten_places(app, ctx):
    event = make_event(capacity=10, registration_required=True)
    people = [make_user() for _ in range(50)]
    answers = race(app, "POST", f"/api/v1/events/{event.id}/registration", [auth_headers(p) for p in people])
    assert [a.status_code for a in answers] == [201] * 50, [a.get_json() for a in answers if a.status_code != 201]
    told = [a.get_json()["status"] for a in answers]
    assert told.count("registered") == 10 and told.count("waitlisted") == 40
    stored = rows(event)
    assert sum(r.status == "registered" for r in stored) == 10
    assert sum(r.status == "waitlisted" for r in stored) == 40
    # Each waiting person was told a distinct place in the queue.
    assert sorted(a.get_json()["position"] for a in answers if a.get_json()["status"] == "waitlisted") == \
        list(range(1, 41))
    # The ten who got places are the ten who came first.
    assert all(r.status == "registered" for r in stored[:10])


def test_ten_cancellations_at_once_promote_exactly_ten(app, ctx):
    event = make_event(capacity=10, registration_required=True)
    holders = [make_user() for _ in range(10)]
    waiting = [make_user() for _ in range(20)]
    for person in holders:
        make_registration(event, person)
    for person in waiting:
        make_registration(event, person, status="waitlisted")
    answers = race(app, "DELETE", f"/api/v1/events/{event.id}/registration", [auth_headers(p) for p in holders])
    assert [a.status_code for a in answers] == [200] * 10
    by_user = {r.user_id: r.status for r in rows(event)}
    assert [by_user[p.id] for p in waiting[:10]] == ["registered"] * 10
    assert [by_user[p.id] for p in waiting[10:]] == ["waitlisted"] * 10
    assert list(by_user.values()).count("registered") == 10


def test_a_double_tap_registers_once(app, ctx):
    event = make_event(capacity=10, registration_required=True)
    resident = make_user()
    headers = auth_headers(resident)
    answers = race(app, "POST", f"/api/v1/events/{event.id}/registration", [headers] * 8)
    assert sorted(a.status_code for a in answers) == [201] + [409] * 7
    assert len(rows(event)) == 1
