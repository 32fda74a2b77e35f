"""The demo has 随手拍 work orders in every state and level, loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import WORK_ORDER_STATUSES, WorkOrder, WorkOrderStep


def test_the_demo_has_an_order_in_every_state_and_loads_once(ctx):
    seed_demo()
    counted = (db.session.execute(db.select(db.func.count()).select_from(WorkOrder)).scalar(),
               db.session.execute(db.select(db.func.count()).select_from(WorkOrderStep)).scalar())
    seed_demo()
    assert (db.session.execute(db.select(db.func.count()).select_from(WorkOrder)).scalar(),
            db.session.execute(db.select(db.func.count()).select_from(WorkOrderStep)).scalar()) == counted
    orders = db.session.execute(db.select(WorkOrder)).scalars().all()
    assert {o.status for o in orders} == set(WORK_ORDER_STATUSES)
    assert {o.level for o in orders} == {"grid", "community", "office"}
    assert any(o.need_id for o in orders) and any(o.grid_id is None for o in orders)
    assert any(o.rating == 5 for o in orders) and any(o.lapsed_due_at for o in orders)
