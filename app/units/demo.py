"""Demo units for ./scripts/dev: a few dozen member units of the alliance
(下沙中学 and the others the seed names, the rest plausible 下沙 ones), each
with its kind, level, party organisation, address and a location near the
subdistrict office, resources of several kinds, the year's five mandatory
projects, each unit's projects with the demo events they led linked, a few
ratings of communities, and a unit contact (openid ``demo-unit-contact``) for
下沙中学. Idempotent: everything is found by name before it is made."""
from datetime import date

from app.auth import grants, roles
from app.extensions import db
from app.localtime import local
from app.models import (
    Community,
    CommunityRating,
    Event,
    MandatoryProject,
    MemberUnit,
    ProjectMilestone,
    UnitProject,
    UnitResource,
    User,
    utcnow,
)
from app.units.report import year_bounds
from app.units.service import record_status

CONTACT_OPENID = "demo-unit-contact"
CONTACT_UNIT = "下沙中学"

# (name, kind, level, community code or None, party organisation)
UNITS = [
    ("下沙中学", "school", "subdistrict", None, "下沙中学党总支"),
    ("钱塘区人民医院", "hospital", "subdistrict", None, "钱塘区人民医院党委"),
    ("下沙供电所", "enterprise", "subdistrict", None, "下沙供电所党支部"),
    ("金沙湖实验学校", "school", "community", "minghe", "金沙湖实验学校党支部"),
    ("柠檬社区卫生服务站", "hospital", "community", "ningmeng", "柠檬社区卫生服务站党支部"),
    ("下沙街道社区卫生服务中心", "hospital", "subdistrict", None, "下沙街道社区卫生服务中心党支部"),
    ("下沙派出所", "government", "subdistrict", None, "下沙派出所党支部"),
    ("钱塘区消防救援大队下沙中队", "government", "subdistrict", None, "下沙消防中队党支部"),
    ("下沙市场监管所", "government", "subdistrict", None, "下沙市场监管所党支部"),
    ("下沙税务所", "government", "subdistrict", None, "下沙税务所党支部"),
    ("杭州银行下沙支行", "enterprise", "subdistrict", None, "杭州银行下沙支行党支部"),
    ("中国移动下沙营业部", "enterprise", "subdistrict", None, "中国移动下沙营业部党支部"),
    ("杭州公交下沙营运分公司", "enterprise", "subdistrict", None, "下沙营运分公司党总支"),
    ("金沙湖图书馆", "enterprise", "subdistrict", None, "金沙湖图书馆党支部"),
    ("钱塘区中医院下沙分院", "hospital", "subdistrict", None, "下沙分院党支部"),
    ("下沙志愿者协会", "social_org", "subdistrict", None, "下沙志愿者协会党支部"),
    ("下沙红十字会", "social_org", "subdistrict", None, "下沙红十字会党支部"),
    ("钱塘阿姨公益服务中心", "social_org", "community", "qige", "钱塘阿姨公益服务中心党小组"),
    ("沙城律师事务所", "two_new", "subdistrict", None, "沙城律师事务所党支部"),
    ("邻里家电维修服务部", "two_new", "community", "zhige", "智格社区两新组织联合党支部"),
    ("下沙口腔门诊部", "two_new", "community", "ningmeng", "柠檬社区两新组织联合党支部"),
    ("杭铎青年创业园", "two_new", "community", "hangduo", "杭铎青年创业园党委"),
    ("智格商业广场", "enterprise", "community", "zhige", "智格商业广场党支部"),
    ("铭和物业服务中心", "enterprise", "community", "minghe", "铭和物业党支部"),
    ("七格家园物业服务中心", "enterprise", "community", "qige", "七格家园物业党支部"),
    ("滟澜幼儿园", "school", "community", "yanlan", "滟澜幼儿园党支部"),
    ("下沙第一小学", "school", "subdistrict", None, "下沙第一小学党支部"),
    ("新沙老年食堂", "social_org", "community", "xinsha", "新沙社区联合党支部"),
    ("下沙文体中心", "government", "subdistrict", None, "下沙文体中心党支部"),
    ("滟澜商会", "social_org", "community", "yanlan", "滟澜商会党支部"),
]
STREETS = ("学林街", "文渊路", "金沙大道", "月雅路", "听涛路", "学源街", "海达南路", "2号大街")

