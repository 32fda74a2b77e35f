"""How areas reach each other: named signals (app/signals.py) sent by one
area and received by another, and GETs that only read."""
from contextlib import contextmanager
from datetime import timedelta

from app import signals
from app.checkin import event_cache
from app.extensions import db
from app.hours import records
from app.hours.records import approve, catch_up_service_records
from app.models import Notice, ServiceRecord
from app.notices.automatic import announce_hours_credited
from tests.checkin.conftest import scan
from tests.factories import (
    auth_headers,
    checkin_token,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_organiser,
    make_user,
    make_volunteer,
)


@contextmanager
def disconnected(signal, receiver, app):
    signal.disconnect(receiver, sender=app)
    try:
        yield
    finally:
        signal.connect(receiver, sender=app)


@contextmanager
def captured(signal, app):
    sent = []

    def capture(sender, **kwargs):
        sent.append(kwargs)

    with signal.connected_to(capture, sender=app):
        yield sent


def service_records():
    db.session.expire_all()
    return db.session.execute(db.select(ServiceRecord.user_id, ServiceRecord.status)).all()


def test_every_receiver_is_connected_by_its_area(app):
    assert records.record_on_checkout in signals.checked_out.receivers_for(app)
    assert announce_hours_credited in signals.hours_approved.receivers_for(app)
    assert event_cache.forget_changed_event in signals.event_changed.receivers_for(app)
    assert event_cache.forget_cancelled_events in signals.event_cancelled.receivers_for(app)


def test_a_check_out_makes_the_service_record_through_the_signal(app, client):
    community = make_community()
    volunteer = make_volunteer(community=community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=2))
    make_checkin(event, volunteer, at=event.starts_at)
    with captured(signals.checked_out, app) as sent:
        status, body = scan(client, volunteer, token=checkin_token(event, "checkout"))
    assert (status, body["code"]) == (201, "checked_out")
    (kwargs,) = sent
    assert (kwargs["event_id"], kwargs["user_id"], kwargs["credits_hours"]) == (event.id, volunteer.id, True)
    assert kwargs["checked_in_at"] is not None and kwargs["checked_out_at"] is not None
    assert service_records() == [(volunteer.id, "pending")]

    # A repeated scan adds no row and sends nothing.
    with captured(signals.checked_out, app) as sent:
        assert scan(client, volunteer, token=checkin_token(event, "checkout"))[1]["code"] == "already_checked_out"
    assert sent == []


def test_without_its_receiver_a_check_out_makes_no_record_until_the_catch_up(app, client):
    community = make_community()
    volunteer = make_volunteer(community=community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=2))
    make_checkin(event, volunteer, at=event.starts_at)
    with disconnected(signals.checked_out, records.record_on_checkout, app):
        assert scan(client, volunteer, token=checkin_token(event, "checkout"))[1]["code"] == "checked_out"
    assert service_records() == []
    assert client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()["records"] == []
    assert catch_up_service_records() == 1
    assert service_records() == [(volunteer.id, "pending")]
    assert catch_up_service_records() == 0  # nothing lags any more


def test_the_catch_up_records_check_ins_without_a_check_out_and_follows_a_late_check_out(app, ctx):
    event = make_event(kind="volunteer_activity", starts_in=-timedelta(days=1))
    lecture = make_event(kind="lecture", starts_in=-timedelta(days=1))
    volunteer = make_volunteer()
    make_checkin(event, volunteer, "in", at=event.starts_at)
    make_checkin(lecture, volunteer, "in", at=lecture.starts_at)
    assert catch_up_service_records() == 1
    assert service_records() == [(volunteer.id, "missing_checkout")]
    with disconnected(signals.checked_out, records.record_on_checkout, app):
        make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(hours=1))
    assert service_records() == [(volunteer.id, "missing_checkout")]
    assert catch_up_service_records() == 1
    assert service_records() == [(volunteer.id, "pending")]
    assert catch_up_service_records() == 0


def test_an_approval_announces_the_hours_through_the_signal(app, ctx):
    volunteer = make_volunteer()
    record = make_hours(volunteer, approve=False)
    admin = make_user(role="admin")
    with captured(signals.hours_approved, app) as sent, \
            disconnected(signals.hours_approved, announce_hours_credited, app):
        approved, _ = approve(admin, [record])
    assert [r.id for r in sent[0]["records"]] == [r.id for r in approved] == [record.id]
    # Nothing approved, nothing sent.
    with captured(signals.hours_approved, app) as sent:
        assert approve(admin, [record])[0] == []
    assert sent == []


def test_an_announcement_that_fails_leaves_the_approval_standing(app, ctx, monkeypatch):
    from app.notices import automatic

    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr(automatic, "notify_hours_credited", broken)
    record = make_hours(make_volunteer(), approve=False)
    approved, _ = approve(make_user(role="admin"), [record])
    assert [r.id for r in approved] == [record.id]
    db.session.expire_all()
    assert db.session.get(ServiceRecord, record.id).status == "approved"
    assert db.session.execute(db.select(Notice)).first() is None


def test_an_edit_and_a_cancellation_reach_the_check_in_cache(app, client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community, starts_in=timedelta(hours=1))
    headers = auth_headers(organiser)
    with captured(signals.event_changed, app) as changed:
        assert client.patch(f"/api/v1/events/{event.id}", json={"title": "改期后的讲座"},
                            headers=headers).status_code == 200
    assert changed == [{"event_id": event.id}]
    with captured(signals.event_cancelled, app) as cancelled:
        assert client.post(f"/api/v1/events/{event.id}/cancel", json={"reason": "暴雨取消"},
                           headers=headers).status_code == 200
    assert cancelled == [{"event_ids": [event.id], "reason": "暴雨取消"}]


def test_hours_pages_only_read(app, client, get_requests_never_write):
    """The volunteer's and the organiser's hours pages, with a check-in that
    has no record yet: reading them writes nothing (the fixture checks each
    statement) and shows no record until the periodic pass makes it."""
    community = make_community()
    volunteer = make_volunteer(community=community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(days=1))
    make_checkin(event, volunteer, "in", at=event.starts_at)
    staff = auth_headers(make_organiser(community))
    assert client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()["records"] == []
    assert client.get(f"/api/v1/hours/events/{event.id}/records", headers=staff).get_json() == []
    assert client.get(f"/api/v1/hours/volunteers/{volunteer.id}", headers=staff).status_code in (200, 403, 404)
    assert get_requests_never_write == []
    assert service_records() == []
