"""The call to units (吹哨): a subscription message to every contact of every
addressed unit, at once, through the notices area's queue.

The job makes one automatic notice per whistle (``source_key`` whistle:<id>)
and one delivery per contact (unique per notice and person), so however
often it runs (a retry, a redelivered message, the catch-up below) nobody is
told twice. Contacts who have not allowed the template get a ``skipped``
row: the notice's report shows whom the call could not reach.
"""
import logging
from datetime import timedelta

from sqlalchemy import String, cast, literal, select

from app.extensions import db
from app.jobs import actor, periodic
from app.localtime import chinese_datetime
from app.models import Event, Notice, Whistle, utcnow
from app.notices.automatic import notify_people
from app.whistles.people import contacts_of

log = logging.getLogger(__name__)

TEMPLATE = "whistle_call"
TIP = "请尽快在小程序中报到"
CATCH_UP_WINDOW = timedelta(hours=24)


def source_key(whistle_id):
    return f"whistle:{whistle_id}"


def send_whistle_call(whistle_id):
    """Queue the call for an open whistle; returns the notice (None: nothing to send)."""
    whistle = db.session.get(Whistle, whistle_id)
    if whistle is None or whistle.status != "open":
        return None
    contacts = contacts_of([unit.id for unit in whistle.units])
    user_ids = sorted({user_id for ids in contacts.values() for user_id in ids})
    if not user_ids:
        log.debug("whistle %s: no addressed unit has a contact to tell", whistle_id)
        return None
    values = {"thing1": whistle.title, "thing2": whistle.community.name,
              "time3": chinese_datetime(whistle.needed_by), "thing4": whistle.place or "详见哨令",
              "thing5": TIP}
    units_with_contacts = sum(1 for ids in contacts.values() if ids)
    return notify_people(source_key(whistle.id), "whistle_call", TEMPLATE, values,
                         f"pages/whistle/report?id={whistle.id}", user_ids,
                         f"{units_with_contacts} 个共建单位的联络人",
                         event=db.session.get(Event, whistle.event_id))


@actor("whistles.notify_units", max_retries=20, min_backoff=1000, max_backoff=60000, time_limit=120000)
def notify_units(whistle_id):
    send_whistle_call(whistle_id)


@periodic("whistles_call_catch_up", minute="*", lock_seconds=120, embedded=True)
def catch_up(app):
    """Open whistles of the last day whose call never got queued (the queue
    was down when they were raised): send it now."""
    since = utcnow() - CATCH_UP_WINDOW
    key = literal("whistle:") + cast(Whistle.id, String)
    missing = db.session.execute(
        select(Whistle.id).outerjoin(Notice, Notice.source_key == key)
        .where(Whistle.status == "open", Whistle.created_at >= since, Notice.id.is_(None))
    ).scalars().all()
    for whistle_id in missing:
        send_whistle_call(whistle_id)
    return {"sent": len(missing)}
