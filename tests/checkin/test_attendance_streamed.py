"""The attendance exports stream (row by row, never the whole list in
memory) and give exactly what the former all-in-memory exports gave."""
import csv
import io
from datetime import timedelta

from openpyxl import load_workbook

from app.extensions import db
from app.models import VolunteerProfile, utcnow
from tests.checkin import old_attendance_export as old
from tests.factories import auth_headers, make_checkin, make_user, make_volunteer


def _a_mixed_day(event):
    """Arrivals out of id order, people who left, one who only checked out,
    a name typed as a formula, a phone only in the volunteer application."""
    start = utcnow() - timedelta(hours=3)
    people = [make_user(name=f"居民{n}", phone=f"1381234{n:04d}") for n in range(12)]
    people.append(make_user(name='=HYPERLINK("http://x.cn","领奖")'))
    people.append(make_user(name=None))
    volunteer = make_volunteer(name="赵志愿")
    db.session.execute(db.update(VolunteerProfile).where(VolunteerProfile.user_id == volunteer.id)
                       .values(phone="13566667777"))
    db.session.commit()
    people.append(volunteer)
    for n, person in enumerate(people):
        arrived = start + timedelta(minutes=(7 * n) % 11, seconds=n)
        if n != 3:
            make_checkin(event, person, "in", at=arrived, method=("qr", "poster", "manual")[n % 3])
        if n % 2 or n == 3:
            make_checkin(event, person, "out", at=arrived + timedelta(minutes=45 + n), method="qr")
    # Two arrivals in the same second: the person's id breaks the tie.
    twin = make_user(name="同时到")
    make_checkin(event, twin, "in", at=start + timedelta(minutes=2, seconds=2))


def _get(client, organiser, event, **query):
    return client.get(f"/api/v1/events/{event.id}/attendance", query_string=query, headers=auth_headers(organiser))


def test_the_streamed_csv_is_byte_for_byte_the_former_one(client, event, organiser):
    _a_mixed_day(event)
    response = _get(client, organiser, event, format="csv")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.data == old.to_csv(old.attendees(event.id))
    assert len(list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))) == 17


def test_the_streamed_xlsx_has_the_former_cells_formats_and_layout(client, event, organiser):
    _a_mixed_day(event)
    response = _get(client, organiser, event, format="xlsx")
    assert response.status_code == 200
    new = load_workbook(io.BytesIO(response.data)).active
    before = load_workbook(io.BytesIO(old.to_xlsx(old.attendees(event.id), event.title))).active
    assert new.title == before.title and new.freeze_panes == before.freeze_panes == "A3"
    assert new.max_row == before.max_row == 18

    def described(sheet):
        return [[(c.value, c.data_type, c.number_format if c.value is not None else None, c.font.b, c.font.sz)
                 for c in row] for row in sheet.iter_rows()]

    assert described(new) == described(before)
    for letter in "ABCDEFGH":
        assert new.column_dimensions[letter].width == before.column_dimensions[letter].width


def test_the_json_list_and_counts_are_the_former_ones_and_page(client, event, organiser):
    _a_mixed_day(event)
    people = old.attendees(event.id)
    report = _get(client, organiser, event).get_json()
    assert [p["user_id"] for p in report["items"]] == [p.user_id for p in people]
    assert [p["minutes"] for p in report["items"]] == [p.minutes for p in people]
    assert report["checked_in"] == sum(1 for p in people if p.checked_in_at)
    assert report["checked_out"] == sum(1 for p in people if p.checked_out_at)
    assert report["present"] == sum(1 for p in people if p.checked_in_at and not p.checked_out_at)
    page = _get(client, organiser, event, limit=5, offset=5).get_json()
    assert [p["user_id"] for p in page["items"]] == [p.user_id for p in people[5:10]]
    assert page["checked_in"] == report["checked_in"]
