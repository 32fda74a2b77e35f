"""Online learning: only visible time counts, at most the real time between
beats, replays count nothing, and a material completes exactly once."""
from datetime import datetime, timedelta, timezone

from app import contributions, signals
from app.extensions import db
from app.lectures import learning
from app.models import LearningProgress, LearningSession, User
from tests.factories import auth_headers
from tests.lectures.conftest import make_member
from tests.support.concurrency import race

T0 = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)


def at(seconds):
    return T0 + timedelta(seconds=seconds)


def test_only_party_members_learn_and_a_session_is_its_learners(client, hall):
    path = f"/api/v1/course-materials/{hall.text.id}/learning-sessions"
    refused = client.post(path, headers=auth_headers(hall.resident))
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "not_party_member")
    pending = make_member(hall.a, status="pending", name="待确认党员")
    assert client.post(path, headers=auth_headers(pending)).status_code == 403
    started = client.post(path, headers=auth_headers(hall.member))
    assert started.status_code == 201
    state = started.get_json()
    assert (state["floor_seconds"], state["counted_seconds"], state["heartbeat_seconds"]) == (80, 0, 15)
    beat = f"/api/v1/learning-sessions/{state['session_id']}/heartbeats"
    assert client.post(beat, headers=auth_headers(hall.resident), json={"seq": 1}).status_code == 404
    assert client.post(beat, headers=auth_headers(hall.member), json={"seq": 1}).status_code == 200


def test_hidden_time_never_counts_and_beats_count_real_time_once(ctx, hall):
    member = hall.member
    first = learning.start(member, hall.text.id, now=at(0))["session_id"]
    assert learning.beat(member, first, 1, now=at(15))["credited_seconds"] == 15
    assert learning.beat(member, first, 1, now=at(29))["replay"] is True  # the same beat sent again
    # The page is hidden for ten minutes: no beats; on show it opens a new session.
    second = learning.start(member, hall.text.id, now=at(615))["session_id"]
    assert learning.beat(member, second, 1, now=at(630))["counted_seconds"] == 30
    # A client that beats the old session after a long pause gets at most the cap.
    late = learning.beat(member, first, 2, now=at(900))
    assert late["credited_seconds"] == 60 and late["counted_seconds"] == 90
    # ... and a second session open at once never counts the same moment twice.
    assert learning.beat(member, second, 2, now=at(900))["credited_seconds"] == 0
    assert late["completed"] is True and late["just_completed"] is True  # floor 80 s reached
    assert learning.beat(member, second, 3, now=at(915))["just_completed"] is False


def test_racing_beats_complete_a_material_exactly_once(app, ctx, hall):
    member = hall.member
    session_id = learning.start(member, hall.video.id, now=at(0))["session_id"]  # floor 1440 s
    progress = db.session.execute(db.select(LearningProgress).filter_by(user_id=member.id)).scalar_one()
    progress.counted_seconds = 1430
    member_id, progress_id = member.id, progress.id
    db.session.commit()

    def beat(i):
        user = db.session.get(User, member_id)
        return learning.beat(user, session_id, i + 1, now=at(30))

    results = race(app, beat, 8)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r["just_completed"] for r in results) == 1
    assert sum(r["credited_seconds"] for r in results) == 30
    db.session.expire_all()
    progress = db.session.get(LearningProgress, progress_id)
    assert (progress.counted_seconds, progress.completed_at) == (1460, at(30))


def test_the_learning_record_see_my_data_and_closing_the_account(app, client, hall):
    member = hall.member
    session_id = learning.start(member, hall.text.id, now=at(0))["session_id"]
    for seq in range(1, 7):
        learning.beat(member, session_id, seq, now=at(15 * seq))
    with app.test_request_context():
        record = contributions.collect("learning_record", member.id, 2026)["online"]
        mine = contributions.collect("personal_data", member)["lectures"]
    assert (record["items_completed"], record["minutes"]) == (1, 1)
    assert record["items"][0]["material"] == "导读"
    assert contributions.collect("learning_record", member.id, 2025)["online"]["items_completed"] == 0
    assert mine["learning"][0]["counted_seconds"] == 90 and mine["sessions"] == 1
    signals.account_closed.send(app, user_id=member.id)
    assert db.session.execute(db.select(db.func.count(LearningSession.id))).scalar_one() == 0
    assert db.session.execute(db.select(db.func.count(LearningProgress.id))).scalar_one() == 0
