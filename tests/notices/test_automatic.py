"""Automatic notices: an event reminder per registration, and hours credited."""
from datetime import timedelta
from zoneinfo import ZoneInfo

from app.extensions import db
from app.models import Notice
from app.notices.automatic import notify_hours_credited, queue_event_reminders
from app.notices.dispatch import tick
from tests.factories import make_community, make_event, make_organiser, make_registration, make_user
from tests.notices.conftest import accept, inbox, known_to_wechat, wait_for_notice


def test_registrants_with_quota_are_reminded_once_per_registration(client, ctx, wechat_control, notice_worker):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    event = make_event(community=community, starts_in=timedelta(hours=3), title="共享党课：百年党史知多少")
    later_event = make_event(community=community, starts_in=timedelta(days=3))
    allowed, not_allowed, late = (make_user(community=community) for _ in range(3))
    for person in (allowed, late):
        accept(client, wechat_control, person, template="event_reminder", times=2)
    known_to_wechat(wechat_control, not_allowed)
    for person in (allowed, not_allowed):
        make_registration(event, person)
        make_registration(later_event, person)

    assert queue_event_reminders() == 1
    assert queue_event_reminders() == 0  # the periodic pass again: nothing new
    notice = db.session.execute(db.select(Notice).filter_by(kind="event_reminder")).scalar_one()
    wait_for_notice(client, organiser, notice.id)
    make_registration(event, late)  # registers after the first reminders went out
    assert tick()["reminders"] == 1
    report = wait_for_notice(client, organiser, notice.id)
    assert report["counts"]["sent"] == 2 and report["counts"]["total"] == 2

    (message,) = inbox(wechat_control, allowed, template="event_reminder")
    assert message["values"]["thing1"] == "共享党课：百年党史知多少"
    hangzhou = event.starts_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert message["values"]["time2"] == f"{hangzhou.year}年{hangzhou.month}月{hangzhou.day}日 {hangzhou:%H:%M}"
    assert message["page"] == f"pages/event/detail?id={event.id}"
    assert len(inbox(wechat_control, late, template="event_reminder")) == 1
    assert inbox(wechat_control, not_allowed, template="event_reminder") == []


def test_hours_credited_goes_once_and_only_with_quota(client, ctx, wechat_control, notice_worker):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=timedelta(hours=-3),
                       title="市民公益日：钱塘江边捡拾垃圾、劝导文明游览志愿服务")
    volunteer, silent = make_user(role="volunteer"), make_user(role="volunteer")
    accept(client, wechat_control, volunteer, template="hours_credited", times=2)

    notice = notify_hours_credited(volunteer.id, event, 2.5)
    assert notice is not None
    assert notify_hours_credited(volunteer.id, event, 2.5) is None  # announced already
    assert notify_hours_credited(silent.id, event, 3) is None  # never allowed it
    wait_for_notice(client, organiser, notice.id)

    (message,) = inbox(wechat_control, volunteer, template="hours_credited")
    assert message["values"]["number2"] == "2.5"
    assert message["values"]["thing1"] == "市民公益日：钱塘江边捡拾垃圾、劝导文明…"
    assert len(message["values"]["thing1"]) == 20
    assert message["page"] == "pages/hours/hours"
