"""Demo whistles and a roundtable: an open whistle in 智格社区 (the seed's
172 air conditioners in three days) that some units answered and some not,
a closed one in 杭铎社区 with its summary, and 智格社区's held roundtable
with resolutions. Running it twice adds nothing."""
from datetime import timedelta

from app.extensions import db
from app.models import Community, Event, MemberUnit, Roundtable, User, Whistle, WhistleReport, utcnow
from app.whistles import roundtables, service

# The units demo's units (it runs first), found by name; the contacts are app/cli/demo.py's PEOPLE,
# given their units by the units demo (下沙中学) and the needs demo (下沙供电所).
UNITS = ("下沙中学", "钱塘区人民医院", "下沙供电所", "金沙湖实验学校")
UNIT_CONTACT = ("demo-unit-contact", "下沙中学")
POWER_CONTACT = "demo-unit-power"
OPEN_TITLE = "高温天空调集中维修"
CLOSED_TITLE = "台风过后家园清洁"
ROUNDTABLE_TITLE = "智格社区联盟圆桌会"


def _unit(name):
    return db.session.execute(db.select(MemberUnit).filter_by(name=name)).scalar_one()


def _person(openid):
    return db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()


def _whistle(community, title):
    return db.session.execute(db.select(Whistle).filter_by(community_id=community.id, title=title)).scalar_one_or_none()


def _backdate(whistle, hours):
    """Move a whistle (and its event) ``hours`` into the past, as if raised then."""
    shift = timedelta(hours=hours)
    whistle.created_at -= shift
    whistle.needed_by -= shift
    event = db.session.get(Event, whistle.event_id)
    for name in ("starts_at", "ends_at", "checkin_opens_at", "checkin_closes_at", "checkout_opens_at",
                 "checkout_closes_at"):
        setattr(event, name, getattr(event, name) - shift)


def _report(whistle, unit, contact, minutes_after, people, brings):
    db.session.add(WhistleReport(whistle_id=whistle.id, unit_id=unit.id, reported_by_id=contact.id,
                                 people_count=people, brings=brings,
                                 reported_at=whistle.created_at + timedelta(minutes=minutes_after),
                                 arrive_at=whistle.created_at + timedelta(minutes=minutes_after + 40)))


def seed_whistles():
    admin = db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()
    zhige = db.session.execute(db.select(Community).filter_by(code="zhige")).scalar_one()
    hangduo = db.session.execute(db.select(Community).filter_by(code="hangduo")).scalar_one()
    school, hospital, power, jinsha = (_unit(name) for name in UNITS)
    openid, unit_name = UNIT_CONTACT
    contact, power_contact = _person(openid), _person(POWER_CONTACT)
    made = []
    if _whistle(zhige, OPEN_TITLE) is None:
        whistle = service.raise_whistle(admin, {
            "community_id": zhige.id, "title": OPEN_TITLE, "place": "智格社区党群服务中心",
            "description": "持续高温，独居老人家中空调故障较多，需要电工和志愿者上门检修",
            "latitude": 30.3152, "longitude": 120.3489, "needed_by": utcnow() + timedelta(hours=6),
            "unit_ids": [power.id, school.id, hospital.id, jinsha.id]})
        _backdate(whistle, 1.5)
        _report(whistle, power, power_contact, 12, 6, "电工 6 名，万用表、检修工具")
        _report(whistle, school, contact, 35, 10, "青年志愿者 10 名")
        db.session.commit()
        made.append("open")
    if _whistle(hangduo, CLOSED_TITLE) is None:
        whistle = service.raise_whistle(admin, {
            "community_id": hangduo.id, "title": CLOSED_TITLE, "place": "杭铎社区中心广场",
            "needed_by": utcnow() + timedelta(hours=4), "to_all_units": False,
            "unit_ids": [school.id, hospital.id]})
        _backdate(whistle, 72)
        _report(whistle, school, contact, 20, 15, "青年志愿者 15 名，扫帚、垃圾袋")
        _report(whistle, hospital, admin, 45, 4, "医护人员 4 名，急救包")
        db.session.commit()
        service.close_whistle(admin, whistle.id, {"summary": "两家单位 19 人报到，3 小时完成小区主干道和绿化带清理"})
        made.append("closed")
    if db.session.execute(db.select(Roundtable).filter_by(title=ROUNDTABLE_TITLE)).first() is None:
        open_whistle = _whistle(zhige, OPEN_TITLE)
        table = roundtables.schedule(admin, {
            "title": ROUNDTABLE_TITLE, "held_at": utcnow() - timedelta(days=1), "place": "智格社区党群服务中心",
            "community_id": zhige.id,
            "items": [{"whistle_id": open_whistle.id}, {"title": "老旧小区加装电梯协调"}]})
        roundtables.mark_held(admin, table.id, "会议听取了空调集中维修的进展，商定夏季用电安全巡检和加装电梯协调的分工。")
        roundtables.add_resolution(admin, table.id, {"text": "下沙供电所负责夏季用电安全巡检", "owner_unit_id": power.id,
                                                     "due_on": (utcnow() + timedelta(days=30)).date()})
        roundtables.add_resolution(admin, table.id, {"text": "下沙中学组织青年志愿者回访维修户", "owner_unit_id": school.id,
                                                     "due_on": (utcnow() + timedelta(days=14)).date()})
        made.append("roundtable")
    return f"whistles: {', '.join(made) or 'already there'} (unit contact {openid} for {unit_name})"
