"""Demo needs from the seed's stories, one in every state, with timelines
spread over the past weeks, so ./scripts/dev shows 点单 → 派单 → 接单 → 履职 →
评单 working. Running it twice adds nothing (each story is found by its
source_ref). The units are the units area's demo's, found by name (it runs
first); the stories add the few resources they dispatch on. The unit contact
is app/cli/demo.py's ``demo-unit-power``, given 下沙供电所 here."""
from datetime import timedelta

from app.auth import grants, roles
from app.extensions import db
from app.models import Community, MemberUnit, Need, UnitResource, User, utcnow
from app.needs import reminders, service
from app.needs.duties import move

# (unit name, [(resource kind, service, title)]): what the stories dispatch on.
UNITS = [
    ("下沙供电所", [("professional", "家电维修", "党员电工家电维修服务队"), ("professional", "电路检修", "楼道线路安全检查")]),
    ("钱塘区人民医院", [("professional", "义诊", "党员医生进社区义诊"), ("lecturer", "健康讲座", "慢病防治健康讲座")]),
    ("柠檬社区卫生服务站", [("volunteers", "助老", "助老上门服务志愿者"), ("professional", "义诊", "家庭医生签约随访")]),
    ("下沙中学", [("venue", None, "下沙中学礼堂（300 座）"), ("volunteers", "环境整治", "青年志愿者环境清洁队")]),
    ("金沙湖实验学校", [("volunteers", "环境整治", "师生志愿服务队")]),
]
UNIT_CONTACT = "demo-unit-power"  # in app/cli/demo.py PEOPLE
CONTACT_UNIT = "下沙供电所"


def _unit(name, resources):
    """The units demo's unit of that name, with the stories' resources."""
    unit = db.session.execute(db.select(MemberUnit).filter_by(name=name)).scalar_one()
    for resource_kind, service_name, title in resources:
        if db.session.execute(db.select(UnitResource.id).filter_by(unit_id=unit.id, title=title)).scalar() is None:
            db.session.add(UnitResource(unit_id=unit.id, kind=resource_kind, service=service_name, title=title))
    return unit


def _person(openid):
    return db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()


def _community(code):
    return db.session.execute(db.select(Community).filter_by(code=code)).scalar_one()


def _ago(days, hours=0):
    return utcnow() - timedelta(days=days, hours=hours)


def seed_needs():
    units = {name: _unit(name, resources) for name, resources in UNITS}
    contact = _person(UNIT_CONTACT)
    db.session.commit()
    grants.give(contact, roles.UNIT_CONTACT, roles.MEMBER_UNIT, units[CONTACT_UNIT].id, actor_label="demo")
    db.session.commit()
    people = {"admin": _person("demo-admin"), "minghe": _person("demo-organiser-minghe"),
              "ningmeng": _person("demo-organiser-ningmeng"), "chen": _person("demo-resident"),
              "liu": _person("demo-resident-2"), "contact": contact}
    made = [story(units, people) for story in STORIES if not _told(story)]
    total = db.session.execute(db.select(db.func.count()).select_from(Need)).scalar()
    return f"needs: {total} ({len(made)} new), every state from open to closed; unit contact {UNIT_CONTACT} for {CONTACT_UNIT}"


def _told(story):
    return db.session.execute(db.select(Need.id).filter_by(source_ref=f"demo:{story.__name__}")).scalar() is not None


def _raise(story, community, raiser, days_ago, **fields):
    need = service.raise_need(fields.pop("source", "resident"), f"demo:{story.__name__}",
                              community_id=community.id, raised_by=raiser, contact_name=raiser.name,
                              contact_phone=fields.pop("phone", "13800000005"), now=_ago(days_ago), **fields)
    db.session.commit()
    return need


def _dispatch(need, actor, units, days_ago, answer_days=2, work_days=7):
    at = _ago(days_ago)
    return service.dispatch(actor, need.id, [u.id for u in units], accept_by=at + timedelta(days=answer_days),
                            due_by=at + timedelta(days=work_days), now=at)


def ac_repair(units, p):
    """智格社区: 172 residents' air conditioners repaired in 3 days — rated, closed."""
    need = _raise(ac_repair, _community("zhige"), p["liu"], 20, title="老旧小区空调集中维修",
                  kind="professional", service="家电维修", urgency="high", place="智格社区 5 幢",
                  latitude=30.3152, longitude=120.3405, is_public=True,
                  description="入夏后多户老人家空调不制冷，希望统一上门检修。")
    (duty,) = _dispatch(need, p["admin"], [units["下沙供电所"]], 19)
    move(p["contact"], duty.id, "accept", note="党员电工服务队明天上门", now=_ago(19, 2))
    move(p["contact"], duty.id, "progress", note="第一天检修 64 户", now=_ago(18))
    move(p["contact"], duty.id, "done", note="三天完成 172 户空调检修，更换电容 31 个", now=_ago(17))
    move(p["liu"], duty.id, "rate", rating=5, note="师傅们很专业，老人们都说好", now=_ago(16))
    return need


