"""The demo data: what ./scripts/dev loads, loaded twice, is loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Community, Event, Team, User, VolunteerProfile


def counts():
    return {model.__name__: db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
            for model in (Community, Team, User, VolunteerProfile, Event)}


def test_seed_demo_is_idempotent_and_has_what_the_demo_needs(ctx):
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first
    assert first["Community"] == 7
    assert first["Team"] == 1 + 5 + 5  # "1+5+X": one corps, five brigades, squads
    kinds = {kind for (kind,) in db.session.execute(db.select(Event.kind).distinct())}
    assert kinds == {"lecture", "volunteer_activity", "welfare_day"}
    volunteer = db.session.execute(db.select(User).filter_by(openid="demo-volunteer")).scalar_one()
    assert db.session.execute(db.select(VolunteerProfile).filter_by(user_id=volunteer.id)).scalar_one().status == "approved"
