"""A party member's own 党员联户 data in see-my-data, and what account closing
does to it: their open pairings end (the households go back to the community
to pair again), their visit rows stay in the households' 联户记录本 without
their name (author removed: shown as 已注销用户), their cards are revoked and
the messages sent to them or by them are deleted."""
from sqlalchemy import delete, select, update

from app.extensions import db
from app.localtime import iso
from app.models import ContactCard, ContactRequest, Household, HouseholdPairing, HouseholdVisit, utcnow

CLOSED_REASON = "党员账号注销"


def personal_data(user):
    pairings = db.session.execute(
        select(HouseholdPairing, Household.address).join(Household, Household.id == HouseholdPairing.household_id)
        .where(HouseholdPairing.party_member_id == user.id).order_by(HouseholdPairing.id)).all()
    visits = db.session.execute(select(HouseholdVisit).where(HouseholdVisit.author_id == user.id)
                                .order_by(HouseholdVisit.id)).scalars().all()
    sent = db.session.execute(select(ContactRequest).where(ContactRequest.sender_id == user.id)
                              .order_by(ContactRequest.id)).scalars().all()
    return {
        "pairings": [{"household_id": p.household_id, "address": address, "started_at": iso(p.started_at),
                      "ended_at": iso(p.ended_at)} for p, address in pairings],
        "visits": [{"household_id": v.household_id, "visited_on": v.visited_on.isoformat(), "kind": v.kind,
                    "discussed": v.discussed, "needs_found": v.needs_found} for v in visits],
        "messages_sent": [{"message": r.message, "created_at": iso(r.created_at)} for r in sent],
    }


def close_account(app, user_id, **_):
    """``account_closed`` receiver."""
    now = utcnow()
    db.session.execute(update(HouseholdPairing).where(HouseholdPairing.party_member_id == user_id,
                                                      HouseholdPairing.ended_at.is_(None))
                       .values(ended_at=now, end_reason=CLOSED_REASON))
    db.session.execute(update(HouseholdPairing).where(HouseholdPairing.party_member_id == user_id)
                       .values(party_member_id=None))
    db.session.execute(update(HouseholdVisit).where(HouseholdVisit.author_id == user_id).values(author_id=None))
    db.session.execute(delete(ContactRequest).where((ContactRequest.sender_id == user_id)
                                                    | (ContactRequest.party_member_id == user_id)))
    db.session.execute(update(ContactCard).where(ContactCard.party_member_id == user_id,
                                                 ContactCard.revoked_at.is_(None)).values(revoked_at=now))
    db.session.commit()
