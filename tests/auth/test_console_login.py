"""Signing in to the desk console by scanning: nonce → scan → confirm → poll."""
import base64
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from app.auth import roles, tokens
from app.extensions import db
from app.models import AuditLog, AuthSession
from tests.factories import auth_headers, grant, make_community, make_member_unit, make_organiser, make_user
from wechat_emulator.wxacode import read_wxacode_text

NONCE = "/api/v1/auth/console/nonce"
POLL = "/api/v1/auth/console/poll"


def new_nonce(client):
    response = client.post(NONCE, json={})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def phone(client, step, nonce, user):
    return client.post(f"/api/v1/auth/console/{step}", json={"nonce": nonce}, headers=auth_headers(user))


def poll(client, nonce):
    response = client.post(POLL, json={"nonce": nonce})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_code_opens_the_login_page_with_the_nonce_as_scene(client):
    answer = new_nonce(client)
    assert answer["scene"] == "cl=" + answer["nonce"] and len(answer["scene"]) <= 32
    assert answer["expires_in"] == 120 and answer["expires_at"].endswith("+08:00")
    png = base64.b64decode(answer["qrcode"].removeprefix("data:image/png;base64,"))
    text = read_wxacode_text(png)
    assert "/pages/console-login/console-login?scene=cl%3D" + answer["nonce"] in text


def test_an_organiser_scans_confirms_and_the_console_signs_in_as_them(client):
    organiser = make_organiser(make_community(), name="王书记")
    nonce = new_nonce(client)["nonce"]
    assert poll(client, nonce) == {"status": "pending"}

    scanned = phone(client, "scan", nonce, organiser)
    assert scanned.status_code == 200 and scanned.get_json()["status"] == "scanned"
    assert poll(client, nonce) == {"status": "scanned"}

    assert phone(client, "confirm", nonce, organiser).get_json() == {"status": "confirmed"}
    signed_in = poll(client, nonce)
    assert signed_in["status"] == "confirmed" and signed_in["expires_in"] == 8 * 3600
    assert signed_in["user"]["id"] == organiser.id

    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {signed_in['token']}"}).get_json()
    assert me["id"] == organiser.id and me["role"] == roles.ORGANISER
    session = db.session.execute(db.select(AuthSession).filter_by(user_id=organiser.id, kind="console")).scalar_one()
    assert 7.9 * 3600 < (session.expires_at - session.created_at).total_seconds() <= 8 * 3600
    audit = db.session.execute(db.select(AuditLog).filter_by(action="console_signed_in")).scalar_one()
    assert audit.actor_id == organiser.id

    # Taken once: the next poll (a replay, a second tab) gets nothing.
    assert poll(client, nonce) == {"status": "expired"}


def test_a_unit_contact_may_sign_in(client):
    contact = grant(make_user(), roles.UNIT_CONTACT, make_member_unit())
    nonce = new_nonce(client)["nonce"]
    assert phone(client, "confirm", nonce, contact).status_code == 200
    assert poll(client, nonce)["status"] == "confirmed"


def test_a_resident_is_refused_in_chinese_and_the_code_stays_usable(client):
    resident, admin = make_user(), make_user(role="admin")
    nonce = new_nonce(client)["nonce"]
    for step in ("scan", "confirm"):
        refused = phone(client, step, nonce, resident)
        assert refused.status_code == 403
        assert refused.get_json()["error"]["code"] == "console_not_staff"
        assert "工作台" in refused.get_json()["error"]["message"]
    assert poll(client, nonce) == {"status": "pending"}
    assert phone(client, "confirm", nonce, admin).status_code == 200


def test_confirming_needs_a_signed_in_phone(client):
    nonce = new_nonce(client)["nonce"]
    response = client.post("/api/v1/auth/console/confirm", json={"nonce": nonce})
    assert response.status_code == 401


def test_a_cancelled_code_cannot_be_confirmed(client):
    organiser = make_organiser(make_community())
    nonce = new_nonce(client)["nonce"]
    assert phone(client, "cancel", nonce, organiser).get_json() == {"status": "cancelled"}
    assert poll(client, nonce) == {"status": "cancelled"}
    late = phone(client, "confirm", nonce, organiser)
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "console_login_expired"


def test_an_expired_or_unknown_code_is_refused(app, client):
    organiser = make_organiser(make_community())
    assert poll(client, "x" * 22) == {"status": "expired"}
    unknown = phone(client, "confirm", "y" * 22, organiser)
    assert unknown.status_code == 409 and "刷新" in unknown.get_json()["error"]["message"]


def test_a_confirmed_code_cannot_be_confirmed_by_someone_else(client):
    first, second = make_organiser(make_community()), make_user(role="admin")
    nonce = new_nonce(client)["nonce"]
    assert phone(client, "confirm", nonce, first).status_code == 200
    assert phone(client, "confirm", nonce, second).status_code == 409
    assert poll(client, nonce)["user"]["id"] == first.id


def test_a_grant_taken_away_before_the_poll_signs_nobody_in(client):
    organiser = make_organiser(make_community())
    nonce = new_nonce(client)["nonce"]
    assert phone(client, "confirm", nonce, organiser).status_code == 200
    for held in organiser.grants:
        db.session.delete(held)
    db.session.commit()
    assert poll(client, nonce) == {"status": "expired"}


def test_sign_out_revokes_the_console_token(client):
    admin = make_user(role="admin")
    nonce = new_nonce(client)["nonce"]
    phone(client, "confirm", nonce, admin)
    token = poll(client, nonce)["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert tokens.resolve(token) is None


def test_two_polls_racing_after_confirmation_get_one_token(app, client):
    admin = make_user(role="admin")
    for _ in range(3):
        nonce = new_nonce(client)["nonce"]
        assert phone(client, "confirm", nonce, admin).status_code == 200
        barrier = threading.Barrier(8)

        def one(_):
            racer = app.test_client()
            barrier.wait()
            return racer.post(POLL, json={"nonce": nonce}).get_json()["status"]

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = Counter(pool.map(one, range(8)))
        assert answers == {"confirmed": 1, "expired": 7}
    sessions = db.session.execute(db.select(AuthSession).filter_by(user_id=admin.id, kind="console")).scalars().all()
    assert len(sessions) == 3


def test_two_phones_racing_to_confirm_one_wins(app, client):
    people = [make_organiser(make_community()) for _ in range(6)]
    headers = [auth_headers(p) for p in people]
    nonce = new_nonce(client)["nonce"]
    barrier = threading.Barrier(len(people))

    def one(i):
        racer = app.test_client()
        barrier.wait()
        return racer.post("/api/v1/auth/console/confirm", json={"nonce": nonce}, headers=headers[i]).status_code

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        assert Counter(pool.map(one, range(len(people)))) == {200: 1, 409: 5}
    assert poll(client, nonce)["status"] == "confirmed"


def test_a_malformed_nonce_is_a_chinese_validation_error(client):
    response = client.post(POLL, json={"nonce": "short"})
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["json"]["nonce"] == ["长度须在 16 到 64 之间"]
