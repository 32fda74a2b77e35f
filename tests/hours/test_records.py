"""Service records from check-ins: clipped, rounded, counted once, settled when a check-out is missing."""
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.hours import rules
from app.hours.records import approve, catch_up_service_records, record_hours_from_checkins
from app.models import AuditLog, CheckIn, HoursLedgerEntry, ServiceRecord
from tests.factories import (
    auth_headers,
    make_checkin,
    make_community,
    make_event,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)
from tests.support.concurrency import race


def _past_activity(community=None, hours=3):
    return make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(days=1),
                      duration=timedelta(hours=hours))


@pytest.mark.parametrize("raw, credited", [(0, 0), (14, 0), (15, 15), (29, 15), (44, 30), (59, 45), (61, 60),
                                           (134, 120), (135, 135)])
def test_minutes_are_rounded_down_to_the_quarter_hour(raw, credited):
    from datetime import datetime, timezone

    start = datetime(2026, 5, 10, 1, 0, tzinfo=timezone.utc)
    assert rules.served_minutes(start, start + timedelta(minutes=raw, seconds=59)) == (raw, credited)


def test_star_levels_follow_the_national_thresholds():
    assert rules.star_level(99 * 60 + 59) == (0, None, 100)
    assert rules.star_level(100 * 60) == (1, "一星级志愿者", 300)
    assert rules.star_level(1000 * 60) == (4, "四星级志愿者", 1500)
    assert rules.star_level(5000 * 60) == (5, "五星级志愿者", None)


def test_scans_are_clipped_to_the_event_and_rounded(ctx):
    event = _past_activity(hours=3)
    volunteer = make_volunteer()
    make_checkin(event, volunteer, "in", at=event.starts_at - timedelta(minutes=40))  # early arrival
    make_checkin(event, volunteer, "out", at=event.ends_at + timedelta(minutes=50))   # stayed to chat
    (record,) = record_hours_from_checkins(event.id)
    assert (record.started_at, record.ended_at) == (event.starts_at, event.ends_at)
    assert (record.raw_minutes, record.minutes, record.status) == (180, 180, "pending")

    late = make_volunteer()
    make_checkin(event, late, "in", at=event.starts_at + timedelta(minutes=22))
    make_checkin(event, late, "out", at=event.starts_at + timedelta(minutes=100))
    record = record_hours_from_checkins(event.id, late.id)[0]
    assert (record.raw_minutes, record.minutes) == (78, 75)


def test_events_that_do_not_credit_hours_produce_no_records(ctx):
    lecture = make_event(kind="lecture", starts_in=-timedelta(days=1))
    make_checkin(lecture, make_user(), "in", at=lecture.starts_at)
    assert record_hours_from_checkins(lecture.id) == []
    assert db.session.execute(db.select(ServiceRecord)).first() is None


def test_a_later_check_out_refreshes_the_waiting_record_but_never_an_approved_one(ctx):
    event = _past_activity()
    volunteer = make_volunteer()
    make_checkin(event, volunteer, "in", at=event.starts_at)
    (record,) = record_hours_from_checkins(event.id, volunteer.id)
    assert record.status == "missing_checkout" and record.minutes == 0
    make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(hours=2))
    (record,) = record_hours_from_checkins(event.id, volunteer.id)
    assert (record.status, record.minutes) == ("pending", 120)
    approve(make_user(role="admin"), [record])
    db.session.execute(db.update(CheckIn).where(CheckIn.direction == "out")
                       .values(scanned_at=event.starts_at + timedelta(hours=1)))
    db.session.commit()
    (record,) = record_hours_from_checkins(event.id, volunteer.id)
    assert (record.status, record.minutes) == ("approved", 120)
    assert record_hours_from_checkins(event.id) == [record]  # idempotent


def test_racing_check_in_check_out_pairs_count_once(app, ctx):
    """Eight volunteers, each with four racing handlers that all try to write
    the check-in and check-out and then record hours: one record each, and
    after two organisers approve at the same moment, one ledger entry each."""
    event = _past_activity(hours=4)
    volunteers = [make_volunteer() for _ in range(8)]
    event_id, starts_at = event.id, event.starts_at
    user_ids = [v.id for v in volunteers]

    def handler(i):
        user_id = user_ids[i % len(user_ids)]
        for direction, offset in (("in", 0), ("out", 150)):
            try:
                db.session.add(CheckIn(event_id=event_id, user_id=user_id, direction=direction,
                                       scanned_at=starts_at + timedelta(minutes=offset)))
                db.session.commit()
            except IntegrityError:  # the duplicate scan: the check-in's own unique constraint
                db.session.rollback()
        return record_hours_from_checkins(event_id, user_id)

    results = race(app, handler, len(user_ids) * 4)
    assert not [r for r in results if isinstance(r, Exception)]
    rows = db.session.execute(db.select(ServiceRecord.user_id, ServiceRecord.minutes)).all()
    assert sorted(rows) == [(uid, 150) for uid in user_ids]

    organisers = [make_user(role="admin"), make_user(role="admin")]
    organiser_ids = [o.id for o in organisers]

    def approve_all(i):
        from app.models import User

        chosen = db.session.execute(db.select(ServiceRecord)).scalars().all()
        return approve(db.session.get(User, organiser_ids[i]), chosen)

    outcomes = race(app, approve_all, 2)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert sum(len(approved) for approved, _ in outcomes) == len(user_ids)
    entries = db.session.execute(db.select(HoursLedgerEntry.user_id, HoursLedgerEntry.minutes)).all()
    assert sorted(entries) == [(uid, 150) for uid in user_ids]


