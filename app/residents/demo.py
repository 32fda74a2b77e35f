"""The front door's demo: 孙奶奶 of 铭和社区, who has no smartphone, holds a
resident card printed by the community, and her daughter (陈阿姨, the demo
resident) checks her in with the consent she gave at the community office.
Running it twice adds nothing."""
from app.extensions import db
from app.models import FamilyLink, ResidentCard, User
from app.residents import cards, family
from app.users import offline

ELDER_PHONE = "13900005678"
ELDER_NAME = "孙奶奶"


def seed_front_door():
    staff = db.session.execute(db.select(User).filter_by(openid="demo-organiser-minghe")).scalar_one()
    daughter = db.session.execute(db.select(User).filter_by(openid="demo-resident")).scalar_one()
    elder = db.session.execute(db.select(User).filter_by(phone=ELDER_PHONE)).scalars().first()
    if elder is None:
        elder = offline.register(staff, ELDER_PHONE, ELDER_NAME, staff_community(staff), action="resident.register")
    if db.session.execute(db.select(ResidentCard).filter_by(user_id=elder.id, revoked_at=None)).first() is None:
        cards.issue(staff, elder)
    if daughter.phone is None:
        daughter.phone = "13900001234"
        db.session.commit()
    if db.session.execute(db.select(FamilyLink).filter_by(elder_id=elder.id, status="active")).first() is None:
        family.witness(staff, elder, daughter, "子女")
    return f"front door: {ELDER_NAME} has a resident card; 陈阿姨 may check her in (家属代签)"


def staff_community(staff):
    return next(g.scope_id for g in staff.grants if g.scope_kind == "community")