def free_clinic(units, p):
    """铭和社区 义诊: done, waiting for the raiser's rating."""
    need = _raise(free_clinic, _community("minghe"), p["minghe"], 10, source="community", title="重阳节老年人义诊",
                  kind="professional", service="义诊", place="铭和社区党群服务中心", latitude=30.3120,
                  longitude=120.3480, is_public=True, description="为辖区 70 岁以上老人测血压、血糖，提供用药咨询。")
    (duty,) = _dispatch(need, p["minghe"], [units["钱塘区人民医院"]], 9)
    move(p["admin"], duty.id, "accept", note="医院党委安排 6 名党员医生", now=_ago(8))
    move(p["admin"], duty.id, "done", note="义诊 126 人次，建立健康档案 40 份", now=_ago(2))
    return need


def elderly_help(units, p):
    """柠檬社区 助老: accepted, progress posted (履职中)."""
    need = _raise(elderly_help, _community("ningmeng"), p["ningmeng"], 6, source="community",
                  title="独居老人每周助浴助洁", kind="volunteers", service="助老", place="柠檬社区 12 幢",
                  description="社区 8 位独居老人需要每周上门助浴、打扫。")
    (duty,) = _dispatch(need, p["ningmeng"], [units["柠檬社区卫生服务站"]], 5)
    move(p["admin"], duty.id, "accept", now=_ago(4))
    move(p["admin"], duty.id, "progress", note="第一周已上门 8 户，建立服务台账", now=_ago(1))
    return need


def triangle_cleanup(units, p):
    """三角区 环境整治: dispatched to two units, one declined, one not yet answered (overdue)."""
    need = _raise(triangle_cleanup, _community("xinsha"), p["admin"], 4, source="community",
                  title="三角区环境综合整治", kind="volunteers", service="环境整治", urgency="urgent",
                  place="海宁市、钱塘区、临平区交界处", is_public=True,
                  description="交界处堆积建筑垃圾和生活垃圾，需要联盟单位组织志愿者清理。")
    first, second = _dispatch(need, p["admin"], [units["下沙中学"], units["金沙湖实验学校"]], 3, answer_days=1)
    move(p["admin"], second.id, "decline", note="本周学校期中考试，无法组织师生", now=_ago(2, 12))
    return need


def lecture_hall(units, p):
    """柠檬社区 needs a hall for a shared lecture: 下沙中学 claimed it (抢单), waiting for confirmation."""
    need = _raise(lecture_hall, _community("ningmeng"), p["ningmeng"], 2, source="community",
                  title="共享党课借用礼堂", kind="venue", place="300 人以上礼堂", is_public=True,
                  description="本月共享党课预计 300 名党员参加，需借用礼堂半天。")
    service.claim(p["admin"], need.id, units["下沙中学"].id, note="礼堂周六下午空闲", now=_ago(1))
    return need


def corridor_light(units, p):
    """铭和社区: a resident's open public need (我要点单), nobody on it yet."""
    return _raise(corridor_light, _community("minghe"), p["chen"], 1, title="楼道感应灯坏了",
                  kind="professional", service="电路检修", place="铭和社区 3 幢 2 单元", latitude=30.3118,
                  longitude=120.3476, is_public=True, phone="13800000004",
                  description="三楼到五楼的感应灯都不亮，晚上老人上下楼不安全。")


def stair_rail(units, p):
    """A resident's need, withdrawn by her before anyone accepted it (cancelled)."""
    need = _raise(stair_rail, _community("minghe"), p["chen"], 12, title="单元门口加装扶手",
                  kind="professional", place="铭和社区 3 幢", phone="13800000004")
    service.cancel(p["chen"], need.id, "物业已经装好了", now=_ago(11))
    return need


def health_talk(units, p):
    """A talk done a fortnight ago and never rated: closed by itself after 7 days."""
    need = _raise(health_talk, _community("zhige"), p["liu"], 16, title="高血压防治健康讲座",
                  kind="lecturer", service="健康讲座", place="智格社区活动室")
    (duty,) = _dispatch(need, p["admin"], [units["钱塘区人民医院"]], 15)
    move(p["admin"], duty.id, "accept", now=_ago(15, -2))
    move(p["admin"], duty.id, "done", note="讲座 45 人参加", now=_ago(14))
    reminders.close_unrated(now=utcnow())
    return need


STORIES = (ac_repair, free_clinic, elderly_help, triangle_cleanup, lecture_hall, corridor_light, stair_rail,
           health_talk)