# What each kind of unit offers: (resource kind, service, title, capacity, unit, availability)
OFFERS = {
    "school": [("venue", None, "{short}礼堂（300座）", 300, "座", "周末及寒暑假"),
               ("lecturer", "党史宣讲", "{short}党员教师宣讲", 4, "人", "每月一次"),
               ("volunteers", None, "{short}师生志愿服务队", 40, "人", "每月第二个星期日")],
    "hospital": [("professional", "义诊", "{short}社区义诊", 6, "人", "每月第二个星期日上午"),
                 ("lecturer", "健康讲座", "{short}健康讲座", 3, "人", "每季度一次"),
                 ("volunteers", None, "{short}医护志愿者", 15, "人", "按需")],
    "enterprise": [("funds", None, "{short}公益金", 20000, "元", "年度"),
                   ("goods", None, "{short}爱心物资", 200, "件", "节假日前"),
                   ("volunteers", None, "{short}党员志愿者", 20, "人", "周末")],
    "government": [("lecturer", "法治宣传", "{short}普法宣讲", 2, "人", "每月一次"),
                   ("professional", "安全检查", "{short}安全隐患排查", 5, "人", "按需"),
                   ("venue", None, "{short}会议室", 40, "座", "工作日晚上")],
    "social_org": [("volunteers", None, "{short}志愿服务队", 30, "人", "每周六"),
                   ("professional", "矛盾调解", "{short}邻里调解", 6, "人", "按需")],
    "two_new": [("professional", "家电维修", "{short}家电维修", 8, "人", "每周六、日"),
                ("professional", "法律咨询", "{short}法律咨询", 3, "人", "每周三下午"),
                ("funds", None, "{short}助学基金", 10000, "元", "年度")],
}

MANDATORY = [
    ("聚沙讲堂·共享党课", "联盟单位每年至少承办或送出一次共享党课"),
    ("市民公益日志愿服务", "每月第二个星期日参与社区市民公益日活动"),
    ("我为群众办实事", "认领并办结社区需求清单中的实事"),
    ("梦未来·成长体验营", "为青少年提供走进单位的实践体验"),
    ("基层吹哨·联盟报到", "接到社区吹哨后及时报到、到岗"),
]
OPTIONAL = {
    "school": "红色研学进社区", "hospital": "慢病随访进家门", "enterprise": "爱心企业助困计划",
    "government": "平安下沙共建行动", "social_org": "邻里守望互助站", "two_new": "两新党员服务日",
}


def _location(index):
    return round(30.30 + ((index * 37) % 100 - 50) / 2500, 5), round(120.35 + ((index * 53) % 100 - 50) / 1800, 5)


def _short(name):
    return name if len(name) <= 6 else name[:6]


def _units(communities):
    units = []
    for index, (name, kind, level, code, party) in enumerate(UNITS):
        unit = db.session.execute(db.select(MemberUnit).filter_by(name=name)).scalar_one_or_none()
        latitude, longitude = _location(index)
        profile = {"kind": kind, "level": level, "community_id": communities[code].id if code else None,
                   "party_org_name": party, "latitude": latitude, "longitude": longitude,
                   "address": f"杭州市钱塘区下沙街道{STREETS[index % len(STREETS)]}{100 + index * 7}号",
                   "joined_on": date(2020 + index % 3, 1 + index % 12, 1 + index % 27),
                   "introduction": f"{name}是聚沙党建联盟{'街道' if level == 'subdistrict' else '社区'}级共建单位。"}
        if unit is None:
            unit = MemberUnit(name=name, status="active", **profile)
            db.session.add(unit)
            db.session.flush()
            record_status(unit, "active", "加入联盟", None)
        elif unit.party_org_name is None:  # a unit the base demo made with a name and a level only
            for key, value in profile.items():
                setattr(unit, key, value)
            if not db.session.execute(db.text("SELECT 1 FROM unit_status_changes WHERE unit_id = :id"),
                                      {"id": unit.id}).first():
                record_status(unit, "active", "加入联盟", None)
        units.append(unit)
    db.session.commit()
    return units


def _resources(units, communities):
    made = 0
    for unit in units:
        for kind, service, title, capacity, capacity_unit, availability in OFFERS[unit.kind]:
            title = title.format(short=_short(unit.name))
            if db.session.execute(db.select(UnitResource.id).filter_by(unit_id=unit.id, title=title)).first():
                continue
            resource = UnitResource(unit_id=unit.id, kind=kind, service=service, title=title, capacity=capacity,
                                    capacity_unit=capacity_unit, availability=availability,
                                    description=f"{unit.name}提供：{title}")
            resource.communities = [c for c in communities.values() if c.id == unit.community_id]
            db.session.add(resource)
            made += 1
    db.session.commit()
    return made


