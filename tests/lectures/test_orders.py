"""点课 → the office confirms with a lecturer → a shared lecture event; or
declined, or cancelled by the orderer; a lecturer is never double-booked."""
from datetime import timedelta

from app.extensions import db
from app.models import CheckIn, CourseOrder, Event
from tests.factories import auth_headers, make_checkin
from tests.lectures.conftest import order_body
from tests.support.concurrency import race


def place(client, hall, person=None, **fields):
    answer = client.post("/api/v1/course-orders", headers=auth_headers(person or hall.staff),
                         json=order_body(hall, **fields))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_an_order_confirmed_becomes_a_shared_lecture_its_host_runs(client, hall):
    order = place(client, hall, invited_unit_ids=[hall.unit.id, hall.other_unit.id])
    assert (order["status"], order["status_label"], order["can_cancel"]) == ("requested", "待确认", True)
    office = auth_headers(hall.office)
    waiting = client.get("/api/v1/course-orders", headers=office, query_string={"status": "requested"}).get_json()
    assert [o["id"] for o in waiting["items"]] == [order["id"]] and waiting["items"][0]["can_decide"] is True

    confirmed = client.post(f"/api/v1/course-orders/{order['id']}/confirm", headers=office,
                            json={"lecturer_id": hall.lecturers[0].id}).get_json()
    assert (confirmed["status"], confirmed["lecturer"]["name"]) == ("confirmed", "沈望舒")
    event = db.session.get(Event, confirmed["event_id"])
    assert (event.kind, event.host_community_id, event.venue, event.credits_hours) == (
        "lecture", hall.a.id, "七格社区党群服务中心", False)
    assert event.speaker == "沈望舒（马克思主义学院教授）"
    assert event.audience == "社区老年党员（送学上门）；邀请单位：下沙中学、杭州电子科技大学"
    assert event.ends_at - event.starts_at == timedelta(minutes=90)

    # The host's staff run it like any event (attendance), and check-ins count on the order.
    assert client.get(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(hall.staff)).status_code == 200
    make_checkin(event, hall.member, "in", at=event.starts_at)
    seen = client.get(f"/api/v1/course-orders/{order['id']}", headers=auth_headers(hall.staff)).get_json()
    assert (seen["checked_in_count"], seen["can_cancel"]) == (1, False)
    again = client.post(f"/api/v1/course-orders/{order['id']}/cancel", headers=auth_headers(hall.staff),
                        json={"reason": "改期了"})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "order_not_requested")
    assert db.session.execute(db.select(db.func.count(CheckIn.id))).scalar_one() == 1


def test_who_orders_sees_and_cancels_and_the_office_declines(client, hall):
    by_unit = place(client, hall, person=hall.contact, community_id=None, member_unit_id=hall.unit.id)
    by_a = place(client, hall)
    # Community B's staff: not theirs to see, and not theirs to order for.
    assert client.get(f"/api/v1/course-orders/{by_a['id']}", headers=auth_headers(hall.staff_b)).status_code == 404
    assert client.get("/api/v1/course-orders", headers=auth_headers(hall.staff_b)).get_json()["total"] == 0
    refused = client.post("/api/v1/course-orders", headers=auth_headers(hall.staff_b), json=order_body(hall))
    assert refused.status_code == 403
    # The lecture office decides but does not order or cancel for a community.
    assert client.post("/api/v1/course-orders", headers=auth_headers(hall.office),
                       json=order_body(hall)).status_code == 403
    assert client.post(f"/api/v1/course-orders/{by_a['id']}/cancel", headers=auth_headers(hall.office),
                       json={"reason": "不要了"}).status_code == 403
    assert client.post(f"/api/v1/course-orders/{by_a['id']}/confirm", headers=auth_headers(hall.staff),
                       json={"lecturer_id": hall.lecturers[0].id}).status_code == 403
    mine = client.get("/api/v1/course-orders", headers=auth_headers(hall.contact)).get_json()
    assert [o["id"] for o in mine["items"]] == [by_unit["id"]]

    cancelled = client.post(f"/api/v1/course-orders/{by_unit['id']}/cancel", headers=auth_headers(hall.contact),
                            json={"reason": "学校考试周，改期再点"}).get_json()
    assert (cancelled["status"], cancelled["reason"]) == ("cancelled", "学校考试周，改期再点")
    declined = client.post(f"/api/v1/course-orders/{by_a['id']}/decline", headers=auth_headers(hall.office),
                           json={"reason": "该时段宣讲员均已排满"}).get_json()
    assert (declined["status_label"], declined["event_id"]) == ("已婉拒", None)
    assert db.session.execute(db.select(db.func.count(Event.id))).scalar_one() == 0


def test_a_lecturer_is_never_booked_twice_at_once(client, hall):
    first, overlapping = place(client, hall), place(client, hall, days=5)
    later = place(client, hall, days=6)
    office = auth_headers(hall.office)
    lecturer = {"lecturer_id": hall.lecturers[0].id}
    assert client.post(f"/api/v1/course-orders/{first['id']}/confirm", headers=office, json=lecturer).status_code == 200
    busy = client.post(f"/api/v1/course-orders/{overlapping['id']}/confirm", headers=office, json=lecturer)
    assert (busy.status_code, busy.get_json()["error"]["code"]) == (409, "lecturer_busy")
    assert client.post(f"/api/v1/course-orders/{later['id']}/confirm", headers=office, json=lecturer).status_code == 200
    other = client.post(f"/api/v1/course-orders/{overlapping['id']}/confirm", headers=office,
                        json={"lecturer_id": hall.lecturers[1].id})
    assert other.status_code == 200


def test_racing_confirmations_leave_one_lecture_per_lecturer_and_per_order(app, client, hall):
    orders = [place(client, hall)["id"] for _ in range(4)]
    office_id, lecturer_ids = hall.office.id, [lecturer.id for lecturer in hall.lecturers]
    from app.lectures import orders as service

    def confirm(i):
        from app.models import User

        office = db.session.get(User, office_id)
        return service.confirm(office, orders[i], {"lecturer_id": lecturer_ids[0]}).id

    results = race(app, confirm, 4)
    codes = sorted(getattr(r, "code", "ok") for r in results)
    assert codes == ["lecturer_busy"] * 3 + ["ok"], results
    same = place(client, hall, days=9)["id"]

    def confirm_same(i):
        from app.models import User

        office = db.session.get(User, office_id)
        return service.confirm(office, same, {"lecturer_id": lecturer_ids[1]}).id

    results = race(app, confirm_same, 3)
    assert sorted(getattr(r, "code", "ok") for r in results) == ["ok"] + ["order_not_requested"] * 2, results
    db.session.expire_all()
    assert db.session.execute(db.select(db.func.count(Event.id))).scalar_one() == 2
    assert db.session.execute(db.select(db.func.count(CourseOrder.id))
                              .where(CourseOrder.status == "confirmed")).scalar_one() == 2


def test_a_party_day_is_an_event_kind(client, hall):
    from tests.factories import event_body

    answer = client.post("/api/v1/events", headers=auth_headers(hall.staff),
                         json=event_body(kind="party_day", title="七月主题党日：重温入党誓词", host_community_id=hall.a.id))
    assert (answer.status_code, answer.get_json()["kind"]) == (201, "party_day")
