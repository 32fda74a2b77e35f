"""家属代签: a family member checks an elder in only with the elder's consent."""
from app.extensions import db
from app.models import CheckIn
from tests.factories import auth_headers, checkin_token, make_community, make_organiser, make_user
from tests.residents.conftest import post


def family_checkin(client, relative, event, elder):
    return post(client, relative, "/api/v1/checkins/family",
                {"token": checkin_token(event), "event_id": event.id, "elder_id": elder.id})


def test_without_consent_a_family_member_cannot_check_an_elder_in(client, event, elder, relative):
    status, body = family_checkin(client, relative, event, elder)
    assert (status, body["error"]["code"]) == (403, "proxy_not_allowed")
    assert "同意" in body["error"]["message"]
    assert db.session.execute(db.select(CheckIn).filter_by(event_id=event.id)).first() is None


def test_the_elders_invitation_is_their_consent(client, event, elder, relative):
    status, invitation = post(client, elder, "/api/v1/me/family/invitation")
    assert status == 201 and invitation["qr_png"].startswith("data:image/png;base64,")
    status, link = post(client, relative, "/api/v1/me/family", {"invitation": invitation["code"], "relation": "子女"})
    assert status == 201 and link["consent"] == "elder" and link["elder"]["name"] == "王秀英"

    status, result = family_checkin(client, relative, event, elder)
    assert status == 201 and result["user_id"] == elder.id and result["method"] == "proxy"
    row = db.session.execute(db.select(CheckIn).filter_by(event_id=event.id)).scalar_one()
    assert (row.user_id, row.recorded_by_id, row.note) == (elder.id, relative.id, "家属代签")

    mine = client.get("/api/v1/me/family", headers=auth_headers(relative)).get_json()
    assert [l["elder"]["id"] for l in mine["elders"]] == [elder.id]
    theirs = client.get("/api/v1/me/family", headers=auth_headers(elder)).get_json()
    assert [l["family"]["id"] for l in theirs["family"]] == [relative.id]

    assert post(client, elder, f"/api/v1/family-links/{link['id']}/revoke")[0] == 200
    assert family_checkin(client, relative, event, elder)[1]["error"]["code"] == "proxy_not_allowed"


def test_a_tampered_or_someone_elses_invitation_is_refused(client, elder, relative):
    _, invitation = post(client, elder, "/api/v1/me/family/invitation")
    tampered = invitation["code"][:-1] + ("A" if invitation["code"][-1] != "A" else "B")
    status, body = post(client, relative, "/api/v1/me/family", {"invitation": tampered})
    assert (status, body["error"]["code"]) == (409, "family_invite_invalid")
    status, body = post(client, elder, "/api/v1/me/family", {"invitation": invitation["code"]})
    assert body["error"]["code"] == "family_self"


def test_staff_witness_consent_for_an_elder_without_a_phone(client, event, organiser, elder, relative):
    status, link = post(client, organiser, f"/api/v1/residents/{elder.id}/family",
                        {"family_phone": relative.phone, "relation": "子女"})
    assert status == 201 and link["consent"] == "witnessed"
    assert family_checkin(client, relative, event, elder)[0] == 201
    outsider = make_organiser(make_community(name="七格社区"))
    status, _ = post(client, outsider, f"/api/v1/residents/{elder.id}/family", {"family_phone": relative.phone})
    assert status == 404
    stranger = make_user(name="路人", phone="13900003333")
    assert post(client, stranger, f"/api/v1/family-links/{link['id']}/revoke")[0] == 404
