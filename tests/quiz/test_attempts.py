"""Fair play: the key never reaches the phone before the attempt ends, a late
answer is wrong, an attempt is claimed once, and racing devices get exactly
one accepted answer per question (threads, on SQLite and PostgreSQL)."""
from datetime import timedelta

from app.extensions import db
from app.models import Attempt, AttemptAnswer, ContestScore, WrongAnswer, utcnow
from app.quiz import attempts
from tests.factories import auth_headers, make_user
from tests.quiz.conftest import make_bank, make_contest, race, right_places

KEY_FIELDS = {"answer", "explanation", "is_correct", "correct", "review", "source", "correct_count"}


def keys_in(value, path="$"):
    """Every place in a JSON value where a key-revealing field appears."""
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in KEY_FIELDS:
                found.append(f"{path}.{key}")
            found += keys_in(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += keys_in(inner, f"{path}[{i}]")
    return found


def test_a_whole_attempt_shows_no_key_until_it_ends_then_the_review(client):
    make_bank()
    contest = make_contest(count=6)
    person = make_user(name="答题人")
    headers = auth_headers(person)
    seen = [client.get(f"/api/v1/quiz/contests/{contest.id}", headers=headers)]
    started = client.post(f"/api/v1/quiz/contests/{contest.id}/attempts", json={"number": 1}, headers=headers)
    assert started.status_code == 201, started.get_json()
    seen.append(started)
    attempt_id = started.get_json()["id"]
    for position in range(6):
        seen.append(client.get(f"/api/v1/quiz/attempts/{attempt_id}", headers=headers))
        seen.append(client.get(f"/api/v1/quiz/contests/{contest.id}", headers=headers))
        seen.append(client.get("/api/v1/quiz/contests", headers=headers))
        attempt = db.session.get(Attempt, attempt_id)
        db.session.refresh(attempt)
        shown = seen[-3].get_json()["question"]
        assert shown["position"] == position and len(shown["options"]) in (2, 4)
        choice = right_places(attempt, position) if position != 2 else []  # one left blank: wrong
        answered = client.post(f"/api/v1/quiz/attempts/{attempt_id}/answers",
                               json={"position": position, "choice": choice}, headers=headers)
        assert answered.status_code == 200, answered.get_json()
        if position < 5:
            seen.append(answered)
    for response in seen:
        assert response.status_code == 200 or response.status_code == 201
        assert keys_in(response.get_json()) == [], (response.request.path, keys_in(response.get_json()))

    result = answered.get_json()
    assert result["status"] == "finished" and result["correct_count"] == 5
    assert [item["is_correct"] for item in result["review"]] == [True, True, False, True, True, True]
    assert all(item["explanation"] and item["answer"] for item in result["review"])
    assert result["review"][0]["chosen"] == result["review"][0]["answer"]  # places as the person saw them
    db.session.expire_all()
    assert db.session.execute(db.select(ContestScore.correct_count)).scalar_one() == 5
    assert db.session.execute(db.select(db.func.count()).select_from(WrongAnswer)).scalar_one() == 1
    # the draw was shuffled on the server: options of single/multiple questions are permutations
    attempt = db.session.get(Attempt, attempt_id)
    assert all(sorted(order) == list(range(len(order))) for order in attempt.option_orders)


def test_a_late_answer_is_wrong_and_an_abandoned_attempt_finishes_by_itself(app, ctx):
    make_bank()
    contest = make_contest(count=3, seconds=20)
    person = make_user()
    t0 = utcnow()
    attempt = attempts.start(person, contest.id, 1, now=t0)
    on_time = attempts.answer(person, attempt.id, 0, right_places(attempt, 0), now=t0 + timedelta(seconds=19))
    # question 1 was served at t0+19 s; the right answer 21 s later is recorded wrong
    late = attempts.answer(person, attempt.id, 1, right_places(on_time, 1),
                           now=t0 + timedelta(seconds=40))
    rows = db.session.execute(db.select(AttemptAnswer).order_by(AttemptAnswer.position)).scalars().all()
    assert [(r.is_correct, r.late, r.elapsed_ms) for r in rows] == [(True, False, 19000), (False, True, 20000)]
    assert late.status == "running" and late.position == 2
    # nobody answers question 2: the periodic job finishes the attempt after its deadline, not before
    assert attempts.finish_expired(now=t0 + timedelta(seconds=59)) == 0
    assert attempts.finish_expired(now=t0 + timedelta(seconds=61)) == 1
    db.session.expire_all()
    done = db.session.get(Attempt, attempt.id)
    assert (done.status, done.correct_count, done.total_ms) == ("finished", 1, 19000 + 20000 + 20000)
    assert db.session.execute(db.select(ContestScore.correct_count)).scalar_one() == 1


def test_an_attempt_is_claimed_once_a_second_device_or_a_replay_gets_409(app, client):
    make_bank()
    contest = make_contest(count=3, attempts=2)
    person = make_user()
    body, path = {"number": 1}, f"/api/v1/quiz/contests/{contest.id}/attempts"
    answers = race(app, [(path, body, auth_headers(person)) for _ in range(4)])
    codes = sorted(a.status_code for a in answers)
    assert codes == [201, 409, 409, 409], [a.get_json() for a in answers]
    assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} <= {"attempt_taken"}
    replay = client.post(path, json=body, headers=auth_headers(person))
    assert (replay.status_code, replay.get_json()["error"]["code"]) == (409, "attempt_taken")
    second = client.post(path, json={"number": 2}, headers=auth_headers(person))
    assert (second.status_code, second.get_json()["error"]["code"]) == (409, "attempt_running")
    assert db.session.execute(db.select(db.func.count()).select_from(Attempt)).scalar_one() == 1


