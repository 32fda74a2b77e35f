"""Who came: the live count, the list organisers watch, and its exports.

Counts come from the checkins table itself (an indexed count per event), so
the number on the projector is the number of rows, never a counter that a
Redis restart could have let drift.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from app.exports.streaming import csv_chunks
from app.extensions import db
from app.localtime import local, stamp
from app.models import CheckIn, Registration, User, VolunteerProfile
from app.volunteers import identity

METHOD_NAMES = {"qr": "扫码", "poster": "海报", "manual": "人工登记"}
# Rows read from the database per round trip while a list is written out.
ROWS_PER_FETCH = 1000
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


def _attendee_query(event_id):
    """One row per person with a check-in or check-out, in arrival order,
    made by the database: the in and out rows (at most one of each, a unique
    index) joined to the event's people, so the list can be read a page at a
    time instead of gathered in memory."""
    came = aliased(CheckIn)
    left = aliased(CheckIn)
    people = select(CheckIn.user_id).where(CheckIn.event_id == event_id).group_by(CheckIn.user_id).subquery()
    return (
        select(people.c.user_id, came.scanned_at.label("in_at"), came.method.label("in_method"),
               left.scanned_at.label("out_at"), left.method.label("out_method"),
               func.coalesce(User.name, VolunteerProfile.real_name).label("name"),
               func.coalesce(User.phone, VolunteerProfile.phone).label("phone"))
        .select_from(people)
        .join(User, User.id == people.c.user_id)
        .outerjoin(VolunteerProfile, VolunteerProfile.user_id == people.c.user_id)
        .outerjoin(came, (came.event_id == event_id) & (came.user_id == people.c.user_id) & (came.direction == "in"))
        .outerjoin(left, (left.event_id == event_id) & (left.user_id == people.c.user_id)
                   & (left.direction == "out"))
        .order_by(func.coalesce(came.scanned_at, left.scanned_at), people.c.user_id)
    )


def iter_attendees(event_id, limit=None, offset=0, connection=None):
    """Everyone with a check-in or check-out for the event, in arrival order,
    read from the database a batch at a time (a server-side cursor on
    PostgreSQL). The phone is the one bound to the account, else the one
    given in the volunteer application (the mini-program asks for it there);
    likewise the name. ``connection``: read there instead of the session."""
    query = _attendee_query(event_id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    for row in (connection or db.session).execute(query.execution_options(yield_per=ROWS_PER_FETCH)):
        yield Attendee(row.user_id, row.name, mask_phone(row.phone), row.in_at, row.in_method,
                       row.out_at, row.out_method)


def attendees(event_id):
    return list(iter_attendees(event_id))


def summary(event, limit=None, offset=0):
    """The counts, and the list (a page of it with ``limit``)."""
    checked_in, checked_out, present = db.session.execute(
        select(func.count(case((CheckIn.direction == "in", 1))),
               func.count(case((CheckIn.direction == "out", 1))),
               func.count(case(((CheckIn.direction == "in") & ~_checked_out(event.id), 1))))
        .where(CheckIn.event_id == event.id)
    ).one()
    registered = db.session.execute(
        select(func.count()).select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status == "registered")
    ).scalar()
    return {
        "event_id": event.id,
        "title": event.title,
        "capacity": event.capacity,
        "registration_required": event.registration_required,
        "registered": registered,
        "checked_in": checked_in,
        "checked_out": checked_out,
        "present": present,
        "items": list(iter_attendees(event.id, limit, offset)),
    }


def _checked_out(event_id):
    left = aliased(CheckIn)
    return (select(left.id).where(left.event_id == event_id, left.user_id == CheckIn.user_id,
                                  left.direction == "out").exists())


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


TIME_INDEXES = (3, 5)  # columns D and F
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def excel_time(moment):
    """A date cell's value: Beijing wall time without an offset (Excel has
    no time zones), to the second; None leaves the cell empty."""
    return local(moment).replace(tzinfo=None, microsecond=0) if moment is not None else None


def csv_rows(people):
    """The CSV's bytes, made as they are asked for (Excel-friendly: app/exports/streaming.py)."""
    return csv_chunks(EXPORT_HEADER, _export_rows(people))


def write_xlsx(out, people, title):
    """The workbook, written row by row (openpyxl write-only) to ``out``, a
    path or a binary file: a title row, the header, one row per person with
    real date cells, widths, the first two rows frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("签到名单")
    for letter, width in zip("ABCDEFGH", (6, 12, 14, 20, 10, 20, 10, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    heading = WriteOnlyCell(sheet, value=as_text(title))
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    header = []
    for text in EXPORT_HEADER:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for values in _export_rows(people, moment=excel_time):
        row = []
        for index, value in enumerate(values):
            if index in TIME_INDEXES:  # real dates: they sort, filter and subtract in Excel
                value = WriteOnlyCell(sheet, value=value)
                value.number_format = TIME_FORMAT
            row.append(value)
        sheet.append(row)
    workbook.save(out)
