"""The front door's resident endpoints: my 居民码, resident cards issued by
community staff, and family links for 家属代签."""
import base64
from datetime import datetime, timezone

from flask import Response
from flask_smorest import Blueprint
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.checkin import qr, resident_codes
from app.errors import APIError
from app.extensions import db
from app.localtime import iso
from app.models import FamilyLink, User
from app.residents import card_pdf, cards, family
from app.residents.schemas import (
    AcceptSchema,
    ResidentCardListArgs,
    ResidentCardPageSchema,
    ResidentCardRequestSchema,
    ResidentCardSchema,
    CodeArgs,
    FamilyLinkSchema,
    InvitationSchema,
    MyFamilySchema,
    ResidentCodeSchema,
    RevokeSchema,
    WitnessSchema,
)
from app.schemas import ErrorSchema

blp = Blueprint("residents", __name__, url_prefix="/api/v1",
                description="The front door: resident codes and cards, family check-in (家属代签)")
NO_STORE = {"Cache-Control": "no-store"}
PNG = {"type": "string", "format": "binary"}


def card_view(card, holder):
    return {"id": card.id, "serial": cards.card_serial(card), "user_id": card.user_id, "holder_name": holder.name,
            "masked_name": cards.masked_name(holder.name), "community_id": holder.community_id,
            "issued_at": card.issued_at, "revoked_at": card.revoked_at, "revoke_reason": card.revoke_reason}


@blp.route("/me/resident-code", methods=["GET"])
@login_required
@blp.arguments(CodeArgs, location="query")
@blp.response(200, ResidentCodeSchema)
@blp.alt_response(200, schema=PNG, content_type="image/png", success=True)
def my_resident_code(args):
    """My 居民码: the organiser scans it to check me in when I cannot scan.
    It changes every minute; redraw it by ``refresh_in``."""
    issued = resident_codes.rotating(current_user().id)
    if args["format"] == "png":
        expires = datetime.fromtimestamp(issued.expires_at, timezone.utc)
        return Response(qr.png(issued.url), mimetype="image/png", headers={
            **NO_STORE, "X-Token-Expires-At": iso(expires), "X-Token-Refresh-In": f"{issued.refresh_in:.3f}"})
    return {"code": issued.code, "url": issued.url, "refresh_in": round(issued.refresh_in, 3),
            "expires_at": datetime.fromtimestamp(issued.expires_at, timezone.utc)}, 200, NO_STORE


@blp.route("/resident-cards", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ResidentCardRequestSchema)
@blp.response(201, ResidentCardSchema)
@blp.alt_response(404, schema=ErrorSchema, description="user_not_found")
def issue_card(body):
    """Issue (or reissue) a resident card for someone without a smartphone:
    by user id, or by phone (a phone nobody in my communities has, with a
    name and community, registers them). The previous card stops working."""
    staff = current_user()
    person = cards.person_for_card(staff, user_id=body.get("user_id"), phone=body.get("phone"),
                                   name=body.get("name"), community_id=body.get("community_id"))
    return card_view(cards.issue(staff, person), person)


