"""Reporting for duty (报到): only an addressed unit's contacts, once per
unit (again: an update), only while the whistle is open."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from app.extensions import db
from app.models import WhistleReport, utcnow
from tests.factories import auth_headers
from tests.whistles.conftest import raise_whistle, report


def rows(whistle_id):
    db.session.expire_all()
    return db.session.execute(db.select(WhistleReport).filter_by(whistle_id=whistle_id)).scalars().all()


def test_a_contact_reports_and_a_second_report_updates_it(client, alliance):
    school = alliance.units[0]
    contact = alliance.contacts[school.id][0]
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    first = report(client, contact, whistle["id"], school, people_count=6)
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["unit"]["name"] == "下沙中学" and first.get_json()["people_count"] == 6
    again = report(client, alliance.contacts[school.id][1], whistle["id"], school, people_count=8, brings="沙袋 50 只")
    assert again.status_code == 200, again.get_json()
    (row,) = rows(whistle["id"])
    assert (row.people_count, row.brings) == (8, "沙袋 50 只")
    assert again.get_json()["reported_at"] == first.get_json()["reported_at"], "the first answer's time stays"
    detail = client.get(f"/api/v1/whistles/{whistle['id']}", headers=auth_headers(contact)).get_json()
    assert detail["my_unit_ids"] == [school.id] and detail["reported_count"] == 1


def test_only_an_addressed_units_own_contacts(client, alliance):
    school, hospital, power = alliance.units
    whistle = raise_whistle(client, alliance.staff, alliance.community, to_all_units=False,
                            unit_ids=[school.id, hospital.id])
    power_contact = alliance.contacts[power.id][0]
    # Not addressed to the power station: its contact cannot even see the whistle.
    assert report(client, power_contact, whistle["id"], power).status_code == 404
    # The school's contact cannot report for the hospital.
    response = report(client, alliance.contacts[school.id][0], whistle["id"], hospital)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "out_of_scope"
    # Community staff see the whistle but speak for no unit.
    assert report(client, alliance.staff, whistle["id"], school).status_code == 403
    assert report(client, alliance.resident, whistle["id"], school).status_code == 404
    assert rows(whistle["id"]) == []


def test_the_office_may_report_for_an_addressed_unit_but_not_an_unaddressed_one(client, alliance):
    school, _, power = alliance.units
    whistle = raise_whistle(client, alliance.staff, alliance.community, to_all_units=False, unit_ids=[school.id])
    assert report(client, alliance.admin, whistle["id"], school).status_code == 201
    response = report(client, alliance.admin, whistle["id"], power)
    assert response.status_code == 422 and "没有发给该单位" in str(response.get_json())


def test_a_closed_or_cancelled_whistle_takes_no_report(client, alliance):
    school = alliance.units[0]
    contact = alliance.contacts[school.id][0]
    for action, body in (("close", {"summary": "积水已排净"}), ("cancel", {"reason": "误报，已自行处理"})):
        whistle = raise_whistle(client, alliance.staff, alliance.community)
        assert client.post(f"/api/v1/whistles/{whistle['id']}/{action}", json=body,
                           headers=auth_headers(alliance.staff)).status_code == 200
        response = report(client, contact, whistle["id"], school)
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == "whistle_not_open"
        assert rows(whistle["id"]) == []


def test_arrival_time_is_checked(client, alliance):
    school = alliance.units[0]
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    late = (utcnow() + timedelta(days=3)).isoformat()
    response = report(client, alliance.contacts[school.id][0], whistle["id"], school, arrive_at=late)
    assert response.status_code == 422 and "到达时间" in str(response.get_json())
    response = report(client, alliance.contacts[school.id][0], whistle["id"], school, people_count=0)
    assert response.status_code == 422


def test_racing_double_submits_leave_one_row(app, client, alliance):
    school = alliance.units[0]
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    headers = [auth_headers(p) for p in alliance.contacts[school.id]] * 4
    barrier = threading.Barrier(len(headers))
    path, unit_id = f"/api/v1/whistles/{whistle['id']}/reports", school.id

    def send(index_and_headers):
        index, h = index_and_headers
        barrier.wait()
        return app.test_client().post(path, headers=h, json={"unit_id": unit_id, "people_count": index + 1})

    with ThreadPoolExecutor(max_workers=len(headers)) as pool:
        answers = list(pool.map(send, enumerate(headers)))
    assert sorted(a.status_code for a in answers) == [200] * (len(headers) - 1) + [201], \
        [a.get_json() for a in answers]
    (row,) = rows(whistle["id"])
    assert 1 <= row.people_count <= len(headers)
