"""党员联户: households, pairing them with party members, the 联户记录本.

Plain functions: the handlers ask the policy first; these keep the rules
(one open pairing a household, only confirmed party members, visits by the
paired member) and commit what they change with its audit row.
"""
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.errors import APIError, invalid
from app.extensions import db
from app.localtime import local_date
from app.models import (
    Grid,
    Household,
    HouseholdMember,
    HouseholdPairing,
    HouseholdVisit,
    PartyMembership,
    User,
    utcnow,
)
from app.models.base import lock_row

ERRORS = {
    "household_not_found": (404, "该户不存在"),
    "grid_not_found": (404, "网格不存在"),
    "household_paired": (409, "该户已有联户党员，如需更换请选择「更换联户党员」"),
    "household_not_paired": (409, "该户当前没有联户党员"),
    "household_archived": (409, "该户已迁出归档，不能联户或记录走访"),
    "not_a_party_member": (422, "所选人员不是已确认的党员"),
    "visit_in_future": (422, "走访日期不能晚于今天"),
    "household_grid_unplaced": (409, "该户所在网格尚未划定边界，无法转为随手拍工单，请选择「转为需求」"),
}


def fail(code, **details):
    status, message = ERRORS[code]
    return APIError(code, message, status=status, details=details or None)


def _members(rows):
    return [HouseholdMember(position=i, name=m.get("name"), relation=m.get("relation") or "other",
                            age_band=m.get("age_band"), phone=m.get("phone")) for i, m in enumerate(rows)]


def create_household(actor, grid, *, address, members=(), notes=None, now=None):
    household = Household(grid_id=grid.id, community_id=grid.community_id, address=address, notes=notes,
                          created_by_id=actor.id, created_at=now or utcnow())
    household.members = _members(members)
    db.session.add(household)
    db.session.flush()
    audit.record("household.create", actor, household, {"grid_id": grid.id})
    db.session.commit()
    return household


def update_household(actor, household, changes, now=None):
    """Edit address, notes, members (the whole list replaces the old one), or
    archive it (status archived: a household that moved away; its pairing ends)."""
    household = lock_row(Household, household.id)
    now = now or utcnow()
    changed = sorted(changes)
    if "grid_id" in changes and changes["grid_id"] != household.grid_id:
        grid = db.session.get(Grid, changes["grid_id"])
        if grid is None or grid.community_id != household.community_id:
            raise invalid("grid_id", "只能移到本社区的网格")
        household.grid_id = grid.id
    for key in ("address", "notes"):
        if key in changes:
            setattr(household, key, changes[key])
    if "members" in changes:
        household.members = _members(changes["members"])
    if changes.get("status") and changes["status"] != household.status:
        household.status = changes["status"]
        household.archived_at = now if household.status == "archived" else None
        if household.status == "archived":
            _end_open_pairing(actor, household.id, "住户迁出，归档", now)
    household.updated_at = now
    audit.record("household.update", actor, household, {"fields": changed})
    db.session.commit()
    return household


def open_pairing(household_id):
    return db.session.execute(
        select(HouseholdPairing).where(HouseholdPairing.household_id == household_id,
                                       HouseholdPairing.ended_at.is_(None))
    ).scalar_one_or_none()


def is_confirmed_party_member(user_id):
    return db.session.execute(
        select(PartyMembership.id).join(User, User.id == PartyMembership.user_id)
        .where(PartyMembership.user_id == user_id, PartyMembership.status == "confirmed",
               User.is_active.is_(True))
    ).first() is not None


def _end_open_pairing(actor, household_id, reason, now):
    current = open_pairing(household_id)
    if current is not None:
        current.ended_at, current.ended_by_id, current.end_reason = now, getattr(actor, "id", None), reason
        db.session.flush()
    return current


