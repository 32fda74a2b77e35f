"""The attendance list and exports as they were written before they streamed
(everything gathered in memory, a normal openpyxl workbook): the reference
the streamed exports must match byte for byte (CSV) and cell for cell (XLSX)."""
import csv
import io

from sqlalchemy import func, select

from app.checkin.attendance import EXPORT_HEADER, Attendee, _export_rows, as_text, excel_time, mask_phone
from app.extensions import db
from app.models import CheckIn, User, VolunteerProfile

TIME_COLUMNS = ("D", "F")
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


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
