"""The 大屏's live stream: a snapshot, then each new check-in as it happens;
bounded in time, ended by a revoked key, and stopped by a vanished client."""
import json
import socket
import threading
import time
from datetime import timedelta

import pytest
from werkzeug.serving import make_server

from app.extensions import redis_store
from app.screen import links, live
from tests.factories import (
    auth_headers,
    checkin_token,
    make_community,
    make_event,
    make_member_unit,
    make_organiser,
    make_registration,
    make_user,
)


def parsed(chunk):
    """(event name, data) of one SSE chunk; comments and retry lines as (None, text)."""
    if not chunk.startswith("event: "):
        return None, chunk
    head, data = chunk.split("\n", 1)
    return head[len("event: "):], json.loads(data[len("data: "):])


def next_event(stream, name, limit=50):
    for _ in range(limit):
        event, data = parsed(next(stream))
        if event == name:
            return data
    raise AssertionError(f"no {name} event in {limit} chunks")


@pytest.fixture()
def long_streams(app, monkeypatch):
    monkeypatch.setitem(app.config, "SCREEN_STREAM_SECONDS", 60)
    monkeypatch.setitem(app.config, "SCREEN_HEARTBEAT_SECONDS", 0.2)
    monkeypatch.setitem(app.config, "SCREEN_CACHE_SECONDS", 0)


def subscribers(app):
    with app.app_context():
        return dict(redis_store.pubsub_numsub(live.channel(app))).get(live.channel(app), 0)


def test_a_scan_reaches_an_open_stream(app, client, ctx, long_streams):
    a = make_community("铭和社区")
    event = make_event(community=a, starts_in=-timedelta(minutes=5))
    stream = live.stream(app, None)
    assert next(stream) == f"retry: {live.RETRY_MS}\n\n"
    first = next_event(stream, "snapshot")
    assert [c["checkins_today"] for c in first["communities"]] == [0]

    resident = make_user(community=a)
    scanned = client.post("/api/v1/checkins", json={"token": checkin_token(event), "event_id": event.id},
                          headers=auth_headers(resident))
    assert scanned.get_json()["code"] == "checked_in"
    client.post("/api/v1/checkins", json={"token": checkin_token(event), "event_id": event.id},
                headers=auth_headers(resident))  # a double tap announces nothing

    assert next_event(stream, "checkin")["community_id"] == a.id
    assert parsed(next(stream)) == (None, ": heartbeat\n\n")  # not a second checkin
    stream.close()
    assert subscribers(app) == 0


def test_a_check_in_by_hand_and_a_units_event_are_announced_with_the_community(app, client, ctx, long_streams):
    a = make_community("柠檬社区")
    unit = make_member_unit("柠檬社区卫生服务站", level="community", community=a)
    event = make_event(member_unit=unit, starts_in=-timedelta(minutes=5))
    organiser = make_organiser(unit)
    stream = live.stream(app, None)
    next_event(stream, "snapshot")
    elder = make_user(community=a)
    make_registration(event, elder)  # within the unit organiser's reach
    answer = client.post(f"/api/v1/events/{event.id}/checkins", json={"user_id": elder.id, "direction": "in"},
                         headers=auth_headers(organiser))
    assert answer.status_code in (200, 201), answer.get_json()
    assert next_event(stream, "checkin") == {"event_id": event.id, "community_id": a.id,
                                             "at": answer.get_json()["checked_in_at"]}
    stream.close()


def test_the_stream_ends_by_itself_and_says_so(client, ctx):
    organiser = make_organiser(make_community("智格社区"))
    answer = client.get("/api/v1/screen/stream", headers=auth_headers(organiser))
    assert answer.status_code == 200 and answer.mimetype == "text/event-stream"
    assert answer.headers["Cache-Control"] == "no-store"
    chunks = answer.get_data(as_text=True).split("\n\n")
    assert chunks[0] == f"retry: {live.RETRY_MS}"
    assert chunks[1].startswith("event: snapshot\n") and chunks[-2].startswith("event: bye\n")


def test_a_revoked_key_ends_its_stream_at_the_next_snapshot(app, ctx, long_streams, monkeypatch):
    monkeypatch.setitem(app.config, "SCREEN_SNAPSHOT_SECONDS", 0.1)
    admin = make_user(role="admin")
    link, key = links.create(admin, "大厅")
    stream = live.stream(app, links.active_link_id(key))
    next_event(stream, "snapshot")
    next_event(stream, "snapshot")  # still live
    links.revoke(admin, link.id)
    assert next_event(stream, "revoked") == {}
    assert list(stream) == []


def test_a_client_that_goes_away_is_unsubscribed(app, ctx, long_streams):
    admin = make_user(role="admin")
    _, key = links.create(admin, "大厅")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port)) as conn:
            conn.sendall(f"GET /api/v1/screen/stream?key={key} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            received = b""
            while b"event: snapshot" not in received:
                received += conn.recv(65536)
            assert subscribers(app) == 1
        # The next heartbeat's write fails and closes the generator.
        for _ in range(100):
            if subscribers(app) == 0:
                break
            time.sleep(0.1)
        assert subscribers(app) == 0
    finally:
        server.shutdown()