def pair(actor, household_id, party_member_id, *, replace=False, now=None):
    """Pair the household with a confirmed party member. An already paired
    household keeps its member unless ``replace`` (then the old pairing ends
    now). Racing pairers go one at a time on the household's row, and the
    unique index on open pairings stands behind that: one pairing is left."""
    now = now or utcnow()
    if not is_confirmed_party_member(party_member_id):
        raise fail("not_a_party_member", json={"party_member_id": ["所选人员不是已确认的党员"]})
    household = lock_row(Household, household_id)
    if household is None:
        raise fail("household_not_found")
    if household.status != "active":
        raise fail("household_archived")
    current = open_pairing(household.id)
    if current is not None and current.party_member_id == party_member_id:
        db.session.rollback()
        return current  # asked again: nothing changes
    if current is not None and not replace:
        raise fail("household_paired")
    _end_open_pairing(actor, household.id, "更换联户党员", now)
    pairing = HouseholdPairing(household_id=household.id, party_member_id=party_member_id, paired_by_id=actor.id,
                               started_at=now)
    db.session.add(pairing)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise fail("household_paired") from None
    audit.record("household.pair", actor, household, {"party_member_id": party_member_id,
                                                      "replaced": current.party_member_id if current else None})
    db.session.commit()
    return pairing


def unpair(actor, household_id, reason=None, now=None):
    household = lock_row(Household, household_id)
    ended = _end_open_pairing(actor, household.id, reason or "解除联户", now or utcnow())
    if ended is None:
        raise fail("household_not_paired")
    audit.record("household.unpair", actor, household, {"party_member_id": ended.party_member_id})
    db.session.commit()
    return ended


def log_visit(author, household, *, visited_on, kind, discussed, needs_found=None, need=None, report=None,
              now=None):
    """Write a visit in the 联户记录本. ``need`` ({title, kind, service,
    urgency}) puts what was found on the alliance's 需求清单 as a need of the
    household's community (source household_visit); ``report`` ({category,
    description}) files it as a 随手拍 work order of the household's grid.
    Both in the same commit as the visit."""
    now = now or utcnow()
    if visited_on > local_date(now):
        raise fail("visit_in_future", json={"visited_on": ["走访日期不能晚于今天"]})
    if household.status != "active":
        raise fail("household_archived")
    pairing = open_pairing(household.id)
    visit = HouseholdVisit(household_id=household.id, pairing_id=pairing.id if pairing else None,
                           author_id=author.id, visited_on=visited_on, kind=kind, discussed=discussed,
                           needs_found=needs_found, created_at=now)
    db.session.add(visit)
    db.session.flush()
    if need is not None:
        visit.need_id = _raise_need(author, household, visit, need, now).id
    if report is not None:
        visit.work_order_id = file_report_from_visit(author, household, visit, report, now).id
    audit.record("household.visit", author, household, {"visit_id": visit.id, "need_id": visit.need_id,
                                                        "work_order_id": visit.work_order_id})
    db.session.commit()
    return visit


def _raise_need(author, household, visit, need, now):
    from app.needs.service import raise_need  # the needs area's documented service

    return raise_need(
        "household_visit", f"visit:{visit.id}", title=need["title"], kind=need["kind"],
        community_id=household.community_id, description=need.get("description") or visit.needs_found,
        service=need.get("service"), urgency=need.get("urgency") or "normal", raised_by=author, now=now)


def file_report_from_visit(author, household, visit, report, now=None):
    """File what the visit found as a 随手拍 work order (the reports area's
    documented service). A household has an address, not coordinates: the
    order is placed at the centre of the household's grid, so it lands on
    that grid's workers, and the address goes into the description."""
    from app.reports.service import file_report

    grid = db.session.get(Grid, household.grid_id)
    if grid is None or grid.min_lat is None:
        raise fail("household_grid_unplaced")
    description = f"{report['description']}（走访发现，地址：{household.address}）"
    return file_report(author, category=report["category"], description=description[:1000],
                       latitude=(grid.min_lat + grid.max_lat) / 2, longitude=(grid.min_lng + grid.max_lng) / 2,
                       source="household_visit", source_ref=f"visit:{visit.id}", place=household.address,
                       now=now)


def last_contact_on(household_ids):
    """{household id: the day of its latest visit}."""
    if not household_ids:
        return {}
    rows = db.session.execute(
        select(HouseholdVisit.household_id, func.max(HouseholdVisit.visited_on))
        .where(HouseholdVisit.household_id.in_(household_ids)).group_by(HouseholdVisit.household_id))
    return dict(rows.all())


def contact_basis(pairing, last_visit_on):
    """The day from which a paired household's silence counts: its latest
    contact, or the pairing's start when that is later (a new member starts
    afresh)."""
    started = local_date(pairing.started_at)
    return max(started, last_visit_on) if last_visit_on else started


def is_overdue(basis_on, today, days):
    return basis_on + timedelta(days=days) <= today
