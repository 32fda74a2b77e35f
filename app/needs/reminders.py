"""Overdue duties: reminders that escalate, and the 7-day auto-close.

A duty is overdue when it is offered past its accept-by (nobody answered) or
accepted past its done-by (not finished). The periodic job reminds once a
day: the first day the unit's contacts, the next day the community's staff,
then the alliance office (and the office again on later days). "Once a day"
holds with several schedulers or workers at once: a run takes the day's
reminder of a duty with a conditional UPDATE of ``last_reminded_on`` (and of
``escalation_level`` as it read it), and only the run whose UPDATE matched
sends. Each reminder is a subscription message through the notices area's
queue (template ``duty_reminder``) and a ``remind`` step in the timeline.
"""
import logging

from sqlalchemy import or_, select, update

from app.auth import roles
from app.errors import APIError
from app.extensions import db
from app.jobs import periodic
from app.localtime import chinese_datetime, local_date
from app.models import Duty, MemberUnit, Need, RoleGrant, User, utcnow
from app.needs import rules
from app.needs.duties import move
from app.needs.timeline import add_step

log = logging.getLogger(__name__)
duties_table = Duty.__table__
TEMPLATE = "duty_reminder"
LEVEL_LABELS = ("共建单位联络人", "社区工作人员", "联盟办公室")
WHAT = {"offered": "逾期未接单，请尽快处理", "accepted": "逾期未办结，请尽快处理"}


def overdue_duties(now):
    return db.session.execute(
        select(Duty).where(or_((Duty.status == "offered") & (Duty.accept_by < now),
                               (Duty.status == "accepted") & (Duty.due_by < now)))
        .order_by(Duty.id)
    ).scalars().all()


def take_todays_reminder(duty, today):
    """Claim today's reminder of ``duty``: the level it goes to, or None when
    it was reminded today already (by this run or a racing one)."""
    level = 0 if duty.last_reminded_on is None else min(duty.escalation_level + 1, len(LEVEL_LABELS) - 1)
    reminded_before = duty.last_reminded_on
    taken = db.session.execute(
        update(duties_table)
        .where(duties_table.c.id == duty.id, duties_table.c.status == duty.status,
               duties_table.c.escalation_level == duty.escalation_level,
               duties_table.c.last_reminded_on.is_(None) if reminded_before is None
               else duties_table.c.last_reminded_on == reminded_before,
               or_(duties_table.c.last_reminded_on.is_(None), duties_table.c.last_reminded_on < today))
        .values(last_reminded_on=today, escalation_level=level)
    ).rowcount
    return level if taken else None


def recipients(level, duty, need):
    """Who a reminder of ``level`` goes to: user ids of live grants."""
    if level == 0:
        condition = (RoleGrant.role.in_((roles.UNIT_CONTACT, roles.ORGANISER))
                     & (RoleGrant.scope_kind == roles.MEMBER_UNIT) & (RoleGrant.scope_id == duty.unit_id))
    elif level == 1:
        condition = ((RoleGrant.role == roles.ORGANISER) & (RoleGrant.scope_kind == roles.COMMUNITY)
                     & (RoleGrant.scope_id == need.community_id))
    else:
        condition = RoleGrant.role == roles.ADMIN
    return db.session.execute(
        select(RoleGrant.user_id).join(User, User.id == RoleGrant.user_id)
        .where(condition, RoleGrant.revoked_at.is_(None), User.is_active.is_(True)).distinct()
    ).scalars().all()


def remind_overdue(now=None):
    """Remind (and escalate) every overdue duty once today. Returns how many
    duties were reminded by this run."""
    now = now or utcnow()
    today = local_date(now)
    reminded = 0
    for duty in overdue_duties(now):
        level = take_todays_reminder(duty, today)
        if level is None:
            db.session.rollback()
            continue
        need = db.session.get(Need, duty.need_id)
        unit = db.session.get(MemberUnit, duty.unit_id)
        deadline = duty.accept_by if duty.status == "offered" else duty.due_by
        add_step(need.id, "remind", duty_id=duty.id, from_status=duty.status, to_status=duty.status,
                 note=f"已提醒{LEVEL_LABELS[level]}：{unit.name}{WHAT[duty.status]}", at=now)
        db.session.commit()
        reminded += 1
        _send(duty, need, unit, level, deadline, today)
    return reminded


def _send(duty, need, unit, level, deadline, today):
    # Imported here: the notices area is a sibling, reached only through its public function.
    from app.notices.automatic import notify_people

    try:
        notify_people(
            f"duty:{duty.id}:remind:{today.isoformat()}", "duty_reminder", TEMPLATE,
            {"thing1": need.title, "thing2": unit.name, "time3": chinese_datetime(deadline),
             "thing4": WHAT[duty.status]},
            f"pages/duties/detail?id={duty.id}", recipients(level, duty, need), LEVEL_LABELS[level],
            community_id=need.community_id, member_unit_id=duty.unit_id if level == 0 else None)
    except Exception:  # the reminder is recorded; a failed send must not stop the other duties' reminders
        db.session.rollback()
        log.warning("reminder of duty %s not queued", duty.id, exc_info=True)


def close_unrated(now=None):
    """Close every duty done more than 7 days ago and not rated. Returns how
    many this run closed (a racing run's duties are left to it)."""
    now = now or utcnow()
    cutoff = now - rules.AUTO_CLOSE_AFTER
    ids = db.session.execute(
        select(Duty.id).where(Duty.status == "done", Duty.done_at <= cutoff).order_by(Duty.id)
    ).scalars().all()
    db.session.rollback()
    closed = 0
    for duty_id in ids:
        try:
            move(None, duty_id, "auto_close", note="办结 7 天未评价，自动关闭", now=now, only_done_before=cutoff)
            closed += 1
        except APIError as exc:  # rated, reopened or closed by another run meanwhile: nothing to do
            db.session.rollback()
            log.info("duty %s not auto-closed: %s", duty_id, exc.code)
    return closed


@periodic("needs_remind_overdue", minute=7, lock_seconds=600, embedded=True)
def remind_job(app):
    return remind_overdue()


@periodic("needs_close_unrated", minute=37, lock_seconds=600, embedded=True)
def close_job(app):
    return close_unrated()
