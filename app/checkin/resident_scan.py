"""The organiser scans a resident's code (居民码 or 居民卡) to check them in or
out: the reverse of the usual flow, judged by the same rules as a resident's
own scan (window, registration, capacity; a poster's location rule does not
apply, since the organiser is at the door) and recorded as method
``resident_code`` with the organiser as ``recorded_by``. Exactly once per
(event, person, direction), as every check-in: the one insert decides.

``at`` is when the scan was made: now for a live scan, the phone's own time
for a scan made offline and uploaded later (app/checkin/batch.py), so an
offline scan is judged as if it had arrived when it was made.
"""
from app.checkin import event_cache, resident_codes
from app.checkin.counting import counted
from app.checkin.service import _Answered, _check_window, announce, record_row
from app.errors import APIError
from app.extensions import db
from app.models import User, utcnow

# The resident-facing messages of the scan rules, said to the organiser instead.
FOR_ORGANISER = {
    "not_registered": "该居民未报名此活动或仍在候补名单中，无法签到",
    "not_checked_in": "该居民还没有签到，无法签退",
    "user_not_found": "该居民的账号已停用或注销",
}


@counted("resident_code")
def check_in_by_code(organiser, event_id, code, direction, at=None, commit=True):
    """(ScanResult, person): the resident whose code was scanned, checked in
    or out of ``event_id``. Raises APIError with the organiser's message."""
    # A live scan reads the codes' clock (tests move it); an offline one its own time.
    code_time = at.timestamp() if at is not None else None
    at = at or utcnow()
    event = event_cache.get(event_id)
    if event is None:
        raise APIError("not_found", "活动不存在")
    verified = resident_codes.verify(code, now=code_time)
    person = db.session.get(User, verified.user_id)
    if person is None:
        raise resident_codes.invalid()
    try:
        try:
            _check_window(db.session, event, direction, at, person.id)
            result = record_row(db.session, event, person.id, direction, "resident_code", at, None, None,
                                recorded_by_id=organiser.id)
        except _Answered as answered:
            result = answered.result
    except APIError as error:
        if error.code in FOR_ORGANISER:
            raise APIError(error.code, FOR_ORGANISER[error.code], status=error.status,
                           details=error.details) from None
        raise
    if commit:
        db.session.commit()
        announce(result, event)
    return result, person


def person_label(person):
    """How the organiser's phone names the person it just scanned."""
    return person.name or "居民"
