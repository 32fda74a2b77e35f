"""需求清单: raising needs (点单), cancelling them, dispatching them to units
(派单) and units claiming open public needs (抢单).

``raise_need`` is the public service other areas call (grid reports,
household visits, whistles, roundtables): see docs/alliance-needs.md.
"""
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select, update

from app import signals
from app.errors import APIError
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import NEED_SOURCES, Community, Duty, MemberUnit, Need, utcnow
from app.needs import rules
from app.needs.timeline import add_step, lock_need, settle_need

DEFAULT_ANSWER_WITHIN = timedelta(days=2)
DEFAULT_DONE_WITHIN = timedelta(days=7)
needs_table = Need.__table__


def raise_need(source, source_ref=None, *, title, kind, community_id, description=None, service=None,
               urgency="normal", place=None, latitude=None, longitude=None, wanted_by=None, raised_by=None,
               is_public=False, contact_name=None, contact_phone=None, photo_ids=(), actor=None, now=None):
    """Put a need on the 需求清单 and write its first step; returns the Need.

    For other areas: ``source`` is one of NEED_SOURCES ("grid_report",
    "household_visit", "whistle", "roundtable"...), ``source_ref`` what it
    came from ("report:12"). Raising the same (source, source_ref) again
    returns the need already raised, so a retried job adds nothing. It
    flushes but does not commit: the caller's transaction keeps it or not.
    ``actor``: who wrote it down, when not the raiser (staff for a resident)."""
    if source not in NEED_SOURCES:
        raise ValueError(f"unknown need source {source!r}")
    if source_ref is not None:
        existing = db.session.execute(
            select(Need).where(Need.source == source, Need.source_ref == source_ref)).scalar_one_or_none()
        if existing is not None:
            return existing
    if db.session.get(Community, community_id) is None:
        raise APIError("validation_failed", details={"json": {"community_id": ["社区不存在"]}})
    need = Need(title=title, description=description, kind=kind, service=service, urgency=urgency,
                community_id=community_id, place=place, latitude=latitude, longitude=longitude,
                wanted_by=wanted_by, source=source, source_ref=source_ref,
                raised_by_id=getattr(raised_by, "id", raised_by), is_public=bool(is_public),
                contact_name=contact_name, contact_phone=contact_phone, photo_ids=list(photo_ids or ()),
                status="open", created_at=now or utcnow())
    db.session.add(need)
    db.session.flush()
    add_step(need.id, "raise", to_status="open", actor=actor if actor is not None else raised_by,
             at=need.created_at)
    db.session.flush()
    return need


def cancel(actor, need_id, reason, now=None):
    """The raiser (or the community) withdraws a need nobody has accepted;
    dispatched and claimed duties are withdrawn with it."""
    need = lock_need(need_id)
    if need.status not in rules.CANCELLABLE:
        raise APIError("need_not_cancellable")
    now = now or utcnow()
    for duty in need.duties:
        if duty.status in ("offered", "claimed"):
            add_step(need.id, "withdraw", duty_id=duty.id, from_status=duty.status, to_status="withdrawn",
                     actor=actor, note="需求已取消", at=now)
            duty.status = "withdrawn"
    add_step(need.id, "cancel", from_status=need.status, to_status="cancelled", actor=actor, note=reason, at=now)
    need.status, need.closed_at = "cancelled", now
    db.session.commit()
    return need


def _deadline(value, default):
    return value if value is not None else default


def default_due_by(need, now):
    """The end of the wanted-by day (Beijing time), else a week from now."""
    if need.wanted_by is not None:
        return datetime.combine(need.wanted_by, time(23, 59), CHINA_TZ)
    return now + DEFAULT_DONE_WITHIN


def dispatch(actor, need_id, unit_ids, accept_by=None, due_by=None, note=None, now=None):
    """派单: one offered duty per unit, each answered by ``accept_by`` and done
    by ``due_by``. Returns the new duties."""
    need = lock_need(need_id)
    if need.status not in rules.DISPATCHABLE:
        raise APIError("need_not_dispatchable")
    now = now or utcnow()
    accept_by = _deadline(accept_by, now + DEFAULT_ANSWER_WITHIN)
    due_by = _deadline(due_by, max(default_due_by(need, now), accept_by))
    if accept_by <= now:
        raise APIError("validation_failed", "接单期限须晚于现在",
                       details={"json": {"accept_by": ["接单期限须晚于现在"]}})
    if due_by < accept_by:
        raise APIError("validation_failed", "办结期限不能早于接单期限",
                       details={"json": {"due_by": ["办结期限不能早于接单期限"]}})
    units = db.session.execute(select(MemberUnit).where(MemberUnit.id.in_(unit_ids))).scalars().all()
    if len(units) != len(set(unit_ids)):
        raise APIError("unit_not_found")
    if any(u.status != "active" for u in units):
        raise APIError("unit_not_active")
    holding = {d.unit_id for d in need.duties if rules.is_live(d.status)}
    if holding & set(unit_ids):
        raise APIError("duty_exists")
    duties = []
    for unit in sorted(units, key=lambda u: unit_ids.index(u.id)):
        duty = Duty(need_id=need.id, unit_id=unit.id, status="offered", dispatched_by_id=actor.id,
                    accept_by=accept_by, due_by=due_by)
        db.session.add(duty)
        db.session.flush()
        add_step(need.id, "dispatch", duty_id=duty.id, to_status="offered", actor=actor, note=note, at=now)
        duties.append(duty)
    settle_need(need, actor, at=now)
    db.session.commit()
    return duties


def claim(actor, need_id, unit_id, note=None, now=None):
    """抢单: a unit asks to take an open public need. Of units racing for one
    need exactly one wins: the need moves open → claimed in one conditional
    UPDATE, and only the request whose UPDATE matched goes on."""
    now = now or utcnow()
    unit = db.session.get(MemberUnit, unit_id)
    if unit is None:
        raise APIError("unit_not_found")
    if unit.status != "active":
        raise APIError("unit_not_active")
    won = db.session.execute(
        update(needs_table)
        .where(needs_table.c.id == need_id, needs_table.c.status.in_(rules.CLAIMABLE),
               needs_table.c.is_public.is_(True))
        .values(status="claimed", updated_at=now)
    ).rowcount
    if not won:
        db.session.rollback()
        need = db.session.get(Need, need_id)
        raise APIError("need_not_public" if need is not None and not need.is_public else "need_not_open")
    need = lock_need(need_id)
    duty = Duty(need_id=need.id, unit_id=unit.id, status="claimed", accept_by=None,
                due_by=default_due_by(need, now))
    db.session.add(duty)
    db.session.flush()
    add_step(need.id, "claim", duty_id=duty.id, to_status="claimed", actor=actor, note=note, at=now)
    add_step(need.id, "need_status", from_status="open", to_status="claimed", actor=actor, at=now)
    db.session.commit()
    return duty


def send_need_done(need_id):
    """After the commit that made a need done: tell the areas that count them."""
    need = db.session.get(Need, need_id)
    signals.need_done.send(current_app._get_current_object(), need_id=need.id, community_id=need.community_id,
                           unit_ids=[d.unit_id for d in need.duties if rules.is_live(d.status)])
