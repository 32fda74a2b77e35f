"""Units racing to claim one need (抢单): exactly one wins, on SQLite and on
PostgreSQL, with threads and (PostgreSQL) with processes."""
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.auth import roles
from app.extensions import db
from app.models import Duty, Need
from tests.factories import auth_headers, grant, make_member_unit, make_user
from tests.needs.conftest import raised, steps


def race(app, requests):
    barrier = threading.Barrier(len(requests))

    def send(request):
        path, body, headers = request
        client = app.test_client()
        barrier.wait()
        return client.post(path, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def claimers(n):
    units = [make_member_unit(f"抢单单位{i}") for i in range(n)]
    return units, [grant(make_user(), roles.UNIT_CONTACT, u) for u in units]


def assert_one_winner(need_id, codes):
    assert sorted(codes) == [201] + [409] * (len(codes) - 1), codes
    db.session.expire_all()
    assert db.session.get(Need, need_id).status == "claimed"
    live = db.session.execute(db.select(Duty).where(Duty.need_id == need_id)).scalars().all()
    assert len(live) == 1 and live[0].status == "claimed"
    assert [s.action for s in steps(need_id)].count("claim") == 1


def test_eight_units_race_for_one_need_and_one_wins(app, world):
    need = raised(world)
    units, contacts = claimers(8)
    answers = race(app, [(f"/api/v1/needs/{need.id}/claim", {"unit_id": u.id}, auth_headers(c))
                         for u, c in zip(units, contacts)])
    assert all(a.get_json()["error"]["code"] == "need_not_open" for a in answers if a.status_code == 409)
    assert_one_winner(need.id, [a.status_code for a in answers])


def test_a_claim_racing_a_dispatch_leaves_one_of_them(app, world):
    need = raised(world)
    answers = race(app, [
        (f"/api/v1/needs/{need.id}/claim", {"unit_id": world.units[0].id}, auth_headers(world.contacts[0])),
        (f"/api/v1/needs/{need.id}/dispatch", {"unit_ids": [world.units[1].id]}, auth_headers(world.staff)),
    ])
    codes = [a.status_code for a in answers]
    assert sorted(codes) == [201, 409], [a.get_json() for a in answers]
    db.session.expire_all()
    status = db.session.get(Need, need.id).status
    assert status == ("claimed" if codes[0] == 201 else "dispatched")
    assert len(db.session.execute(db.select(Duty).where(Duty.need_id == need.id)).scalars().all()) == 1


def _claim_in_process(env, path, headers, body, barrier, results):
    from app import create_app

    app = create_app(env=env)
    client = app.test_client()
    barrier.wait()
    results.put(client.post(path, json=body, headers=headers).status_code)


@pytest.mark.postgres_only
def test_processes_race_for_one_need_and_one_wins(app, app_env, world):
    need = raised(world)
    units, contacts = claimers(6)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(units)), context.Queue()
    workers = [context.Process(target=_claim_in_process, args=(
        dict(app_env), f"/api/v1/needs/{need.id}/claim",
        auth_headers(c), {"unit_id": u.id}, barrier, results)) for u, c in zip(units, contacts)]
    for worker in workers:
        worker.start()
    # Six spawned processes each import the whole app: slow on a loaded machine, never hung.
    codes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert_one_winner(need.id, codes)
