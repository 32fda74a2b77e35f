"""What the organiser shows: the rotating code (PNG, SVG, JSON) and the
projector page opened from a short-lived link."""
import io
import re
import time
from datetime import datetime, timedelta

import itsdangerous.timed
from PIL import Image

from app.checkin import tokens
from app.extensions import db
from app.auth import grants
from app.models import AuditLog
from tests.checkin.conftest import scan
from tests.factories import auth_headers, make_event


def qrcode(client, organiser, event, **query):
    return client.get(f"/api/v1/events/{event.id}/qrcode", query_string=query, headers=auth_headers(organiser))


def test_png_svg_and_json(client, event, organiser, resident, token_clock):
    png = qrcode(client, organiser, event)
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.headers["Cache-Control"] == "no-store"
    assert Image.open(io.BytesIO(png.data)).format == "PNG"

    svg = qrcode(client, organiser, event, format="svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data

    body = qrcode(client, organiser, event, format="json", purpose="checkout").get_json()
    assert body["purpose"] == "checkout" and body["window_seconds"] == 30 and body["grace_seconds"] == 5
    assert body["refresh_in"] == 20.0
    assert datetime.fromisoformat(body["expires_at"]).timestamp() == token_clock.now + 20
    assert tokens.verify(body["token"]).purpose == "checkout"

    token = qrcode(client, organiser, event, format="json").get_json()["token"]
    assert scan(client, resident, token=token)[1]["code"] == "checked_in"


def test_the_code_rotates_with_the_window(client, event, organiser, token_clock):
    first = qrcode(client, organiser, event, format="json").get_json()["token"]
    assert qrcode(client, organiser, event, format="json").get_json()["token"] == first
    token_clock.now += 30
    assert qrcode(client, organiser, event, format="json").get_json()["token"] != first


def projector_link(client, organiser, event, purpose="checkin"):
    response = client.post(f"/api/v1/events/{event.id}/projector-link", json={"purpose": purpose},
                           headers=auth_headers(organiser))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_projector_page_shows_the_code_title_and_count(client, event, organiser, resident):
    scan(client, resident, token=tokens.issue(event.id, "checkin").token)
    link = projector_link(client, organiser, event)
    assert link["url"].endswith(link["path"]) and link["path"].startswith("/projector/")
    entry = db.session.execute(db.select(AuditLog).where(AuditLog.action == "checkin.projector_link")).scalar_one()
    assert entry.actor_id == organiser.id

    page = client.get(link["path"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "聚沙讲堂：百年党史" in html and "<svg" in html and "请用微信扫码签到" in html
    assert re.search(r'id="count">1<', html)

    state = client.get(link["path"].replace("/projector/", "/api/v1/projector/") + "/state").get_json()
    assert (state["title"], state["phase"], state["checked_in"]) == ("聚沙讲堂：百年党史", "open", 1)
    assert tokens.verify(state["token"]).event_id == event.id
    assert state["svg"].startswith("<svg")
    assert 0 < state["refresh_in"] <= 30


def test_projector_state_says_when_the_window_is_not_open(client, community, organiser):
    later = make_event(community=community, starts_in=timedelta(days=1))
    link = projector_link(client, organiser, later)
    state = client.get("/api/v1" + link["path"] + "/state").get_json()
    assert state["phase"] == "not_open"
    assert "开始" in client.get(link["path"]).get_data(as_text=True)


def test_a_tampered_link_is_refused(client, event, organiser):
    link = projector_link(client, organiser, event)
    tampered = link["path"][:-3] + ("AAA" if not link["path"].endswith("AAA") else "BBB")
    page = client.get(tampered)
    assert page.status_code == 403 and "投屏链接" in page.get_data(as_text=True)
    state = client.get("/api/v1" + tampered + "/state")
    assert (state.status_code, state.get_json()["error"]["code"]) == (403, "projector_link_invalid")


def test_an_old_link_stops_working(client, event, organiser, monkeypatch, app):
    link = projector_link(client, organiser, event)
    later = int(time.time()) + app.config["PROJECTOR_LINK_TTL"] + 60
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)
    assert client.get("/api/v1" + link["path"] + "/state").status_code == 403


def test_taking_the_scope_away_stops_the_link(client, event, organiser):
    link = projector_link(client, organiser, event)
    assert client.get("/api/v1" + link["path"] + "/state").status_code == 200
    grants.take_all(organiser)
    assert client.get("/api/v1" + link["path"] + "/state").status_code == 403
