"""Overdue duties remind the unit, then the community, then the office, at
most once a day per duty even with runs racing; unrated done duties close
themselves after 7 days."""
import threading
import time
from datetime import timedelta

from app.auth import roles
from app.extensions import db
from app.localtime import local_date
from app.models import Duty, Need, NoticeDelivery, utcnow
from app.needs import reminders
from app.scheduler import run_job
from app.subscriptions import templates
from tests.factories import grant, make_quota
from tests.needs.conftest import fresh, post, raised, steps
from tests.notices.conftest import accept, inbox, notice_worker  # noqa: F401  (fixture)


def overdue_duty(client, world, status="offered"):
    need = raised(world)
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id]}).get_json()[0]["id"]
    if status == "accepted":
        post(client, world.contacts[0], f"/duties/{duty_id}/accept")
    duty = fresh(Duty, duty_id)
    duty.accept_by = utcnow() - timedelta(hours=2)
    duty.due_by = utcnow() - timedelta(hours=1)
    db.session.commit()
    return duty


def delivered_to(template="duty_reminder"):
    db.session.expire_all()
    return sorted(db.session.execute(
        db.select(NoticeDelivery.user_id).where(NoticeDelivery.template_id == templates.get(template).id)
    ).scalars().all())


def test_reminders_escalate_day_by_day_and_come_once_a_day(client, world):
    duty = overdue_duty(client, world)
    tid = templates.get("duty_reminder").id
    for person in (world.contacts[0], world.staff, world.admin):
        make_quota(person, tid, remaining=5)
    now = utcnow()
    assert reminders.remind_overdue(now) == 1
    assert delivered_to() == [world.contacts[0].id]
    assert reminders.remind_overdue(now + timedelta(minutes=30)) == 0  # same day: nothing more
    assert reminders.remind_overdue(now + timedelta(days=1)) == 1
    assert delivered_to() == sorted([world.contacts[0].id, world.staff.id])
    assert reminders.remind_overdue(now + timedelta(days=2)) == 1
    assert delivered_to() == sorted([world.contacts[0].id, world.staff.id, world.admin.id])
    row = fresh(Duty, duty.id)
    assert row.escalation_level == 2 and row.last_reminded_on == local_date(now + timedelta(days=2))
    reminded = [s.note for s in steps(duty.need_id) if s.action == "remind"]
    assert len(reminded) == 3 and "社区工作人员" in reminded[1] and "逾期未接单" in reminded[0]


def test_a_contact_who_did_not_allow_the_reminder_shows_as_skipped(client, world):
    overdue_duty(client, world)
    assert reminders.remind_overdue() == 1
    (row,) = db.session.execute(db.select(NoticeDelivery).where(
        NoticeDelivery.template_id == templates.get("duty_reminder").id)).scalars().all()
    assert (row.user_id, row.state, row.reason) == (world.contacts[0].id, "skipped", "no_subscription")


def test_accepting_starts_the_reminders_again_from_the_unit(client, world):
    duty = overdue_duty(client, world)
    now = utcnow()
    reminders.remind_overdue(now)
    reminders.remind_overdue(now + timedelta(days=1))
    assert post(client, world.contacts[0], f"/duties/{duty.id}/accept").status_code == 200
    row = fresh(Duty, duty.id)
    assert row.escalation_level == 0 and row.last_reminded_on is None


def test_a_duty_on_time_is_not_reminded(client, world):
    need = raised(world)
    post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    assert reminders.remind_overdue() == 0


def at_once(app, runs, job):
    """``job()`` on ``runs`` threads released together, each with its own
    app context and session (as schedulers in separate processes would be);
    returns what each returned."""
    results, barrier = [], threading.Barrier(runs)

    def run():
        with app.app_context():
            barrier.wait()
            results.append(job())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_racing_runs_remind_each_duty_once_a_day(app, client, world):
    duties = [overdue_duty(client, world, status) for status in ("offered", "accepted", "offered")]
    make_quota(world.contacts[0], templates.get("duty_reminder").id, remaining=10)
    assert sum(at_once(app, 6, reminders.remind_overdue)) == 3
    for duty in duties:
        assert [s.action for s in steps(duty.need_id)].count("remind") == 1
    # One delivery per duty's notice (the contact has quota for each).
    assert delivered_to() == [world.contacts[0].id] * 3


def test_the_reminder_reaches_the_contacts_wechat(client, world, wechat_control, notice_worker):  # noqa: F811
    accept(client, wechat_control, world.contacts[0], template="duty_reminder")
    overdue_duty(client, world)
    assert reminders.remind_overdue() == 1
    deadline = time.monotonic() + 20
    while not inbox(wechat_control, world.contacts[0], "duty_reminder") and time.monotonic() < deadline:
        time.sleep(0.1)
    (message,) = inbox(wechat_control, world.contacts[0], "duty_reminder")
    assert message["data"]["thing1"]["value"] == "空调不制冷"
    assert message["page"].startswith("pages/duties/detail?id=")


def test_the_periodic_job_runs_under_its_lock(app, client, world):
    overdue_duty(client, world)
    assert run_job(app, "needs_remind_overdue")
    db.session.expire_all()
    assert db.session.execute(db.select(Duty.escalation_level)).scalar_one() == 0
    assert db.session.execute(db.select(Duty.last_reminded_on)).scalar_one() is not None


def test_unrated_duties_close_themselves_after_seven_days(client, world, app):
    from app import signals

    need = raised(world)
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id]}).get_json()[0]["id"]
    post(client, world.contacts[0], f"/duties/{duty_id}/accept")
    post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "已处理完毕"})
    assert reminders.close_unrated() == 0  # done just now
    closed = []
    with signals.duty_closed.connected_to(lambda s, **kw: closed.append(kw), sender=app):
        later = utcnow() + timedelta(days=7, minutes=1)
        assert reminders.close_unrated(later) == 1
        assert reminders.close_unrated(later) == 0  # idempotent
    assert fresh(Duty, duty_id).status == "closed" and fresh(Need, need.id).status == "closed"
    assert closed == [{"duty_id": duty_id, "need_id": need.id, "unit_id": world.units[0].id, "rating": None,
                       "automatic": True}]
    auto = [s for s in steps(need.id) if s.action == "auto_close"]
    assert len(auto) == 1 and auto[0].actor_id is None
    # Closed by itself, it still reopens within 7 days of done (here, really, minutes ago).
    again = post(client, world.resident, f"/duties/{duty_id}/reopen", {"reason": "没修好"})
    assert again.status_code == 200 and fresh(Need, need.id).status == "in_progress"


def test_racing_auto_close_runs_close_once(app, client, world):
    need = raised(world)
    duty_id = post(client, world.staff, f"/needs/{need.id}/dispatch",
                   {"unit_ids": [world.units[0].id]}).get_json()[0]["id"]
    post(client, world.contacts[0], f"/duties/{duty_id}/accept")
    post(client, world.contacts[0], f"/duties/{duty_id}/done", {"note": "已处理完毕"})
    later = utcnow() + timedelta(days=8)
    assert sum(at_once(app, 4, lambda: reminders.close_unrated(later))) == 1
    assert [s.action for s in steps(need.id)].count("auto_close") == 1


def test_a_unit_organiser_is_reminded_too(client, world):
    organiser = grant(world.staff_b, roles.ORGANISER, world.units[0])
    duty = overdue_duty(client, world)
    assert sorted(reminders.recipients(0, duty, fresh(Need, duty.need_id))) == sorted(
        [world.contacts[0].id, organiser.id])
