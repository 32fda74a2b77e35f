"""Households not contacted for HOUSEHOLD_CONTACT_DAYS: remind their party member.

A paired household is overdue when its latest visit (or the pairing's start,
when later) lies HOUSEHOLD_CONTACT_DAYS or more days back. The daily job
tells each party member, in one subscription message (template
``household_overdue``), how many of their households became overdue, once
per household per overdue period: a ``household_reminders`` row per
(pairing, basis day) is written with ON CONFLICT DO NOTHING, so racing runs
and reruns remind nobody twice, and a new visit (a new basis) opens the next
period. The member sees which households in 我的联户 (``overdue``).
"""
import logging
from collections import defaultdict
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.households import service
from app.jobs import periodic
from app.localtime import local_date
from app.models import Household, HouseholdPairing, HouseholdReminder, User, utcnow
from app.models.base import insert_unless_exists

log = logging.getLogger(__name__)
TEMPLATE = "household_overdue"
PAGE = "households/pages/mine/mine"
reminders_table = HouseholdReminder.__table__


def overdue_pairings(now, days):
    """[(pairing, basis day)] of open pairings of active households overdue at ``now``."""
    today = local_date(now)
    pairings = db.session.execute(
        select(HouseholdPairing).join(Household, Household.id == HouseholdPairing.household_id)
        .join(User, User.id == HouseholdPairing.party_member_id)
        .where(HouseholdPairing.ended_at.is_(None), Household.status == "active", User.is_active.is_(True),
               HouseholdPairing.started_at <= now - timedelta(days=days))
        .order_by(HouseholdPairing.id)).scalars().all()
    contacts = service.last_contact_on([p.household_id for p in pairings])
    found = []
    for pairing in pairings:
        basis = service.contact_basis(pairing, contacts.get(pairing.household_id))
        if service.is_overdue(basis, today, days):
            found.append((pairing, basis))
    return found


def remind_uncontacted(now=None):
    """Take every overdue period not yet reminded and tell each member once.
    Returns {party member id: households newly reminded}."""
    now = now or utcnow()
    days = current_app.config["HOUSEHOLD_CONTACT_DAYS"]
    taken = defaultdict(list)
    for pairing, basis in overdue_pairings(now, days):
        new = db.session.execute(insert_unless_exists(reminders_table, {
            "pairing_id": pairing.id, "household_id": pairing.household_id,
            "party_member_id": pairing.party_member_id, "basis_on": basis, "reminded_at": now,
        }, ["pairing_id", "basis_on"], returning=[reminders_table.c.id])).first()
        if new is not None:
            taken[pairing.party_member_id].append(new[0])
    db.session.commit()
    for member_id, reminder_ids in taken.items():
        _send(member_id, reminder_ids, days)
    return {member_id: len(ids) for member_id, ids in taken.items()}


def _send(member_id, reminder_ids, days):
    from app.notices.automatic import notify_people  # the notices area's public function

    try:
        notify_people(f"households:overdue:{member_id}:{min(reminder_ids)}", "household_overdue", TEMPLATE,
                      {"thing1": f"有联系户超过{days}天未联系", "number2": str(len(reminder_ids)),
                       "thing3": "请尽快走访或电话联系"}, PAGE, [member_id], "联户党员")
    except Exception:  # recorded; a failed send must not stop the other members' reminders
        db.session.rollback()
        log.warning("household reminder for %s not queued", member_id, exc_info=True)


@periodic("households_remind_uncontacted", hour=9, minute=17, lock_seconds=600, embedded=True)
def remind_job(app):
    return remind_uncontacted()
