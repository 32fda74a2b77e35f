"""Who came: the live count, the list organisers watch, and its exports.

Counts come from the checkins table itself (an indexed count per event), so
the number on the projector is the number of rows, never a counter that a
Redis restart could have let drift.
"""
import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from app.extensions import db
from app.localtime import local, stamp
from app.models import CheckIn, Registration, User, VolunteerProfile
from app.volunteers import identity

METHOD_NAMES = {"qr": "扫码", "poster": "海报", "manual": "人工登记"}
EXPORT_HEADER = ["序号", "姓名", "手机号", "签到时间", "签到方式", "签退时间", "签退方式", "时长（分钟）"]


@dataclass
class Attendee:
    user_id: int
    name: str | None
    phone_masked: str | None
    checked_in_at: datetime | None = None
    checkin_method: str | None = None
    checked_out_at: datetime | None = None
    checkout_method: str | None = None

    @property
    def minutes(self):
        if self.checked_in_at is None or self.checked_out_at is None:
            return None
        return max(0, int((self.checked_out_at - self.checked_in_at).total_seconds() // 60))


def mask_phone(phone):
    """The volunteers area's masking; None (not "") where there is no phone."""
    return identity.mask_phone(phone) or None


def live_counts(event_id):
    checked_in, checked_out = db.session.execute(
        select(func.count(case((CheckIn.direction == "in", 1))),
               func.count(case((CheckIn.direction == "out", 1))))
        .where(CheckIn.event_id == event_id)
    ).one()
    return {"checked_in": checked_in, "checked_out": checked_out}


def attendees(event_id):
    """Everyone with a check-in or check-out for the event, in arrival order
    (one query, whatever the size of the list). The phone is the one bound
    to the account, else the one given in the volunteer application (the
    mini-program asks for it there); likewise the name."""
    rows = db.session.execute(
        select(CheckIn.user_id, CheckIn.direction, CheckIn.scanned_at, CheckIn.method,
               func.coalesce(User.name, VolunteerProfile.real_name).label("name"),
               func.coalesce(User.phone, VolunteerProfile.phone).label("phone"))
        .join(User, User.id == CheckIn.user_id)
        .outerjoin(VolunteerProfile, VolunteerProfile.user_id == CheckIn.user_id)
        .where(CheckIn.event_id == event_id)
        .order_by(CheckIn.scanned_at, CheckIn.id)
    ).all()
    people = {}
    for row in rows:
        person = people.get(row.user_id)
        if person is None:
            person = people[row.user_id] = Attendee(row.user_id, row.name, mask_phone(row.phone))
        if row.direction == "in":
            person.checked_in_at, person.checkin_method = row.scanned_at, row.method
        else:
            person.checked_out_at, person.checkout_method = row.scanned_at, row.method
    return sorted(people.values(), key=lambda p: (p.checked_in_at or p.checked_out_at, p.user_id))


def summary(event):
    people = attendees(event.id)
    registered = db.session.execute(
        select(func.count()).select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status == "registered")
    ).scalar()
    checked_in = sum(1 for p in people if p.checked_in_at is not None)
    checked_out = sum(1 for p in people if p.checked_out_at is not None)
    return {
        "event_id": event.id,
        "title": event.title,
        "capacity": event.capacity,
        "registration_required": event.registration_required,
        "registered": registered,
        "checked_in": checked_in,
        "checked_out": checked_out,
        "present": sum(1 for p in people if p.checked_in_at is not None and p.checked_out_at is None),
        "items": people,
    }


# A cell starting with one of these is a formula to Excel and WPS. Names are
# typed by residents themselves (PATCH /me), so "=HYPERLINK(...)" in a name
# must reach the organiser's spreadsheet as text, not as something it runs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """``value`` safe to put in a spreadsheet cell: text that would start a
    formula gets a leading apostrophe, as Excel itself writes such text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _export_rows(people, moment=stamp):
    for number, person in enumerate(people, start=1):
        yield [number, as_text(person.name or ""), person.phone_masked or "",
               moment(person.checked_in_at), METHOD_NAMES.get(person.checkin_method, ""),
               moment(person.checked_out_at), METHOD_NAMES.get(person.checkout_method, ""),
               "" if person.minutes is None else person.minutes]


TIME_COLUMNS = ("D", "F")
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def excel_time(moment):
    """A date cell's value: Beijing wall time without an offset (Excel has
    no time zones), to the second; None leaves the cell empty."""
    return local(moment).replace(tzinfo=None, microsecond=0) if moment is not None else None


def to_csv(people):
    """UTF-8 with a byte-order mark: Excel on Windows opens it with the
    Chinese intact instead of guessing GBK."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    writer.writerows(_export_rows(people))
    return buffer.getvalue().encode("utf-8")


def to_xlsx(people, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "签到名单"
    sheet.append([as_text(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(EXPORT_HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _export_rows(people, moment=excel_time):
        sheet.append(row)
    for letter in TIME_COLUMNS:  # real dates: they sort, filter and subtract in Excel
        for cell in sheet[letter][2:]:
            cell.number_format = TIME_FORMAT
    for letter, width in zip("ABCDEFGH", (6, 12, 14, 20, 10, 20, 10, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