@blp.route("/resident-cards", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(ResidentCardListArgs, location="query")
@blp.response(200, ResidentCardPageSchema)
def list_cards(args):
    """Resident cards of my communities' people, newest first."""
    rows, total = cards.listed(current_user(), args.get("community_id"), not args["include_revoked"],
                               args["limit"], args["offset"])
    return {"items": [card_view(card, holder) for card, holder in rows], "total": total,
            "limit": args["limit"], "offset": args["offset"]}


@blp.route("/resident-cards/<int:card_id>/pdf", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, PNG, content_type="application/pdf", description="the card to print (A6)")
@blp.alt_response(404, schema=ErrorSchema, description="card_not_found")
@blp.alt_response(409, schema=ErrorSchema, description="card_revoked")
def card_pdf_file(card_id):
    """The card to print: A6, the name masked, the code large."""
    card = cards.visible_card(current_user(), card_id)
    if card.revoked_at is not None:
        raise APIError("card_revoked")
    holder = card.user
    serial = cards.card_serial(card)
    pdf = card_pdf.render(card, cards.masked_name(holder.name), holder.community.name if holder.community else None,
                          resident_codes.card_code(card).url, serial)
    return Response(pdf, mimetype="application/pdf",
                    headers={**NO_STORE, "Content-Disposition": f'inline; filename="{serial}.pdf"'})


@blp.route("/resident-cards/<int:card_id>/revoke", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(RevokeSchema)
@blp.response(200, ResidentCardSchema)
@blp.alt_response(404, schema=ErrorSchema, description="card_not_found")
def revoke_card(body, card_id):
    """Withdraw a card (lost, or the person moved): its code is refused from now on."""
    card = cards.revoke(current_user(), cards.visible_card(current_user(), card_id), body["reason"])
    return card_view(card, card.user)


def link_view(link):
    return {"id": link.id, "relation": link.relation, "consent": link.consent, "status": link.status,
            "created_at": link.created_at, "elder": {"id": link.elder.id, "name": link.elder.name},
            "family": {"id": link.family.id, "name": link.family.name}}


@blp.route("/me/family", methods=["GET"])
@login_required
@blp.response(200, MyFamilySchema)
def my_family():
    """Whom I may check in (家属代签), and who may check me in."""
    links = family.links_of(current_user())
    return {side: [link_view(link) for link in rows] for side, rows in links.items()}


@blp.route("/me/family/invitation", methods=["POST"])
@login_required
@blp.response(201, InvitationSchema)
def invite_family():
    """An invitation (valid 10 minutes) for a family member to scan: showing
    it is my consent that they check me in and out of events."""
    code, expires = family.invitation(current_user())
    image = "data:image/png;base64," + base64.b64encode(qr.png(code)).decode()
    return {"code": code, "qr_png": image, "expires_at": datetime.fromtimestamp(expires, timezone.utc)}


@blp.route("/me/family", methods=["POST"])
@login_required
@blp.arguments(AcceptSchema)
@blp.response(201, FamilyLinkSchema)
@blp.alt_response(200, schema=FamilyLinkSchema, description="the link was already there", success=True)
@blp.alt_response(409, schema=ErrorSchema, description="family_invite_invalid")
def accept_invitation(body):
    """I scanned my family member's invitation: I may now check them in."""
    link, created = family.accept(current_user(), body["invitation"], body.get("relation"))
    return link_view(link), 201 if created else 200


@blp.route("/residents/<int:user_id>/family", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(WitnessSchema)
@blp.response(201, FamilyLinkSchema)
@blp.alt_response(200, schema=FamilyLinkSchema, description="the link was already there", success=True)
@blp.alt_response(404, schema=ErrorSchema, description="user_not_found")
def witness_family(body, user_id):
    """Record, as community staff, the consent an elder without a phone gave
    in person: the family member (by their phone) may check them in."""
    staff = current_user()
    elder = db.session.get(User, user_id)
    if elder is None or not policy.residents.may_manage_person(staff, elder):
        raise APIError("user_not_found")
    relative = db.session.execute(select(User).where(User.phone == body["family_phone"], User.is_active.is_(True),
                                                     ~User.openid.startswith("offline:"))
                                  .order_by(User.id)).scalars().first()
    if relative is None:
        raise APIError("user_not_found", "未找到使用该手机号的小程序用户，请家属先登录小程序并绑定手机号")
    link, created = family.witness(staff, elder, relative, body.get("relation"))
    return link_view(link), 201 if created else 200


@blp.route("/family-links/<int:link_id>/revoke", methods=["POST"])
@login_required
@blp.response(200, FamilyLinkSchema)
@blp.alt_response(404, schema=ErrorSchema, description="family_link_not_found")
def revoke_family_link(link_id):
    """End a 家属代签 link (the elder, the family member, or the elder's community staff)."""
    user = current_user()
    link = db.session.get(FamilyLink, link_id)
    if link is None or not policy.residents.may_see_link(user, link):
        raise APIError("family_link_not_found")
    return link_view(family.revoke(user, link))
