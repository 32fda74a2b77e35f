"""The party member's side of 党员联户 (on the households blueprint): my
households, my 联户证 and its PDF, the messages households send through it;
and the page a household member reaches by scanning the card."""
from flask import Response
from marshmallow import fields, validate
from sqlalchemy import func, select

from app.auth.permissions import current_user, login_required
from app.extensions import db
from app.households import card_pdf, cards, views
from app.households.audit import record_reads
from app.households.routes import blp
from app.households.schemas import PHONE, HouseholdPageSchema, PageArgs, PersonRefSchema
from app.localtime import LocalDateTime
from app.models import ContactRequest, Household, HouseholdPairing
from app.schemas import Schema, Text

BINARY = {"type": "string", "format": "binary"}
PDF = "application/pdf"


class CardSchema(Schema):
    code = fields.String(metadata={"description": "the signed code the card's QR carries (the page's scene)"})
    page = fields.String()
    party_member = fields.Nested(PersonRefSchema)
    branch = fields.String(allow_none=True)
    community = fields.String(allow_none=True)
    grids = fields.List(fields.String())
    issued_at = LocalDateTime()


class ReachCardSchema(Schema):
    party_member = fields.Nested(PersonRefSchema)
    branch = fields.String(allow_none=True)
    community = fields.String(allow_none=True)
    grids = fields.List(fields.String())


class RequestCreateSchema(Schema):
    message = Text(required=True, validate=validate.Length(min=2, max=500, error="留言需为 2 到 500 个字"))
    contact_name = Text(allow_none=True, validate=validate.Length(max=32, error="称呼不能超过 32 个字"))
    contact_phone = Text(allow_none=True, validate=PHONE)


class RequestSchema(Schema):
    id = fields.Integer()
    message = fields.String()
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "new | handled"})
    created_at = LocalDateTime()
    handled_at = LocalDateTime(allow_none=True)


class RequestPageSchema(Schema):
    items = fields.List(fields.Nested(RequestSchema))
    total = fields.Integer()
    new = fields.Integer(metadata={"description": "how many are not handled yet"})
    limit = fields.Integer()
    offset = fields.Integer()


@blp.route("/me/households", methods=["GET"])
@login_required
@blp.arguments(PageArgs, location="query")
@blp.response(200, HouseholdPageSchema)
def my_households(args):
    """我的联户: the households I am paired with now, overdue first (each row audited)."""
    user = current_user()
    query = (select(Household).join(HouseholdPairing, HouseholdPairing.household_id == Household.id)
             .where(HouseholdPairing.party_member_id == user.id, HouseholdPairing.ended_at.is_(None)))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = db.session.execute(query.order_by(Household.address, Household.id)).scalars().all()
    items = sorted(views.household_views(page, user), key=lambda v: (not v["overdue"], v["address"]))
    items = items[args["offset"]:args["offset"] + args["limit"]]
    shown = {v["id"] for v in items}
    record_reads(user, [h for h in page if h.id in shown], "list", listed=True)
    return {"items": items, "total": total, "limit": args["limit"], "offset": args["offset"]}


@blp.route("/me/contact-card", methods=["POST"])
@login_required
@blp.response(200, CardSchema)
def issue_my_card():
    """领取联户证: my card, issued on first call (confirmed party members)."""
    return cards.card_view(cards.ensure_card(current_user()))


@blp.route("/me/contact-card", methods=["GET"])
@login_required
@blp.response(200, CardSchema)
@blp.alt_response(404, schema="Error", description="card_not_issued: POST first")
def my_card():
    card = cards.live_card(current_user().id)
    if card is None:
        raise cards.fail("card_not_issued")
    return cards.card_view(card)


@blp.route("/me/contact-card/renew", methods=["POST"])
@login_required
@blp.response(200, CardSchema)
def renew_my_card():
    """补办联户证: the old card's QR code stops working; a new one is issued."""
    return cards.card_view(cards.renew_card(current_user()))


@blp.route("/me/contact-card.pdf", methods=["GET"])
@login_required
@blp.response(200, BINARY, description="my 联户证 as a printable PDF (A6)", content_type=PDF)
@blp.alt_response(404, schema="Error", description="card_not_issued: POST /me/contact-card first")
def my_card_pdf():
    card = cards.live_card(current_user().id)
    if card is None:
        raise cards.fail("card_not_issued")
    view = cards.card_view(card)
    pdf = card_pdf.render(view, card_pdf.wxacode_png(view["code"], cards.REACH_PAGE))
    return Response(pdf, mimetype=PDF, headers={"Content-Disposition": "inline; filename=contact-card.pdf",
                                                "Cache-Control": "no-store"})


@blp.route("/contact-cards/<string:code>", methods=["GET"])
@login_required
@blp.response(200, ReachCardSchema)
@blp.alt_response(404, schema="Error", description="card_invalid: forged, altered or revoked")
def reach_card(code):
    """The page a scanned 联户证 opens: whose card it is (no phone number)."""
    view = cards.card_view(cards.card_for_code(code))
    return {key: view[key] for key in ("party_member", "branch", "community", "grids")}


@blp.route("/contact-cards/<string:code>/requests", methods=["POST"])
@login_required
@blp.arguments(RequestCreateSchema)
@blp.response(201, RequestSchema)
@blp.alt_response(404, schema="Error", description="card_invalid: forged, altered or revoked")
def send_request(body, code):
    """给联户党员留言: the party member sees it and, if they allowed it, gets a message."""
    row = cards.send_request(current_user(), code, message=body["message"], contact_name=body.get("contact_name"),
                             contact_phone=body.get("contact_phone"))
    return cards.request_view(row)


@blp.route("/me/household-requests", methods=["GET"])
@login_required
@blp.arguments(PageArgs, location="query")
@blp.response(200, RequestPageSchema)
def my_requests(args):
    """群众留言: messages households sent me through my card, newest first."""
    user = current_user()
    query = select(ContactRequest).where(ContactRequest.party_member_id == user.id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    new = db.session.execute(select(func.count()).select_from(
        query.where(ContactRequest.status == "new").subquery())).scalar_one()
    rows = db.session.execute(query.order_by(ContactRequest.id.desc()).limit(args["limit"])
                              .offset(args["offset"])).scalars()
    return {"items": [cards.request_view(r) for r in rows], "total": total, "new": new, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/me/household-requests/<int:request_id>/handle", methods=["POST"])
@login_required
@blp.response(200, RequestSchema)
@blp.alt_response(404, schema="Error", description="request_not_found: not a message to me")
def handle_request(request_id):
    """Mark a message handled (已处理)."""
    return cards.request_view(cards.handle_request(current_user(), request_id))
