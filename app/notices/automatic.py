"""Notices the system sends by itself, each only to people who allowed the
template: a reminder before an event they registered for, "hours credited"
when their service hours are approved, and (``notify_people``, for other
areas) any message to chosen people, such as a whistle's call to the units'
contacts or an overdue duty's reminder.

Each purpose has one notice row (``source_key``) and each person at most
one delivery in it, so a reminder goes once per registration however often
the periodic pass runs, and hours for one event are announced once.
Values come from the event and are shortened by the visible rule (19
characters and "…") rather than refused: nobody is there to fix them.
"""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.localtime import chinese_date, chinese_datetime
from app.models import Event, Notice, User, utcnow
from app.models.base import insert_unless_exists
from app.notices import audience as audiences
from app.notices.dispatch import add_deliveries, enqueue_queued
from app.notices.tasks import send_deliveries, watch
from app.subscriptions import fields, ledger, templates

log = logging.getLogger(__name__)

REMINDER_TIP = "请准时参加，到场后扫码签到"
HOURS_NOTE = "感谢您的志愿服务，时长已计入记录"
notices = Notice.__table__


def hours_text(hours):
    return f"{float(hours):g}"


def _automatic_notice(source_key, kind, template, values, page, audience, event):
    """The notice for ``source_key`` about ``event``, created once."""
    return _notice_once(source_key, kind, template, values, page, audience, event.host_community_id,
                        event.host_member_unit_id, event.id)


def _notice_once(source_key, kind, template, values, page, audience, community_id, member_unit_id, event_id):
    """The notice for ``source_key``, created once (racing creators agree on one row)."""
    now = utcnow()
    db.session.execute(
        insert_unless_exists(notices, dict(
            kind=kind, template_name=template.name, template_id=template.id, data=values, page=page,
            audience=audience, community_id=community_id, member_unit_id=member_unit_id,
            event_id=event_id, status="sending", send_at=now, started_at=now, source_key=source_key,
            created_at=now, updated_at=now,
        ), ["source_key"])
    )
    return db.session.execute(select(Notice).where(Notice.source_key == source_key)).scalar_one()


def _checked(template, values):
    checked = fields.check_values(template, values, shorten=True)
    if checked.problems:
        log.warning("automatic %s notice not sent: %s", template.name, checked.problems)
        return None
    return checked.values


def _reopen(notice):
    """New recipients joined a finished notice: it is sending again."""
    db.session.execute(
        update(notices).where(notices.c.id == notice.id, notices.c.status == "done")
        .values(status="sending", finished_at=None, updated_at=utcnow())
    )


def queue_event_reminders(now=None):
    """Remind registrants with quota of events starting within the lead time; returns deliveries queued."""
    template = templates.find("event_reminder")
    if template is None:
        return 0
    now = now or utcnow()
    lead = timedelta(hours=current_app.config["NOTICE_REMINDER_LEAD_HOURS"])
    events = db.session.execute(
        select(Event).where(Event.status == "published", Event.starts_at > now, Event.starts_at <= now + lead)
        .order_by(Event.starts_at)
    ).scalars().all()
    new_ids, watched = [], []
    for event in events:
        values = _checked(template, {
            "thing1": event.title, "time2": chinese_datetime(event.starts_at),
            "thing3": event.venue or "详见活动详情", "thing4": REMINDER_TIP,
        })
        if values is None:
            continue
        audience = audiences.resolve({"kind": "event_registrants", "event_id": event.id}, None)
        notice = _automatic_notice(f"reminder:event:{event.id}", "event_reminder", template, values,
                                   f"pages/event/detail?id={event.id}", audience.spec, event)
        if notice.status == "cancelled":
            continue
        ids = add_deliveries(notice, ledger.remaining_for(audience.user_ids, template.id), only_with_quota=True)
        if ids:
            _reopen(notice)
            watched.append(notice.id)
        db.session.commit()
        new_ids.extend(ids)
    send_deliveries(new_ids, current_app.config["NOTICE_BATCH_SIZE"])
    for notice_id in watched:
        watch.send(notice_id, delay=1000)
    return len(new_ids)


def announce_hours_credited(app, records, **_):
    """``hours_approved`` receiver: "hours credited" to each volunteer who
    allowed it. The approval is already committed (the message must never
    announce hours that were not kept), and nothing here may undo or fail it."""
    for record in records:
        try:
            notify_hours_credited(record.user_id, record.event, record.minutes / 60)
        except Exception:
            db.session.rollback()
            log.warning("hours-credited notice for record %s not queued", record.id, exc_info=True)


def notify_hours_credited(user_id, event, hours):
    """Tell a volunteer their hours for ``event`` were credited, if they allowed it.

    Call it after the approval is committed; it commits its own rows and
    queues the send. Returns the notice, or None when nothing is sent (no
    quota, already announced, no such template)."""
    template = templates.find("hours_credited")
    if template is None:
        return None
    if not isinstance(event, Event):
        event = db.session.get(Event, event)
    if event is None or ledger.remaining(user_id, template.id) <= 0:
        return None
    values = _checked(template, {
        "thing1": event.title, "number2": hours_text(hours),
        "date3": chinese_date(event.starts_at), "thing4": HOURS_NOTE,
    })
    if values is None:
        return None
    user = db.session.get(User, user_id)
    audience = {"kind": "users", "user_ids": [user_id], "label": user.name or "志愿者"}
    notice = _automatic_notice(f"hours:event:{event.id}:user:{user_id}", "hours_credited", template, values,
                               "pages/hours/hours", audience, event)
    ids = add_deliveries(notice, [(user_id, 1)], only_with_quota=True)
    db.session.commit()
    send_deliveries(ids, current_app.config["NOTICE_BATCH_SIZE"])
    if ids:
        watch.send(notice.id, delay=1000)
    return notice if ids else None


def notify_people(source_key, kind, template_name, values, page, user_ids, label, *, event=None,
                  community_id=None, member_unit_id=None):
    """An automatic notice from another area to chosen people (a whistle's
    call to the units' contacts, an overdue duty's reminder): one notice per
    ``source_key`` and one delivery per person, so running it again (a
    retried job, a second pass) tells nobody twice; people who joined since
    are added. People who have not allowed the template get a ``skipped``
    row (no_subscription), so the notice's report says whom it could not
    reach. ``event`` (optional) gives the notice its event and, unless
    given, its community and member unit.

    Call it after the change it announces is committed: it commits its rows,
    then queues every send still queued (also those a killed earlier run
    left). Returns the notice, or None when nothing is sent (no such
    template, values WeChat would refuse, nobody to tell); a caller that
    wants a count reads the notice's deliveries."""
    template = templates.find(template_name)
    wanted = sorted(set(user_ids or ()))
    if template is None or not wanted:
        return None
    values = _checked(template, values)
    if values is None:
        return None
    if event is not None:
        community_id = community_id if community_id is not None else event.host_community_id
        member_unit_id = member_unit_id if member_unit_id is not None else event.host_member_unit_id
    audience = {"kind": "users", "user_ids": wanted, "label": label}
    notice = _notice_once(source_key, kind, template, values, page, audience, community_id, member_unit_id,
                          event.id if event is not None else None)
    if notice.status == "cancelled":
        db.session.commit()
        return notice
    people = select(User.id.label("user_id")).where(User.id.in_(wanted), User.is_active.is_(True))
    if add_deliveries(notice, ledger.remaining_for(people, template.id)):
        _reopen(notice)
    db.session.commit()
    enqueue_queued(notice.id)
    watch.send(notice.id, delay=1000)  # marks it done, also when everyone was skipped
    return notice
