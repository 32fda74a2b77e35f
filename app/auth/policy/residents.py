"""Resident cards (居民卡) and family links (家属代签).

Cards: the staff of the person's community (and the office) issue, print,
list and revoke them; nobody else learns a card exists (404).
Family links: the elder and the family member see and revoke their own; the
staff of the elder's community record a consent they witnessed, and see and
revoke the links of their community's people. Checking an elder in needs a
live link from that elder to the one scanning.
"""
from sqlalchemy import select, true

from app.auth.policy.scope import is_admin, staffed_community_ids, staffs_community
from app.extensions import db
from app.models import FamilyLink, User


def may_manage_person(user, person):
    """Issue or revoke a card for ``person``, or witness their consent."""
    return person is not None and staffs_community(user, person.community_id)


def cards_clause(user, card_user=User):
    """Which cards ``user`` sees, for lists (joined to the card's person)."""
    if is_admin(user):
        return true()
    return card_user.community_id.in_(sorted(staffed_community_ids(user)) or [-1])


def may_see_link(user, link):
    return user.id in (link.elder_id, link.family_id) or may_manage_person(user, link.elder)


def may_check_in_for(user, elder_id):
    """Is there a live link from ``elder_id`` to ``user``?"""
    return db.session.execute(select(FamilyLink.id).where(
        FamilyLink.elder_id == elder_id, FamilyLink.family_id == user.id, FamilyLink.status == "active")
    ).first() is not None
