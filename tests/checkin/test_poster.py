"""The printed poster: a mini-program code naming the event, fetched from
WeChat once, and check-ins from it only within the event's radius."""
import re
from urllib.parse import unquote

from wechat_emulator.wxacode import read_wxacode_text
from app.extensions import db
from app.models import CheckIn, Event
from tests.checkin.conftest import error_code, scan
from tests.factories import auth_headers, make_event

HALL = (30.3095, 120.3550)          # 下沙中学礼堂, the factory's venue
NEXT_DOOR = (30.3105, 120.3550)     # about 110 m north
ACROSS_TOWN = (30.2741, 120.1551)   # West Lake, about 20 km away


def poster(client, organiser, event, purpose="checkin"):
    return client.get(f"/api/v1/events/{event.id}/poster", query_string={"purpose": purpose},
                      headers=auth_headers(organiser))


def scene_of(png):
    text = read_wxacode_text(png)
    assert text.split("?")[0].endswith("/pages/scan/scan")
    return unquote(text.split("scene=", 1)[1])


def test_poster_is_a_mini_program_code_with_a_short_unique_scene(client, organiser, event, wechat_control):
    response = poster(client, organiser, event)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG")
    scene = scene_of(response.data)
    assert len(scene) <= 32 and re.fullmatch(r"[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+", scene)
    assert db.session.get(Event, event.id).scene == scene

    checkout = poster(client, organiser, event, "checkout")
    assert scene_of(checkout.data) == scene + ".o"


def test_a_reprint_does_not_call_wechat_again(client, organiser, event, wechat_control):
    first = poster(client, organiser, event)
    generated = wechat_control.stats()["wxacodes_generated"]
    second = poster(client, organiser, event)
    assert second.data == first.data
    assert wechat_control.stats()["wxacodes_generated"] == generated


def test_wechat_failure_is_a_502(client, organiser, event, wechat_control):
    wechat_control.fault("busy", count=1, path="/wxa/getwxacodeunlimit")
    response = poster(client, organiser, event)
    assert response.status_code == 502
    assert response.get_json()["error"]["code"] == "wechat_error"
    wechat_control.fault("drop", count=1, path="/wxa/getwxacodeunlimit")
    assert poster(client, organiser, event).get_json()["error"]["code"] == "wechat_unavailable"
    assert poster(client, organiser, event).status_code == 200


def test_no_poster_for_an_event_without_a_location(client, organiser, community):
    event = make_event(community=community, latitude=None, longitude=None)
    response = poster(client, organiser, event)
    assert (response.status_code, response.get_json()["error"]["code"]) == (409, "event_location_missing")


def test_poster_check_in_needs_the_phone_inside_the_radius(client, organiser, event, resident):
    scene = scene_of(poster(client, organiser, event).data)

    status, body = scan(client, resident, scene=scene)
    assert (status, error_code(body)) == (422, "location_required")

    status, body = scan(client, resident, scene=scene, latitude=ACROSS_TOWN[0], longitude=ACROSS_TOWN[1])
    assert (status, error_code(body)) == (403, "outside_area")
    assert body["error"]["details"]["radius_m"] == 300
    assert body["error"]["details"]["distance_m"] > 15_000

    status, body = scan(client, resident, scene=scene, latitude=NEXT_DOOR[0], longitude=NEXT_DOOR[1])
    assert (status, body["code"], body["method"]) == (201, "checked_in", "poster")
    row = db.session.execute(db.select(CheckIn)).scalar_one()
    assert (row.latitude, row.longitude, row.method) == (NEXT_DOOR[0], NEXT_DOOR[1], "poster")

    # the same person trying again from home is told they are already in
    status, body = scan(client, resident, scene=scene, latitude=ACROSS_TOWN[0], longitude=ACROSS_TOWN[1])
    assert (status, body["code"]) == (200, "already_checked_in")


def test_a_tighter_radius_refuses_next_door(client, organiser, community, resident):
    event = make_event(community=community, radius_m=50)
    scene = scene_of(poster(client, organiser, event).data)
    status, body = scan(client, resident, scene=scene, latitude=NEXT_DOOR[0], longitude=NEXT_DOOR[1])
    assert (status, error_code(body)) == (403, "outside_area")
    status, body = scan(client, resident, scene=scene, latitude=HALL[0], longitude=HALL[1])
    assert status == 201


def test_unknown_or_mismatched_scene_is_invalid(client, organiser, community, event, resident):
    status, body = scan(client, resident, scene="e999-nosuch", latitude=HALL[0], longitude=HALL[1])
    assert (status, error_code(body)) == (400, "token_invalid")
    other = make_event(community=community)
    scene = scene_of(poster(client, organiser, other).data)
    status, body = scan(client, resident, scene=scene, event_id=event.id, latitude=HALL[0], longitude=HALL[1])
    assert (status, error_code(body)) == (400, "token_invalid")


def test_a_poster_stops_working_when_the_event_loses_its_location(client, organiser, community, resident):
    event = make_event(community=community)
    scene = scene_of(poster(client, organiser, event).data)
    response = client.patch(f"/api/v1/events/{event.id}", json={"latitude": None, "longitude": None},
                            headers=auth_headers(organiser))
    assert response.status_code == 200, response.get_json()

    # A photo of the poster, scanned at home, proves nothing without a place to compare with.
    status, body = scan(client, resident, scene=scene, latitude=ACROSS_TOWN[0], longitude=ACROSS_TOWN[1])
    assert (status, error_code(body)) == (409, "event_location_missing")
    status, body = scan(client, resident, scene=scene)
    assert (status, error_code(body)) == (409, "event_location_missing")
    assert db.session.execute(db.select(db.func.count(CheckIn.id))).scalar() == 0


def test_a_retry_without_location_from_someone_already_in_gets_their_row(client, organiser, event, resident):
    scene = scene_of(poster(client, organiser, event).data)
    status, first = scan(client, resident, scene=scene, latitude=HALL[0], longitude=HALL[1])
    assert status == 201
    # The phone lost the answer and its location permission; the row is there, so it is in.
    status, again = scan(client, resident, scene=scene)
    assert (status, again["code"], again["checked_in_at"]) == (200, "already_checked_in", first["checked_in_at"])
