"""The demo data: what ./scripts/dev loads, loaded twice, is loaded once."""
from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Community, ConsultationTopic, Event, MediationCase, Team, User, VolunteerProfile
from app.models.events import SERVICE_ONLY_KINDS


def counts():
    return {model.__name__: db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
            for model in (Community, Team, User, VolunteerProfile, Event, MediationCase, ConsultationTopic)}


def test_seed_demo_is_idempotent_and_has_what_the_demo_needs(ctx):
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first
    assert first["Community"] == 7
    assert first["Team"] == 1 + 5 + 5  # "1+5+X": one corps, five brigades, squads
    kinds = {kind for (kind,) in db.session.execute(db.select(Event.kind).distinct())}
    assert kinds - set(SERVICE_ONLY_KINDS) == {"lecture", "volunteer_activity", "welfare_day", "party_day"}
    volunteer = db.session.execute(db.select(User).filter_by(openid="demo-volunteer")).scalar_one()
    assert db.session.execute(db.select(VolunteerProfile).filter_by(user_id=volunteer.id)).scalar_one().status == "approved"


def history_counts():
    from app.models import Certificate, CheckIn, HoursLedgerEntry, Notice, NoticeDelivery, ServiceRecord

    return {model.__name__: db.session.execute(db.select(db.func.count()).select_from(model)).scalar()
            for model in (CheckIn, ServiceRecord, HoursLedgerEntry, Certificate, Notice, NoticeDelivery)}


def test_the_demo_has_a_past_year_to_show_and_loads_it_once(ctx, client):
    from datetime import timedelta

    from app.models import Certificate, HoursLedgerEntry, Notice, ServiceRecord, utcnow
    from tests.factories import auth_headers

    seed_demo()
    first = history_counts()
    seed_demo()
    assert history_counts() == first, "running the demo twice duplicates nothing"
    assert first["HoursLedgerEntry"] > 20 and first["Certificate"] == 1 and first["NoticeDelivery"] >= 2

    now = utcnow()
    past = db.session.execute(db.select(Event).where(Event.ends_at < now, Event.starts_at > now - timedelta(days=370))
                              ).scalars().all()
    assert {e.kind for e in past} - set(SERVICE_ONLY_KINDS) == {"lecture", "volunteer_activity", "welfare_day"}
    welfare_days = [e for e in past if e.kind == "welfare_day" and e.parent_id is None]
    assert len(welfare_days) >= 11, "a welfare day in each past month"
    # Ledger months spread over the year; the newest activity still waits for approval.
    months = {e.served_at.strftime("%Y-%m") for e in db.session.execute(db.select(HoursLedgerEntry)).scalars()}
    assert len(months) >= 10
    statuses = {s for (s,) in db.session.execute(db.select(ServiceRecord.status).distinct())}
    assert {"approved", "pending", "missing_checkout"} <= statuses

    volunteer = db.session.execute(db.select(User).filter_by(openid="demo-volunteer")).scalar_one()
    mine = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()
    assert mine["total_minutes"] > 0 and len(mine["by_month"]) >= 6
    certificate = db.session.execute(db.select(Certificate).filter_by(user_id=volunteer.id)).scalar_one()
    assert certificate.total_minutes == sum(m["minutes"] for m in mine["by_month"])

    organiser = db.session.execute(db.select(User).filter_by(openid="demo-organiser-minghe")).scalar_one()
    admin = db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()
    squads = client.get("/api/v1/hours/leaderboard?by=squad", headers=auth_headers(admin)).get_json()
    assert len([r for r in squads["rows"] if r["minutes"] > 0]) >= 4, squads
    notice = db.session.execute(db.select(Notice)).scalar_one()
    report = client.get(f"/api/v1/notices/{notice.id}/report", headers=auth_headers(organiser)).get_json()
    assert report["status"] == "done" and report["counts"]["sent"] >= 1 and report["template_title"] == "志愿活动招募通知"


def test_the_alliance_demo_uses_the_units_demo_units_and_people_who_can_log_in(ctx):
    from app.auth import roles
    from app.cli.demo import PEOPLE
    from app.models import MemberUnit, Need, RoleGrant, Whistle
    from app.units.demo import UNITS

    seed_demo()
    names = set(db.session.execute(db.select(MemberUnit.name)).scalars())
    assert names == {row[0] for row in UNITS}, "needs and whistles made no units of their own"
    openids = {row[0] for row in PEOPLE}
    grants = db.session.execute(db.select(User.openid, MemberUnit.name).join(RoleGrant, RoleGrant.user_id == User.id)
                                .join(MemberUnit, MemberUnit.id == RoleGrant.scope_id)
                                .where(RoleGrant.role == roles.UNIT_CONTACT)).all()
    assert set(grants) == {("demo-unit-contact", "下沙中学"), ("demo-unit-power", "下沙供电所")}
    assert {openid for openid, _ in grants} <= openids, "every unit contact gets a login code from ./scripts/dev"
    assert db.session.execute(db.select(db.func.count()).select_from(Need)).scalar() > 0
    assert db.session.execute(db.select(db.func.count()).select_from(Whistle)).scalar() == 2
    # 钱塘阿姨 and 议事: cases in every state (one settled, with its agreement) and topics in 新沙社区.
    from app.models import ConsultationTopic, MediationCase

    assert set(db.session.execute(db.select(MediationCase.status)).scalars()) == {
        "open", "in_mediation", "settled", "referred", "closed"}
    assert {(t.community.name, t.status) for t in db.session.execute(db.select(ConsultationTopic)).scalars()} == {
        ("新沙社区", "open"), ("新沙社区", "resolved")}
