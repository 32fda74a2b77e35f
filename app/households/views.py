"""What the API shows of households and visits (shapes only; no writes)."""
from flask import current_app
from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.households import service
from app.localtime import local_date
from app.models import HouseholdPairing, utcnow

RELATION_LABELS = {"head": "户主", "spouse": "配偶", "child": "子女", "parent": "父母", "grandchild": "孙辈",
                   "sibling": "兄弟姐妹", "other": "其他"}
AGE_BAND_LABELS = {"child": "18岁以下", "youth": "18-39岁", "adult": "40-59岁", "senior": "60-79岁",
                   "elderly": "80岁及以上"}
VISIT_KIND_LABELS = {"visit": "走访", "call": "电话", "wechat": "微信"}
CLOSED_ACCOUNT = "已注销用户"


def person(user):
    return None if user is None else {"id": user.id, "name": user.name}


def pairing_view(pairing):
    if pairing is None:
        return None
    return {"id": pairing.id, "party_member": person(pairing.party_member), "started_at": pairing.started_at,
            "ended_at": pairing.ended_at, "end_reason": pairing.end_reason}


def member_view(member):
    return {"name": member.name, "relation": member.relation, "relation_label": RELATION_LABELS[member.relation],
            "age_band": member.age_band, "age_band_label": AGE_BAND_LABELS.get(member.age_band),
            "phone": member.phone}


def open_pairings(household_ids):
    if not household_ids:
        return {}
    rows = db.session.execute(select(HouseholdPairing).where(HouseholdPairing.household_id.in_(household_ids),
                                                             HouseholdPairing.ended_at.is_(None))).scalars()
    return {p.household_id: p for p in rows}


def household_views(households, user, detail=False, now=None):
    """The views of ``households`` (a list), with their pairings and last
    contacts read in two queries."""
    ids = [h.id for h in households]
    pairings, contacts = open_pairings(ids), service.last_contact_on(ids)
    today = local_date(now or utcnow())
    days = current_app.config["HOUSEHOLD_CONTACT_DAYS"]
    views = []
    for household in households:
        pairing = pairings.get(household.id)
        last = contacts.get(household.id)
        overdue = pairing is not None and service.is_overdue(service.contact_basis(pairing, last), today, days)
        view = {
            "id": household.id, "community_id": household.community_id, "address": household.address,
            "grid": {"id": household.grid.id, "name": household.grid.name,
                     "community_id": household.grid.community_id},
            "status": household.status, "members": [member_view(m) for m in household.members],
            "head_name": household.members[0].name if household.members else None,
            "pairing": pairing_view(pairing), "last_contact_on": last, "overdue": overdue,
            "can_edit": policy.households.may_edit(user, household),
            "can_pair": policy.households.may_pair(user, household),
            "can_log_visit": pairing is not None and pairing.party_member_id == user.id,
        }
        if detail:
            history = db.session.execute(select(HouseholdPairing).where(HouseholdPairing.household_id == household.id)
                                         .order_by(HouseholdPairing.id.desc())).scalars()
            view.update(notes=household.notes, history=[pairing_view(p) for p in history])
        views.append(view)
    return views


def visit_view(visit):
    author = visit.author
    return {"id": visit.id, "household_id": visit.household_id, "visited_on": visit.visited_on, "kind": visit.kind,
            "kind_label": VISIT_KIND_LABELS[visit.kind], "discussed": visit.discussed,
            "needs_found": visit.needs_found, "need_id": visit.need_id, "work_order_id": visit.work_order_id,
            "author": person(author),
            "author_name": author.name if author is not None and author.name else CLOSED_ACCOUNT,
            "created_at": visit.created_at}
