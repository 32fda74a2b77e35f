"""Offline scans uploaded in batches: each applied exactly once by its nonce,
judged by the time it was made, every item answered on its own."""
from collections import Counter
from datetime import timedelta

from app.checkin import resident_codes
from app.extensions import db
from app.localtime import iso
from app.models import CheckIn, utcnow
from tests.factories import auth_headers, make_event, make_user
from tests.residents.conftest import nonce, post, race_posts


def rows(event):
    db.session.expire_all()
    return Counter((r.user_id, r.direction) for r in
                   db.session.execute(db.select(CheckIn).filter_by(event_id=event.id)).scalars())


def item(user, at=None, direction="in", key=None, code=None):
    at = at or utcnow()
    return {"nonce": key or nonce(), "direction": direction, "scanned_at": iso(at),
            "code": code or resident_codes.rotating(user.id, now=at.timestamp()).code}


def upload(client, organiser, event, items):
    return post(client, organiser, f"/api/v1/events/{event.id}/checkins/batch", {"items": items})


def test_a_batch_is_answered_item_by_item_and_a_second_upload_adds_nothing(client, event, organiser, community):
    people = [make_user(name=f"居民{i}", community=community) for i in range(3)]
    forged = dict(item(people[0]), code="A" * 28)
    malformed = {"nonce": "short", "direction": "sideways"}
    items = [item(p) for p in people] + [forged, malformed]
    status, first = upload(client, organiser, event, items)
    assert status == 200
    assert [a["status"] for a in first["items"]] == ["recorded"] * 3 + ["refused", "invalid"]
    assert first["items"][3]["code"] == "resident_code_invalid"
    assert "编号" in first["items"][4]["message"] or "取值" in first["items"][4]["message"]
    assert (first["recorded"], first["refused"], first["invalid"]) == (3, 1, 1)
    assert first["items"][0]["person_name"] == "居民0"

    status, second = upload(client, organiser, event, items)
    assert [a["status"] for a in second["items"]] == ["already"] * 3 + ["refused", "invalid"]
    assert all(a["replayed"] for a in second["items"][:4])
    assert rows(event) == {(p.id, "in"): 1 for p in people}


def test_a_nonce_reused_with_other_content_is_refused_not_applied(client, event, organiser, community):
    first, second = make_user(community=community), make_user(community=community)
    scan = item(first)
    assert upload(client, organiser, event, [scan])[1]["items"][0]["status"] == "recorded"
    reused = dict(item(second), nonce=scan["nonce"])
    answer = upload(client, organiser, event, [reused])[1]["items"][0]
    assert (answer["status"], answer["code"]) == ("refused", "nonce_conflict")
    same_batch = [item(second, key="n" * 12), dict(item(first), nonce="n" * 12)]
    answers = upload(client, organiser, event, same_batch)[1]["items"]
    assert [a["code"] for a in answers] == ["checked_in", "nonce_conflict"]
    assert rows(event) == {(first.id, "in"): 1, (second.id, "in"): 1}


def test_offline_scans_are_judged_by_when_they_were_made(client, organiser, community):
    # Check-in closed 10 minutes ago; the phone scanned 20 minutes ago, inside
    # the window, with a rotating code of that moment, and uploads only now.
    event = make_event(community=community, starts_in=-timedelta(hours=2), duration=timedelta(hours=1, minutes=50),
                       checkin_closes_at=utcnow() - timedelta(minutes=10))
    early, late, future = (make_user(community=community) for _ in range(3))
    scanned = utcnow() - timedelta(minutes=20)
    answers = upload(client, organiser, event, [
        item(early, at=scanned),
        item(late, at=utcnow()),
        item(future, at=utcnow() + timedelta(hours=1)),
    ])[1]["items"]
    assert [a["code"] for a in answers] == ["checked_in", "event_closed", "scanned_at_invalid"]
    row = db.session.execute(db.select(CheckIn).filter_by(event_id=event.id, user_id=early.id)).scalar_one()
    assert abs((row.scanned_at - scanned).total_seconds()) < 1 and row.method == "resident_code"


def test_a_batch_too_large_is_refused_whole(client, event, organiser, community):
    person = make_user(community=community)
    status, body = upload(client, organiser, event, [item(person) for _ in range(101)])
    assert (status, body["error"]["code"]) == (413, "batch_too_large")
    assert "100" in body["error"]["message"]
    assert rows(event) == {}


def test_the_same_batch_uploaded_twice_at_once_and_live_scans_leave_one_row_each(app, client, event, organiser,
                                                                                community):
    people = [make_user(community=community) for _ in range(8)]
    items = [item(p) for p in people]
    headers = auth_headers(organiser)
    batch = (headers, f"/api/v1/events/{event.id}/checkins/batch", {"items": items})
    live = [(headers, f"/api/v1/events/{event.id}/checkins/resident-code",
             {"code": resident_codes.rotating(p.id).code, "direction": "in"}) for p in people[:4]]
    answers = race_posts(app, [batch, batch, *live])
    assert all(status in (200, 201) for status, _ in answers)
    assert rows(event) == {(p.id, "in"): 1 for p in people}
    by_nonce = Counter()
    for status, body in answers[:2]:
        for answer in body["items"]:
            assert answer["status"] in ("recorded", "already")
            by_nonce[answer["nonce"]] += answer["status"] == "recorded"
    recorded_live = sum(1 for status, _ in answers[2:] if status == 201)
    assert sum(by_nonce.values()) + recorded_live == len(people)
