"""The demo has party members in every status, with records, loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.localtime import local
from app.models import MEMBERSHIP_STATUSES, PartyMembership, PartyReport, User, utcnow
from app.party import learning, membership
from app.party.demo import seed_party


def test_the_demo_has_members_in_every_status_with_records_and_loads_once(ctx):
    seed_demo()
    counted = db.session.execute(db.select(db.func.count()).select_from(PartyMembership)).scalar()
    seed_party()
    assert db.session.execute(db.select(db.func.count()).select_from(PartyMembership)).scalar() == counted
    assert set(db.session.execute(db.select(PartyMembership.status)).scalars()) == set(MEMBERSHIP_STATUSES)
    assert db.session.execute(db.select(db.func.count()).select_from(PartyReport)).scalar() == 2
    zhang = db.session.execute(db.select(User).filter_by(openid="demo-volunteer")).scalar_one()
    this_year = local(utcnow()).year  # the history is the past twelve months: this year and last
    records = [learning.record(zhang, membership.of_user(zhang.id), year) for year in (this_year, this_year - 1)]
    assert sum(r["lecture_count"] for r in records) > 0 and sum(r["hours"] for r in records) > 0
    assert records[0]["membership"]["status"] == "confirmed"
    secretary = db.session.execute(db.select(User).filter_by(openid="demo-branch-secretary")).scalar_one()
    assert any(g.role == "branch_organiser" for g in secretary.grants)
