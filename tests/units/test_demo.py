"""The demo's units: a few dozen, each with resources and this year's
projects, the five mandatory projects, a unit contact; loaded twice, once."""
from app.auth import roles
from app.cli.demo import COMMUNITIES
from app.extensions import db
from app.localtime import local
from app.models import MandatoryProject, MemberUnit, RoleGrant, UnitProject, UnitResource, User, utcnow
from app.units.demo import seed_units
from tests.factories import auth_headers, make_community, make_event


def counts():
    return [db.session.execute(db.select(db.func.count()).select_from(m)).scalar()
            for m in (MemberUnit, UnitResource, UnitProject, MandatoryProject, RoleGrant)]


def test_the_demo_units_load_once_with_what_the_pages_show(client):
    communities = {code: make_community(name, code) for name, code in COMMUNITIES}
    event = make_event(community=communities["minghe"])
    seed_units()
    first = counts()
    seed_units()
    assert counts() == first
    units, resources, projects, mandatory, _ = first
    assert units >= 24 and resources >= 2 * units and projects == 3 * units and mandatory == 5
    kinds = {k for (k,) in db.session.execute(db.select(UnitResource.kind).distinct())}
    assert kinds == {"venue", "lecturer", "volunteers", "funds", "professional", "goods"}
    for unit in db.session.execute(db.select(MemberUnit)).scalars():
        assert 30.2 < unit.latitude < 30.4 and 120.3 < unit.longitude < 120.4 and unit.party_org_name
    year = local(utcnow()).year
    linked = db.session.execute(db.select(UnitProject).where(UnitProject.year == year)).scalars().all()
    if local(event.starts_at).year == year:
        assert any(event in p.events for p in linked), "projects lead the demo events"

    contact = db.session.execute(db.select(User).filter_by(openid="demo-unit-contact")).scalar_one()
    grant = db.session.execute(db.select(RoleGrant).filter_by(user_id=contact.id, role=roles.UNIT_CONTACT)).scalar_one()
    school = db.session.get(MemberUnit, grant.scope_id)
    assert school.name == "下沙中学"
    mine = client.get(f"/api/v1/projects?unit_id={school.id}&year={year}", headers=auth_headers(contact)).get_json()
    assert mine["total"] == 3 and all(p["can_edit"] for p in mine["items"])
