"""Request builders for the front door's rows of the authorisation table:
the resident's code, a card and a family link for the world's volunteer (who
lives in community A), each made on demand, and valid bodies."""
import uuid

from app.checkin import resident_codes
from app.extensions import db
from app.localtime import iso
from app.models import utcnow
from app.residents import cards, family
from tests.factories import checkin_token


def _card(w):
    return cards.issue(w.people["admin"], w.people["volunteer"])


def _link(w):
    """The world's resident may check the volunteer in (witnessed by the office)."""
    link, _ = family.witness(w.people["admin"], w.people["volunteer"], w.people["resident"], "子女")
    return link


def _offline_batch(w, actor, wechat):
    return {"json": {"items": [{"nonce": uuid.uuid4().hex, "direction": "in", "scanned_at": iso(utcnow()),
                                "code": resident_codes.rotating(w.people["resident"].id).code}]}}


def _family_scan(w, actor, wechat):
    _link(w)
    return {"json": {"token": checkin_token(w.event), "event_id": w.event.id, "elder_id": w.people["volunteer"].id}}


def _witness(w, actor, wechat):
    w.people["resident"].phone = "13911110000"
    db.session.commit()
    return {"json": {"family_phone": "13911110000", "relation": "子女"}}


FRONT_DOOR_BUILDERS = {
    "resident_code_scan": lambda w, actor, wechat: {"json": {
        "code": resident_codes.rotating(w.people["resident"].id).code}},
    "offline_batch": _offline_batch,
    "family_scan": _family_scan,
    "card_for_volunteer": lambda w, actor, wechat: {"json": {"user_id": w.people["volunteer"].id}},
    "a_card": lambda w, actor, wechat: {"path": {"card_id": _card(w).id}},
    "a_card_revoke": lambda w, actor, wechat: {"path": {"card_id": _card(w).id}, "json": {"reason": "遗失"}},
    "an_invitation": lambda w, actor, wechat: {"json": {
        "invitation": family.invitation(w.people["volunteer"])[0], "relation": "子女"}},
    "witness_resident": _witness,
    "a_link": lambda w, actor, wechat: {"path": {"link_id": _link(w).id}},
}
