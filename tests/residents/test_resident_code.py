"""The organiser's phone scans a resident's own code or printed card: same
rules and exactly once as a resident's scan, recorded as resident_code."""
from datetime import timedelta

from app.checkin import resident_codes
from app.extensions import db
from app.models import CheckIn
from tests.factories import auth_headers, make_community, make_event, make_organiser, make_registration
from tests.residents.conftest import post


def my_code(client, user, fmt="json"):
    response = client.get(f"/api/v1/me/resident-code?format={fmt}", headers=auth_headers(user))
    assert response.status_code == 200
    return response.get_json() if fmt == "json" else response


def scan_code(client, organiser, event, code, direction="in"):
    return post(client, organiser, f"/api/v1/events/{event.id}/checkins/resident-code",
                {"code": code, "direction": direction})


def test_a_resident_shows_a_rotating_code_and_the_organiser_checks_them_in_once(client, code_clock, event,
                                                                                organiser, elder):
    shown = my_code(client, elder)
    assert shown["url"].endswith(shown["code"]) and "/q/r?t=" in shown["url"]
    assert 0 < shown["refresh_in"] <= 60
    png = my_code(client, elder, "png")
    assert png.mimetype == "image/png" and png.headers["Cache-Control"] == "no-store"

    status, first = scan_code(client, organiser, event, shown["url"])  # the link, as the camera reads it
    assert status == 201 and first["code"] == "checked_in"
    assert first["person_name"] == "王秀英" and first["method"] == "resident_code"
    status, again = scan_code(client, organiser, event, shown["code"])
    assert status == 200 and again["code"] == "already_checked_in"
    row = db.session.execute(db.select(CheckIn).filter_by(event_id=event.id, user_id=elder.id)).scalar_one()
    assert row.method == "resident_code" and row.recorded_by_id == organiser.id


def test_a_screenshot_of_an_old_code_is_refused_and_a_forged_one_too(client, code_clock, event, organiser, elder):
    shown = my_code(client, elder)
    code_clock.now += 120
    status, body = scan_code(client, organiser, event, shown["code"])
    assert (status, body["error"]["code"]) == (400, "resident_code_expired")
    forged = shown["code"][:-2] + ("AA" if not shown["code"].endswith("AA") else "BB")
    status, body = scan_code(client, organiser, event, forged)
    assert (status, body["error"]["code"]) == (400, "resident_code_invalid")
    status, body = scan_code(client, organiser, event, "https://example.com/anything")
    assert body["error"]["code"] == "resident_code_invalid" and "居民码无效" in body["error"]["message"]


def test_the_events_rules_hold_and_speak_to_the_organiser(client, code_clock, community, organiser, elder):
    event = make_event(community=community, registration_required=True, capacity=10,
                       starts_in=-timedelta(minutes=5))
    status, body = scan_code(client, organiser, event, my_code(client, elder)["code"])
    assert (status, body["error"]["code"]) == (403, "not_registered")
    assert body["error"]["message"].startswith("该居民未报名")
    make_registration(event, elder)
    status, body = scan_code(client, organiser, event, my_code(client, elder)["code"], direction="out")
    assert body["error"]["code"] == "not_checked_in" and "该居民" in body["error"]["message"]
    status, body = scan_code(client, organiser, event, my_code(client, elder)["code"])
    assert status == 201


def test_only_the_events_organisers_scan_for_it(client, code_clock, event, elder, relative):
    elsewhere = make_organiser(make_community(name="七格社区"))
    code = my_code(client, elder)["code"]
    assert scan_code(client, elsewhere, event, code)[0] == 403
    assert scan_code(client, relative, event, code)[0] == 403


def test_a_printed_card_works_until_it_is_reissued(client, code_clock, event, organiser, elder):
    status, card = post(client, organiser, "/api/v1/resident-cards", {"user_id": elder.id})
    assert status == 201 and card["masked_name"] == "王*英" and card["serial"].startswith("JSK")
    pdf = client.get(f"/api/v1/resident-cards/{card['id']}/pdf", headers=auth_headers(organiser))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "王秀英".encode("utf-16-be") not in pdf.data  # only the masked name is printed

    from app.models import ResidentCard
    old_code = resident_codes.card_code(db.session.get(ResidentCard, card["id"])).code
    status, new_card = post(client, organiser, "/api/v1/resident-cards", {"user_id": elder.id})
    assert status == 201 and new_card["id"] != card["id"]

    status, body = scan_code(client, organiser, event, old_code)
    assert (status, body["error"]["code"]) == (409, "card_revoked")
    assert "已作废" in body["error"]["message"]
    new_code = resident_codes.card_code(db.session.get(ResidentCard, new_card["id"])).code
    assert scan_code(client, organiser, event, new_code)[0] == 201
    pdf = client.get(f"/api/v1/resident-cards/{card['id']}/pdf", headers=auth_headers(organiser))
    assert pdf.status_code == 409


def test_staff_register_someone_without_wechat_by_phone_and_print_their_card(client, community, organiser):
    status, body = post(client, organiser, "/api/v1/resident-cards", {"phone": "13700007777"})
    assert (status, body["error"]["code"]) == (404, "user_not_found") and "姓名" in body["error"]["message"]
    status, card = post(client, organiser, "/api/v1/resident-cards",
                        {"phone": "13700007777", "name": "赵大爷", "community_id": community.id})
    assert status == 201 and card["holder_name"] == "赵大爷"
    listed = client.get("/api/v1/resident-cards", headers=auth_headers(organiser)).get_json()
    assert [c["id"] for c in listed["items"]] == [card["id"]] and listed["total"] == 1
    outsider = make_organiser(make_community(name="七格社区"))
    assert client.get("/api/v1/resident-cards", headers=auth_headers(outsider)).get_json()["total"] == 0
    assert client.get(f"/api/v1/resident-cards/{card['id']}/pdf", headers=auth_headers(outsider)).status_code == 404
    status, revoked = post(client, organiser, f"/api/v1/resident-cards/{card['id']}/revoke", {"reason": "遗失"})
    assert status == 200 and revoked["revoke_reason"] == "遗失"