def _project(unit, year, kind, title, mandatory=None, status="active"):
    lookup = {"unit_id": unit.id, "mandatory_id": mandatory.id} if mandatory else \
        {"unit_id": unit.id, "year": year, "title": title, "kind": "optional"}
    project = db.session.execute(db.select(UnitProject).filter_by(**lookup)).scalar_one_or_none()
    if project is None:
        project = UnitProject(unit_id=unit.id, year=year, kind=kind, title=title, status=status,
                              mandatory_id=mandatory.id if mandatory else None, community_id=unit.community_id,
                              goals=f"{year}年{unit.name}领办「{title}」")
        done = status == "done"
        project.milestones = [ProjectMilestone(title="制定方案", due_on=date(year, 3, 31), done_on=date(year, 3, 20)),
                              ProjectMilestone(title="组织实施", due_on=date(year, 9, 30),
                                               done_on=date(year, 9, 28) if done else None),
                              ProjectMilestone(title="年度总结", due_on=date(year, 12, 20),
                                               done_on=date(year, 11, 30) if done else None)]
        db.session.add(project)
        db.session.flush()
    return project


def _projects(units, year):
    mandatory = []
    for title, description in MANDATORY:
        row = db.session.execute(db.select(MandatoryProject).filter_by(year=year, title=title)).scalar_one_or_none()
        if row is None:
            row = MandatoryProject(year=year, title=title, description=description)
            db.session.add(row)
            db.session.flush()
        mandatory.append(row)
    start, end = year_bounds(year)
    events = db.session.execute(db.select(Event).where(Event.starts_at >= start, Event.starts_at < end,
                                                       Event.status != "cancelled")
                                .order_by(Event.starts_at, Event.id)).scalars().all()
    count = 0
    for index, unit in enumerate(units):
        # Some units finished a project already, so the ranking has something to tell apart.
        chosen = [_project(unit, year, "mandatory", m.title, mandatory=m, status="done" if index % n == 0 else "active")
                  for n, m in ((3, mandatory[index % 5]), (4, mandatory[(index + 2) % 5]))]
        chosen.append(_project(unit, year, "optional", OPTIONAL[unit.kind]))
        count += len(chosen)
        # Each project leads the events of the unit's community (or, for a
        # subdistrict-level unit, the subdistrict-wide ones) in turn.
        own = [e for e in events if (unit.community_id and e.host_community_id == unit.community_id)
               or (not unit.community_id and e.host_community_id is None and e.host_member_unit_id is None)]
        for n, project in enumerate(chosen):
            for event in own[n::len(chosen)][:3]:
                if event not in project.events:
                    project.events.append(event)
    db.session.commit()
    return count


def _ratings(units, year):
    for unit in units:
        if unit.community_id is None:
            continue
        exists = db.session.execute(db.select(CommunityRating.id).filter_by(
            unit_id=unit.id, community_id=unit.community_id, year=year)).first()
        if exists is None:
            db.session.add(CommunityRating(unit_id=unit.id, community_id=unit.community_id, year=year,
                                           stars=4 + unit.id % 2, comment="社区对接及时，需求清晰"))
    db.session.commit()


def _contact(units):
    unit = next(u for u in units if u.name == CONTACT_UNIT)
    person = db.session.execute(db.select(User).filter_by(openid=CONTACT_OPENID)).scalar_one_or_none()
    if person is None:
        person = User(openid=CONTACT_OPENID, name="下沙中学李老师")
        db.session.add(person)
    if person.phone is None:  # app/cli/demo.py's PEOPLE made the person without one
        person.phone = "13800000011"
    db.session.commit()
    grants.give(person, roles.UNIT_CONTACT, roles.MEMBER_UNIT, unit.id, actor_label="demo")
    return person


def seed_units():
    communities = {c.code: c for c in db.session.execute(db.select(Community)).scalars()}
    year = local(utcnow()).year
    units = _units(communities)
    resources = _resources(units, communities)
    projects = _projects(units, year)
    _ratings(units, year)
    _contact(units)
    return (f"alliance: {len(units)} member units, {resources} new resources, {projects} projects of {year} "
            f"(5 mandatory), unit contact {CONTACT_OPENID} for {CONTACT_UNIT}")
