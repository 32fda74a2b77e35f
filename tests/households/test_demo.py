"""The demo has 滟澜社区's households of made-up people, paired, with visits; loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Household, HouseholdPairing, HouseholdVisit, Need


def count(model):
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar()


def test_the_demo_has_paired_households_with_visits_and_loads_once(ctx):
    seed_demo()
    counted = (count(Household), count(HouseholdPairing), count(HouseholdVisit))
    seed_demo()
    assert (count(Household), count(HouseholdPairing), count(HouseholdVisit)) == counted
    assert counted[0] == 6 and counted[1] == 5 and counted[2] == 4
    need = db.session.execute(db.select(Need).where(Need.source == "household_visit")).scalar_one()
    assert need.title == "独居老人卫生间加装扶手" and need.community.name == "滟澜社区"
    head = db.session.execute(db.select(Household).filter_by(address="滟澜苑 3 幢 2 单元 501")).scalar_one()
    assert head.members[0].name == "陈桂英"
