"""A mistaken check-out is fixable before approval, and a record is not
"missing its check-out" while the volunteer can still scan out."""
from datetime import timedelta

from app.extensions import db
from app.models import AuditLog, HoursLedgerEntry
from app.hours.records import catch_up_service_records, record_hours_from_checkins
from tests.factories import auth_headers, make_checkin, make_community, make_event, make_organiser, make_volunteer


def _records(client, event, headers):
    return client.get(f"/api/v1/hours/events/{event.id}/records", headers=headers).get_json()


def test_a_check_out_a_minute_after_check_in_can_be_corrected_before_approval(client, ctx):
    community = make_community()
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(days=1),
                       duration=timedelta(hours=3))
    volunteer = make_volunteer(community=community)
    make_checkin(event, volunteer, "in", at=event.starts_at)
    make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(minutes=1))  # tapped the wrong code
    headers = auth_headers(make_organiser(community))
    (listed,) = _records(client, event, headers)
    assert (listed["status"], listed["minutes"]) == ("pending", 0)

    ended = (event.starts_at + timedelta(hours=2, minutes=40)).isoformat()
    fixed = client.post(f"/api/v1/hours/records/{listed['id']}/settle",
                        json={"ended_at": ended, "reason": "误扫签退码，负责人确认服务至 11:40"}, headers=headers)
    assert fixed.status_code == 200, fixed.get_json()
    assert (fixed.get_json()["status"], fixed.get_json()["minutes"]) == ("pending", 150)
    # Refreshing from the scans (the list, a late scan) no longer undoes the organiser's correction.
    record_hours_from_checkins(event.id)
    assert _records(client, event, headers)[0]["minutes"] == 150
    audit = db.session.execute(db.select(AuditLog).where(AuditLog.action == "hours.settle_checkout")).scalar_one()
    assert audit.detail["scanned_out_at"] is not None

    assert client.post(f"/api/v1/hours/records/{listed['id']}/approve", headers=headers).status_code == 200
    assert db.session.execute(db.select(HoursLedgerEntry.minutes)).scalars().all() == [150]
    late = client.post(f"/api/v1/hours/records/{listed['id']}/settle",
                       json={"ended_at": ended, "reason": "再改一次"}, headers=headers)
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "record_not_waiting"
    # Approved hours are corrected in the ledger, with a trace.
    corrected = client.post(f"/api/v1/hours/records/{listed['id']}/corrections",
                            json={"hours": 2.0, "reason": "核对签到表后更正"}, headers=headers)
    assert corrected.status_code == 201


def test_no_missing_check_out_while_the_volunteer_can_still_scan_out(client, ctx):
    community = make_community()
    running = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=1))
    volunteer = make_volunteer(community=community)
    make_checkin(running, volunteer, "in", at=running.starts_at)
    catch_up_service_records()  # the periodic pass records a check-in without a check-out
    headers = auth_headers(make_organiser(community))
    (listed,) = _records(client, running, headers)
    assert listed["status"] == "missing_checkout"
    assert (listed["status_label"], listed["awaiting_checkout"]) == ("进行中·未签退", True)

    just_over = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=2, minutes=30))
    make_checkin(just_over, volunteer, "in", at=just_over.starts_at)
    catch_up_service_records()  # the periodic pass records a check-in without a check-out
    (listed,) = _records(client, just_over, headers)
    assert (listed["status_label"], listed["awaiting_checkout"]) == ("未签退", True)

    closed = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(days=1))
    make_checkin(closed, volunteer, "in", at=closed.starts_at)
    catch_up_service_records()  # the periodic pass records a check-in without a check-out
    (listed,) = _records(client, closed, headers)
    assert (listed["status_label"], listed["awaiting_checkout"]) == ("缺少签退", False)

    mine = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()["records"]
    assert sorted(r["status_label"] for r in mine) == sorted(["进行中·未签退", "未签退", "缺少签退"])
