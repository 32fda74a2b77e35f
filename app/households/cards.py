"""The party member's 联户证 (contact card) and what households send through it.

The card's QR code is a mini-program code (wxacode.getUnlimited, as the
check-in posters use) opening ``households/pages/reach/reach`` with the
card's code as its ``scene``: ``k<card id, base 36>-<16 characters of an
HMAC-SHA256 of the id under a key derived from SECRET_KEY>``, at most 24
characters (WeChat allows 32). The database holds no code, so a copy of it
cannot print a card; revoking a card (``revoked_at``) kills its code, and a
renewed card has a new id, so a new code. No phone number is on the card:
a household member who scans it writes a message (``ContactRequest``) that
the party member sees in 群众留言 and, when they allowed it, gets as a
subscription message (template ``household_request``).
"""
import base64
import hashlib
import hmac
import logging
import string

from flask import current_app
from sqlalchemy import select

from app.errors import APIError
from app.extensions import db
from app.localtime import chinese_datetime
from app.models import ContactCard, ContactRequest, Grid, Household, HouseholdPairing, PartyMembership, utcnow
from app.models.base import dialect_insert

log = logging.getLogger(__name__)
REACH_PAGE = "households/pages/reach/reach"
REQUESTS_PAGE = "households/pages/requests/requests"
MAC_CHARS = 16
_DIGITS36 = string.digits + string.ascii_lowercase
ERRORS = {
    "card_invalid": (404, "联户证二维码无效或已作废，请联系社区"),
    "not_a_party_member": (403, "仅已确认身份的党员可以使用联户证"),
    "request_not_found": (404, "留言不存在"),
    "card_not_issued": (404, "您还没有领取联户证"),
}


def fail(code):
    status, message = ERRORS[code]
    return APIError(code, message, status=status)


def _base36(number):
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS36[rest] + digits
        if number == 0:
            return digits


def _mac(card_id):
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"jusha/contact-card/v1", hashlib.sha256).digest()
    digest = hmac.new(key, str(card_id).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:MAC_CHARS].replace("-", "x").replace("_", "y")


def code_of(card):
    return f"k{_base36(card.id)}-{_mac(card.id)}"


def card_for_code(code):
    """The live card a scanned code names; card_invalid for anything forged,
    altered, malformed or revoked."""
    if not isinstance(code, str) or not code.startswith("k") or "-" not in code or len(code) > 32:
        raise fail("card_invalid")
    id_part, mac = code[1:].split("-", 1)
    try:
        card_id = int(id_part, 36)
    except ValueError:
        raise fail("card_invalid") from None
    if card_id > 2**31 - 1 or not hmac.compare_digest(mac, _mac(card_id)):
        raise fail("card_invalid")
    card = db.session.get(ContactCard, card_id)
    if card is None or card.revoked_at is not None or not card.party_member.is_active:
        raise fail("card_invalid")
    return card


def membership_of(user_id):
    return db.session.execute(select(PartyMembership).where(PartyMembership.user_id == user_id,
                                                            PartyMembership.status == "confirmed")
                              ).scalar_one_or_none()


def live_card(user_id):
    return db.session.execute(select(ContactCard).where(ContactCard.party_member_id == user_id,
                                                        ContactCard.revoked_at.is_(None))).scalar_one_or_none()


def ensure_card(user, now=None):
    """The party member's live card, issued on first use (racing first uses
    agree on one: the unique index on live cards)."""
    if membership_of(user.id) is None:
        raise fail("not_a_party_member")
    card = live_card(user.id)
    if card is None:
        db.session.execute(dialect_insert(ContactCard.__table__).values(
            party_member_id=user.id, issued_at=now or utcnow()).on_conflict_do_nothing())
        db.session.commit()
        card = live_card(user.id)
    return card


def renew_card(user, now=None):
    """Revoke the live card (a lost or photographed one) and issue another."""
    if membership_of(user.id) is None:
        raise fail("not_a_party_member")
    now = now or utcnow()
    card = live_card(user.id)
    if card is not None:
        card.revoked_at = now
        db.session.flush()
    db.session.add(ContactCard(party_member_id=user.id, issued_at=now))
    db.session.commit()
    return live_card(user.id)


def grids_of(user_id):
    """The grids of the households the member is paired with now."""
    # By id: DISTINCT over the grid's row would compare its JSON boundary, which PostgreSQL cannot.
    ids = select(Household.grid_id).join(HouseholdPairing, HouseholdPairing.household_id == Household.id).where(
        HouseholdPairing.party_member_id == user_id, HouseholdPairing.ended_at.is_(None))
    return db.session.execute(select(Grid).where(Grid.id.in_(ids)).order_by(Grid.id)).scalars().all()


def _branch_community(membership):
    community = membership.branch.community if membership is not None else None
    return community.name if community is not None else None


def card_view(card):
    """What the card (and the page its QR code opens) shows: no phone number."""
    member = card.party_member
    membership = membership_of(member.id)
    grids = grids_of(member.id)
    return {"code": code_of(card), "page": REACH_PAGE, "party_member": {"id": member.id, "name": member.name},
            "branch": membership.branch.name if membership else None,
            "community": grids[0].community.name if grids else _branch_community(membership),
            "grids": [g.name for g in grids], "issued_at": card.issued_at}


def send_request(sender, code, *, message, contact_name=None, contact_phone=None, now=None):
    card = card_for_code(code)
    now = now or utcnow()
    row = ContactRequest(card_id=card.id, party_member_id=card.party_member_id, sender_id=sender.id,
                         message=message, contact_name=contact_name, contact_phone=contact_phone, created_at=now)
    db.session.add(row)
    db.session.commit()
    _notify(row)
    return row


def _notify(row):
    from app.notices.automatic import notify_people  # the notices area's public function

    try:
        notify_people(f"household_request:{row.id}", "household_request", "household_request",
                      {"thing1": row.message, "time2": chinese_datetime(row.created_at), "thing3": "请在「群众留言」中查看"},
                      REQUESTS_PAGE, [row.party_member_id], "联户党员")
    except Exception:  # the message is kept and listed; a failed send must not lose it
        db.session.rollback()
        log.warning("household request %s: notice not queued", row.id, exc_info=True)


def request_view(row):
    return {"id": row.id, "message": row.message, "contact_name": row.contact_name,
            "contact_phone": row.contact_phone, "status": row.status, "created_at": row.created_at,
            "handled_at": row.handled_at}


def handle_request(user, request_id, now=None):
    row = db.session.get(ContactRequest, request_id)
    if row is None or row.party_member_id != user.id:
        raise fail("request_not_found")
    if row.status != "handled":
        row.status, row.handled_at = "handled", now or utcnow()
        db.session.commit()
    return row
