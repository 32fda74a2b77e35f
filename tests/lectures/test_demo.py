"""The demo shows 聚沙讲堂: a 宣讲团, a catalogue, orders in every state (one
a 共享党课 open to several units), a 主题党日; loaded twice, it adds nothing."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.lectures.demo import seed_lectures
from app.models import ORDER_STATUSES, Course, CourseOrder, Event, Lecturer


def test_the_demo_has_the_hall_and_loads_once(ctx):
    seed_demo()
    counts = [db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
              for model in (Lecturer, Course, CourseOrder, Event)]
    seed_lectures()
    assert [db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
            for model in (Lecturer, Course, CourseOrder, Event)] == counts
    assert counts[0] >= 5 and counts[1] == 8
    assert set(db.session.execute(db.select(CourseOrder.status)).scalars()) == set(ORDER_STATUSES)
    confirmed = db.session.execute(db.select(CourseOrder).filter_by(status="confirmed")).scalar_one()
    event = db.session.get(Event, confirmed.event_id)
    assert event.kind == "lecture" and len(confirmed.invited_units) == 3 and "邀请单位" in event.audience
    assert db.session.execute(db.select(Event.id).filter_by(kind="party_day")).scalar() is not None
