"""The front door's part of see-my-data and of account closing: a closed
account's cards stop working and its family links end."""
from sqlalchemy import select

from app.extensions import db
from app.localtime import iso
from app.models import ResidentCard, utcnow
from app.residents import cards, family


def my_front_door(user):
    rows = db.session.execute(select(ResidentCard).where(ResidentCard.user_id == user.id)
                              .order_by(ResidentCard.id)).scalars().all()
    links = family.links_of(user)
    return {
        "resident_cards": [{"serial": cards.card_serial(c), "issued_at": iso(c.issued_at),
                            "revoked_at": iso(c.revoked_at)} for c in rows],
        "may_check_in": [{"name": link.elder.name, "relation": link.relation, "consent": link.consent}
                         for link in links["elders"]],
        "may_be_checked_in_by": [{"name": link.family.name, "relation": link.relation, "consent": link.consent}
                                 for link in links["family"]],
    }


def forget_closed_account(app, user_id, **kwargs):
    db.session.execute(db.update(ResidentCard).where(ResidentCard.user_id == user_id,
                                                     ResidentCard.revoked_at.is_(None))
                       .values(revoked_at=utcnow(), revoke_reason="账号注销"))
    family.end_all_for(user_id)
    db.session.commit()