def test_the_organiser_settles_a_missing_check_out(client, ctx):
    community = make_community()
    event = _past_activity(community)
    volunteer = make_volunteer(team=make_team(community=community), community=community)
    make_checkin(event, volunteer, "in", at=event.starts_at)
    catch_up_service_records()  # the periodic pass makes the record of a check-in without a check-out
    organiser = make_organiser(community)
    headers = auth_headers(organiser)
    (listed,) = client.get(f"/api/v1/hours/events/{event.id}/records", headers=headers).get_json()
    assert listed["status"] == "missing_checkout" and listed["status_label"] == "缺少签退"
    blocked = client.post(f"/api/v1/hours/records/{listed['id']}/approve", headers=headers)
    assert blocked.status_code == 409 and blocked.get_json()["error"]["code"] == "record_needs_checkout"

    too_early = client.post(f"/api/v1/hours/records/{listed['id']}/settle",
                            json={"ended_at": (event.starts_at - timedelta(hours=1)).isoformat(), "reason": "x"},
                            headers=headers)
    assert too_early.get_json()["error"]["code"] == "settle_time_invalid"
    ended = (event.starts_at + timedelta(hours=2, minutes=10)).isoformat()
    settled = client.post(f"/api/v1/hours/records/{listed['id']}/settle",
                          json={"ended_at": ended, "reason": "忘记签退，现场负责人确认 2 小时"}, headers=headers)
    assert settled.status_code == 200
    assert (settled.get_json()["status"], settled.get_json()["hours"]) == ("pending", 2.0)
    assert settled.get_json()["settle_note"] == "忘记签退，现场负责人确认 2 小时"
    approved = client.post(f"/api/v1/hours/records/{listed['id']}/approve", headers=headers)
    assert approved.status_code == 200
    again = client.post(f"/api/v1/hours/records/{listed['id']}/settle", json={"refuse": True, "reason": "x"},
                        headers=headers)
    assert again.get_json()["error"]["code"] == "record_not_waiting"
    assert db.session.execute(db.select(AuditLog.action).where(AuditLog.action == "hours.settle_checkout")).first()


def test_the_organiser_may_refuse_a_missing_check_out(client, ctx):
    community = make_community()
    event = _past_activity(community)
    volunteer = make_volunteer(community=community)
    make_checkin(event, volunteer, "in", at=event.starts_at)
    catch_up_service_records()
    headers = auth_headers(make_organiser(community))
    (listed,) = client.get(f"/api/v1/hours/events/{event.id}/records", headers=headers).get_json()
    refused = client.post(f"/api/v1/hours/records/{listed['id']}/settle",
                          json={"refuse": True, "reason": "签到后未参加活动"}, headers=headers)
    assert refused.get_json()["status"] == "rejected"
    assert refused.get_json()["review_reason"] == "签到后未参加活动"


def test_approve_one_by_one_bulk_or_a_whole_event(client, ctx):
    community = make_community()
    event = _past_activity(community)
    volunteers = [make_volunteer(community=community) for _ in range(4)]
    for volunteer in volunteers:
        make_checkin(event, volunteer, "in", at=event.starts_at)
        make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(hours=1))
    headers = auth_headers(make_organiser(community))
    listed = client.get(f"/api/v1/hours/events/{event.id}/records?status=pending", headers=headers).get_json()
    ids = [r["id"] for r in listed]
    assert len(ids) == 4
    one = client.post(f"/api/v1/hours/records/{ids[0]}/approve", headers=headers)
    assert one.status_code == 200 and one.get_json()["status"] == "approved"
    bulk = client.post("/api/v1/hours/records/approve", json={"record_ids": ids[:2]}, headers=headers).get_json()
    assert bulk["approved"] == [ids[1]]
    assert bulk["skipped"] == [{"id": ids[0], "code": "record_not_pending", "message": "该服务记录已审核"}]
    rejected = client.post(f"/api/v1/hours/records/{ids[2]}/reject", json={"reason": "重复签到"}, headers=headers)
    assert rejected.get_json()["status"] == "rejected"
    whole = client.post("/api/v1/hours/records/approve", json={"event_id": event.id}, headers=headers).get_json()
    assert whole == {"approved": [ids[3]], "skipped": []}
    assert db.session.execute(db.select(db.func.count()).select_from(HoursLedgerEntry)).scalar_one() == 3
