"""Resident cards (居民卡): community staff register a person without a
smartphone by phone number and print them a card whose code the organiser's
phone scans at every event. One live card per person: reissuing revokes the
old card in the same transaction, so a lost card stops working at once."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import Community, ResidentCard, User, utcnow
from app.models.base import lock_row
from app.users import offline


def person_for_card(staff, user_id=None, phone=None, name=None, community_id=None):
    """The person to issue a card to: by id, or by phone among the people of
    the staff's communities; a phone nobody there has, given with a name and
    a community, registers a resident without WeChat. Anyone out of reach is
    answered as nobody (user_not_found)."""
    if user_id is not None:
        person = db.session.get(User, user_id)
        if person is None or not policy.residents.may_manage_person(staff, person):
            raise APIError("user_not_found")
        return person
    people = db.session.execute(select(User).where(User.phone == phone, User.is_active.is_(True))
                                .order_by(User.id)).scalars()
    person = next((p for p in people if policy.residents.may_manage_person(staff, p)), None)
    if person is not None:
        return person
    name = (name or "").strip()
    if not name or community_id is None:
        raise APIError("user_not_found", "未找到该手机号的居民，请填写姓名和所在社区后登记")
    if db.session.get(Community, community_id) is None:
        raise APIError("not_found", "社区不存在")
    policy.require(policy.staffs_community(staff, community_id))
    person = offline.register(staff, phone, name, community_id, action="resident.register")
    return person or person_for_card(staff, phone=phone, name=name, community_id=community_id)


def issue(staff, person):
    """A new live card for ``person``; their previous card, if any, is revoked."""
    lock_row(User, person.id)  # two desks issuing at once: one after the other
    previous = db.session.execute(select(ResidentCard).where(
        ResidentCard.user_id == person.id, ResidentCard.revoked_at.is_(None))).scalar_one_or_none()
    now = utcnow()
    if previous is not None:
        previous.revoked_at, previous.revoked_by_id, previous.revoke_reason = now, staff.id, "补办新卡"
        db.session.flush()
    card = ResidentCard(user_id=person.id, issued_by_id=staff.id, issued_at=now)
    db.session.add(card)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise APIError("conflict", "该居民的卡刚被另一位工作人员补办，请刷新后查看") from None
    audit.record("resident.card_issue", actor=staff, target=person,
                 detail={"card_id": card.id, "replaces": previous.id if previous is not None else None})
    db.session.commit()
    return card


def revoke(staff, card, reason):
    if card.revoked_at is not None:
        return card
    card.revoked_at, card.revoked_by_id, card.revoke_reason = utcnow(), staff.id, reason
    audit.record("resident.card_revoke", actor=staff, target=card.user, detail={"card_id": card.id,
                                                                               "reason": reason})
    db.session.commit()
    return card


def visible_card(staff, card_id):
    card = db.session.get(ResidentCard, card_id)
    if card is None or not policy.residents.may_manage_person(staff, card.user):
        raise APIError("card_not_found")
    return card


def listed(staff, community_id=None, live_only=True, limit=20, offset=0):
    query = (select(ResidentCard, User).join(User, User.id == ResidentCard.user_id)
             .where(policy.residents.cards_clause(staff)))
    if community_id is not None:
        query = query.where(User.community_id == community_id)
    if live_only:
        query = query.where(ResidentCard.revoked_at.is_(None))
    total = db.session.execute(select(db.func.count()).select_from(query.subquery())).scalar()
    rows = db.session.execute(query.order_by(ResidentCard.id.desc()).limit(limit).offset(offset)).all()
    return rows, total


def masked_name(name):
    """张*华, 李*: enough for the holder to know the card is theirs, not
    enough for a finder to learn who they are."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name or "居民"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def card_serial(card):
    return f"JSK{card.id:07d}"