def test_two_devices_racing_get_exactly_one_accepted_answer_per_question(app, client):
    make_bank()
    contest = make_contest(count=4)
    person = make_user()
    started = client.post(f"/api/v1/quiz/contests/{contest.id}/attempts", json={"number": 1},
                          headers=auth_headers(person)).get_json()
    phone, tablet = auth_headers(person), auth_headers(person)
    path = f"/api/v1/quiz/attempts/{started['id']}/answers"
    for position in range(4):
        # the phone taps the first option, the tablet the second, at once
        answers = race(app, [(path, {"position": position, "choice": [0]}, phone),
                             (path, {"position": position, "choice": [1]}, tablet),
                             (path, {"position": position, "choice": [1]}, phone)])
        codes = sorted(a.status_code for a in answers)
        assert codes == [200, 409, 409], [a.get_json() for a in answers]
        # The last answer also finishes the attempt: a device arriving after that commit is told so.
        refused = {"answer_taken"} if position < 3 else {"answer_taken", "attempt_finished"}
        assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} <= refused
    db.session.expire_all()
    rows = db.session.execute(db.select(AttemptAnswer.position)).scalars().all()
    assert sorted(rows) == [0, 1, 2, 3]
    attempt = db.session.get(Attempt, started["id"])
    assert (attempt.status, attempt.position) == ("finished", 4)
    after = client.post(path, json={"position": 3, "choice": [0]}, headers=phone)
    assert (after.status_code, after.get_json()["error"]["code"]) == (409, "attempt_finished")


def test_who_may_enter_and_when(client):
    from app.models import PartyBranch, PartyMembership
    from tests.factories import make_member_unit

    make_bank()
    members_only = make_contest(count=2, entry="party_members")
    unit = make_member_unit("下沙供电所")
    units_only = make_contest(count=2, entry="units", unit_ids=[unit.id])
    upcoming = make_contest(count=2, starts_in=timedelta(hours=1))
    closed = make_contest(count=2, starts_in=timedelta(days=-2), lasts=timedelta(days=1))
    member, outsider = make_user(), make_user()
    branch = PartyBranch(name="供电所党支部", kind="unit")
    db.session.add(branch)
    db.session.flush()
    db.session.add(PartyMembership(user_id=member.id, branch_id=branch.id, status="confirmed", in_service=True,
                                   work_unit_id=unit.id))
    db.session.commit()

    def start(contest, person):
        response = client.post(f"/api/v1/quiz/contests/{contest.id}/attempts", json={"number": 1},
                               headers=auth_headers(person))
        return response.status_code, (response.get_json().get("error") or {}).get("code")

    assert start(members_only, outsider) == (403, "contest_not_for_you")
    assert start(units_only, outsider) == (403, "contest_not_for_you")
    assert start(members_only, member)[0] == 201
    assert start(units_only, member)[0] == 201
    assert start(upcoming, member) == (409, "contest_not_open")
    assert start(closed, member) == (409, "contest_closed")
    listed = client.get("/api/v1/quiz/contests", headers=auth_headers(outsider)).get_json()["items"]
    assert {c["id"]: c["may_enter"] for c in listed}[members_only.id] is False
