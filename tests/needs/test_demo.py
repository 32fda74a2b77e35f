"""The demo shows the loop: needs in every state, with timelines, loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import NEED_STATUSES, Duty, Need, NeedStep


def test_the_demo_has_a_need_in_every_state_and_loads_once(ctx):
    seed_demo()
    counted = (db.session.execute(db.select(db.func.count()).select_from(Need)).scalar(),
               db.session.execute(db.select(db.func.count()).select_from(NeedStep)).scalar())
    seed_demo()
    assert (db.session.execute(db.select(db.func.count()).select_from(Need)).scalar(),
            db.session.execute(db.select(db.func.count()).select_from(NeedStep)).scalar()) == counted
    statuses = set(db.session.execute(db.select(Need.status)).scalars())
    assert statuses == set(NEED_STATUSES)
    duty_statuses = set(db.session.execute(db.select(Duty.status)).scalars())
    assert {"offered", "claimed", "accepted", "done", "closed", "declined"} <= duty_statuses
    rated = db.session.execute(db.select(Duty).where(Duty.rating == 5)).scalar_one()
    assert rated.need.title == "老旧小区空调集中维修"
