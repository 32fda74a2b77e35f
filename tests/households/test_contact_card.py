"""The 联户证: a PDF whose mini-program code carries a signed, revocable code
(no phone number); a household member who scans it leaves the party member
a message, which the member sees and, when allowed, is told about."""
from sqlalchemy import select

from app.extensions import db
from app.households import card_pdf, cards
from app.models import AuditLog, ContactCard
from app.subscriptions import templates
from tests.factories import auth_headers, make_quota
from wechat_emulator.wxacode import read_wxacode_text


def test_the_card_opens_a_page_that_reaches_the_member_until_it_is_renewed(client, world, wechat_control):
    people = world.people
    member = auth_headers(people["member"])
    assert client.get("/api/v1/me/contact-card", headers=member).get_json()["error"]["code"] == "card_not_issued"
    assert client.post("/api/v1/me/contact-card", headers=auth_headers(people["resident"])).status_code == 403
    card = client.post("/api/v1/me/contact-card", headers=member).get_json()
    assert client.post("/api/v1/me/contact-card", headers=member).get_json()["code"] == card["code"]  # once
    assert (card["party_member"]["name"], card["branch"], card["community"], card["grids"]) == (
        "王建国", "滟澜社区第一党支部", "滟澜社区", ["第一网格"])
    assert len(card["code"]) <= 32 and "phone" not in str(card)

    pdf = client.get("/api/v1/me/contact-card.pdf", headers=member)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    png = card_pdf.wxacode_png(card["code"], cards.REACH_PAGE)  # the one the PDF drew, from the cache
    assert read_wxacode_text(png).endswith(f"/households/pages/reach/reach?scene={card['code']}")

    resident = auth_headers(people["resident"])
    reached = client.get(f"/api/v1/contact-cards/{card['code']}", headers=resident).get_json()
    assert reached == {"party_member": {"id": people["member"].id, "name": "王建国"},
                       "branch": "滟澜社区第一党支部", "community": "滟澜社区", "grids": ["第一网格"]}
    make_quota(people["member"], templates.get("household_request").id)
    sent = client.post(f"/api/v1/contact-cards/{card['code']}/requests", headers=resident,
                       json={"message": "家里水管漏水，想请您帮忙联系物业", "contact_phone": "13500004444"})
    assert sent.status_code == 201, sent.get_json()
    inbox = client.get("/api/v1/me/household-requests", headers=member).get_json()
    assert inbox["new"] == 1 and inbox["items"][0]["message"] == "家里水管漏水，想请您帮忙联系物业"
    assert client.get("/api/v1/me/household-requests", headers=resident).get_json()["total"] == 0
    handled = client.post(f"/api/v1/me/household-requests/{inbox['items'][0]['id']}/handle", headers=member)
    assert handled.get_json()["status"] == "handled"
    assert client.post(f"/api/v1/me/household-requests/{inbox['items'][0]['id']}/handle",
                       headers=resident).status_code == 404

    forged = card["code"][:-1] + ("a" if card["code"][-1] != "a" else "b")
    assert client.get(f"/api/v1/contact-cards/{forged}", headers=resident).get_json()["error"]["code"] == "card_invalid"
    renewed = client.post("/api/v1/me/contact-card/renew", headers=member).get_json()
    assert renewed["code"] != card["code"]
    assert client.get(f"/api/v1/contact-cards/{card['code']}", headers=resident).status_code == 404
    assert client.get(f"/api/v1/contact-cards/{renewed['code']}", headers=resident).status_code == 200
    db.session.expire_all()
    assert len(db.session.execute(select(ContactCard)).scalars().all()) == 2


def test_closing_the_account_ends_pairings_and_removes_the_name_from_visits(client, world):
    people, h = world.people, world.household
    member = auth_headers(people["member"])
    client.post(f"/api/v1/households/{h.id}/visits", headers=member,
                json={"visited_on": "2026-11-20", "kind": "wechat", "discussed": "微信问候近况"})
    mine = client.get("/api/v1/me/data", headers=member).get_json()["areas"]["households"]
    assert [v["discussed"] for v in mine["visits"]] == ["微信问候近况"] and mine["pairings"][0]["household_id"] == h.id
    assert client.post("/api/v1/me/close-account", headers=member, json={"confirm": True}).status_code == 204
    log = client.get(f"/api/v1/households/{h.id}/visits", headers=auth_headers(people["staff"])).get_json()
    assert [(v["author"], v["author_name"], v["discussed"]) for v in log["items"]] == [(None, "已注销用户", "微信问候近况")]
    detail = client.get(f"/api/v1/households/{h.id}", headers=auth_headers(people["staff"])).get_json()
    assert detail["pairing"] is None and detail["history"][0]["end_reason"] == "党员账号注销"
    assert "王建国" not in str(detail) + str(log)
    assert db.session.execute(select(AuditLog).where(AuditLog.action == "household.read")).first() is not None
