"""Judges racing on one question: exactly one entry stands, the others are
told 409 with what was recorded; racing corrections leave one correction.
Threads with their own sessions, on SQLite and on PostgreSQL alike."""
import threading
from concurrent.futures import ThreadPoolExecutor

from app.extensions import db
from app.models import ScoreEntry
from tests.factories import auth_headers, make_user
from tests.hall.conftest import enter


def race(app, requests):
    barrier = threading.Barrier(len(requests))

    def send(request):
        path, body, headers = request
        client = app.test_client()
        barrier.wait()
        return client.post(path, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def test_judges_racing_on_one_question_leave_one_entry(app, client, hall):
    from app.hall import service

    extra = [make_user(name=f"评委{n}") for n in range(3)]
    for judge in extra:
        service.appoint_judge(hall.office, hall.contest.id, {"user_id": judge.id})
    judges = [hall.judge, hall.judge2, hall.head, *extra]
    path = f"/api/v1/hall/contests/{hall.contest.id}/entries"
    outcomes = ["correct", "wrong"] * 3
    answers = race(app, [(path, {"round_id": hall.rounds[1]["id"], "team_id": hall.teams[0]["id"], "question_no": 4,
                                 "outcome": outcome}, auth_headers(judge)) for judge, outcome in zip(judges, outcomes)])
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] + [409] * 5, [a.get_json() for a in answers]
    (winner,) = [a.get_json() for a in answers if a.status_code == 201]
    for loser in (a.get_json() for a in answers if a.status_code == 409):
        assert loser["error"]["code"] == "score_already_recorded"
        assert loser["error"]["details"]["recorded"]["id"] == winner["id"]
        assert loser["error"]["details"]["recorded"]["outcome"] == winner["outcome"]
    db.session.expire_all()
    rows = db.session.execute(db.select(ScoreEntry)).scalars().all()
    assert [(r.id, r.revision) for r in rows] == [(winner["id"], 0)]

    # Two corrections of that entry at once (the head judge on two phones): one lands.
    fix = f"/api/v1/hall/contests/{hall.contest.id}/entries/{winner['id']}/correction"
    answers = race(app, [(fix, {"outcome": outcome, "reason": "复核"}, auth_headers(hall.head))
                         for outcome in ("correct", "wrong", "void")])
    assert sorted(a.status_code for a in answers) == [201, 409, 409]
    assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} == {"entry_superseded"}
    db.session.expire_all()
    assert sorted(r.revision for r in db.session.execute(db.select(ScoreEntry)).scalars()) == [0, 1]


def test_an_entry_racing_the_close_is_either_counted_or_refused(app, client, hall):
    path = f"/api/v1/hall/contests/{hall.contest.id}/entries"
    answers = race(app, [
        (path, {"round_id": hall.rounds[0]["id"], "team_id": hall.teams[1]["id"], "question_no": 1,
                "outcome": "correct"}, auth_headers(hall.judge)),
        (f"/api/v1/hall/contests/{hall.contest.id}/close", None, auth_headers(hall.office)),
    ])
    entered, closed = answers
    assert closed.status_code == 200
    assert entered.status_code in (201, 409), entered.get_json()
    db.session.expire_all()
    count = db.session.execute(db.select(db.func.count(ScoreEntry.id))).scalar()
    assert count == (1 if entered.status_code == 201 else 0)
    # Whatever the order, what the results say now is final: no entry lands after.
    assert enter(client, hall, hall.judge, 0, 1, 2, "correct").get_json()["error"]["code"] == "contest_closed"
