"""Demo 聚沙讲堂: a 宣讲团 of party-member professors, teachers and veteran
members (made-up names), a catalogue of party-history courses with
materials, course orders in every state (one confirmed into a 共享党课
event open to several units), and a 主题党日 event. Running it twice adds
nothing: lecturers, courses and orders are found by name, title and note.
The lecture office's person is ``demo-lecture-office`` (聚沙讲堂办公室)."""
from datetime import datetime, timedelta

from app.auth import grants, roles
from app.events.service import create_event
from app.extensions import db
from app.lectures import orders
from app.localtime import CHINA_TZ
from app.models import (
    Community,
    Course,
    CourseMaterial,
    CourseOrder,
    Event,
    LearningProgress,
    Lecturer,
    MemberUnit,
    PartyMembership,
    User,
    utcnow,
)

OFFICE_OPENID = "demo-lecture-office"
VIDEO = "https://media.jusha-demo.cn/lectures/{n}.mp4"
AUDIO = "https://media.jusha-demo.cn/lectures/{n}.mp3"

# (name, title, topics, unit name or None, bio)
LECTURERS = [
    ("沈望舒", "高校马克思主义学院教授", ["党史", "理论学习"], None,
     "长期从事中共党史教学与研究，聚沙讲堂宣讲团首批成员。"),
    ("钱立诚", "高校经济学院教授、党支部书记", ["改革开放史", "理论学习"], None,
     "讲授改革开放与浙江发展，擅长用身边变化讲大道理。"),
    ("杭雅琴", "下沙中学历史教师", ["党史", "青少年教育"], "下沙中学",
     "为青少年讲党史故事，多次带学生走进红色教育基地。"),
    ("顾敏行", "退休老党员（党龄 52 年）", ["革命传统", "地方史"], None,
     "亲历下沙从围垦滩涂到产城新区的变迁，常到社区为老人讲身边的党史。"),
    ("陆秉坤", "老战士、老党员", ["革命传统"], None, "讲述军旅岁月与入党初心，深受社区老人欢迎。"),
]

# (title, topic, minutes, lecturer, summary, text of the reading, extra media kind or None)
COURSES = [
    ("开天辟地：中国共产党的创建与红船精神", "党史", 90, "沈望舒",
     "从新文化运动、五四运动到中共一大和南湖红船，理解“开天辟地、敢为人先”的首创精神。",
     "1921年7月，中国共产党第一次全国代表大会在上海召开，最后一天的会议转移到浙江嘉兴南湖的一条游船上举行。"
     "红船精神——开天辟地、敢为人先的首创精神，坚定理想、百折不挠的奋斗精神，立党为公、忠诚为民的奉献精神——"
     "是中国革命精神之源。", "video"),
    ("星火燎原：井冈山斗争与中国革命道路", "党史", 90, "沈望舒",
     "井冈山革命根据地的创建，农村包围城市、武装夺取政权道路的开辟。",
     "1927年秋收起义后，毛泽东率部进军井冈山，创建了第一个农村革命根据地。井冈山精神的核心是坚定信念、艰苦奋斗，"
     "实事求是、敢闯新路，依靠群众、勇于胜利。", None),
    ("万里长征：理想信念的伟大远征", "党史", 60, "陆秉坤",
     "红军长征的历程、遵义会议的历史转折与长征精神。",
     "1934年10月，中央红军开始长征，历时两年，纵横十余省，行程两万五千里。1935年1月的遵义会议，"
     "在最危急关头挽救了党、挽救了红军、挽救了中国革命。", "audio"),
    ("中流砥柱：中国共产党与全民族抗战", "党史", 90, "陆秉坤",
     "抗日民族统一战线、敌后战场与伟大抗战精神。",
     "全民族抗战中，中国共产党倡导建立抗日民族统一战线，开辟广大敌后战场，成为全民族抗战的中流砥柱。", None),
    ("伟大转折：改革开放的历史抉择", "改革开放史", 90, "钱立诚",
     "党的十一届三中全会与改革开放，浙江从“七山一水二分田”到民营经济大省。",
     "1978年12月，党的十一届三中全会作出把党和国家工作中心转移到经济建设上来、实行改革开放的历史性决策。", "video"),
    ("中国共产党百年奋斗的重大成就和历史经验", "理论学习", 120, "钱立诚",
     "学习党的十九届六中全会决议，理解“十个坚持”的历史经验。",
     "党的十九届六中全会审议通过《中共中央关于党的百年奋斗重大成就和历史经验的决议》，总结了坚持党的领导、坚持人民至上、"
     "坚持理论创新、坚持独立自主、坚持中国道路、坚持胸怀天下、坚持开拓创新、坚持敢于斗争、坚持统一战线、坚持自我革命"
     "十条历史经验。", None),
    ("少年强则国强：讲给青少年的党史故事", "青少年教育", 45, "杭雅琴",
     "用一个个小故事讲党的历史，适合中小学生和“梦未来”成长体验营。",
     "嘉兴南湖的红船、长征路上的半条被子、雷锋的日记……一个个故事串起党的百年历程。", None),
    ("钱塘潮涌：下沙从围垦滩涂到产城新区", "地方史", 60, "顾敏行",
     "老党员讲身边的变化：围垦、建区、高教园区与今天的下沙。",
     "上世纪六七十年代，下沙一带的百姓肩挑手扛，在钱塘江边围垦滩涂；九十年代开发区设立，高校园区落户，"
     "下沙从一片滩涂成长为产城融合的新城。", "audio"),
]

# (course title, orderer community code or unit name, days ahead, place, audience, size, final status, note)
ORDERS = [
    ("开天辟地：中国共产党的创建与红船精神", "minghe", 7, "下沙中学礼堂", "联盟成员单位党员", 300, "confirmed",
     "共享党课：邀请联盟单位党员共同参加"),
    ("钱塘潮涌：下沙从围垦滩涂到产城新区", "ningmeng", 10, "柠檬社区居家养老服务中心", "社区老年党员（送学上门）", 35,
     "requested", "老人行动不便，请宣讲员上门讲"),
    ("少年强则国强：讲给青少年的党史故事", "下沙中学", 12, "下沙中学报告厅", "初一年级学生", 200, "cancelled",
     "学校考试周，改期再点"),
    ("万里长征：理想信念的伟大远征", "zhige", 3, "智格社区党群服务中心", "社区党员", 60, "declined",
     "该时段宣讲团成员均已排满，请改约下月"),
]
INVITED_UNITS = ("下沙中学", "下沙供电所", "钱塘区人民医院")
PARTY_DAY_TITLE = "主题党日：重温入党誓词，共建美好家园"


def _office():
    user = db.session.execute(db.select(User).filter_by(openid=OFFICE_OPENID)).scalar_one_or_none()
    if user is None:
        user = User(openid=OFFICE_OPENID, name="聚沙讲堂办公室周老师")
        db.session.add(user)
        db.session.commit()
    grants.give(user, roles.LECTURE_OFFICE, roles.SUBDISTRICT, actor_label="demo")
    return user


def _unit(name):
    return db.session.execute(db.select(MemberUnit).filter_by(name=name)).scalar_one_or_none()


def _lecturers():
    found = {}
    for name, title, topics, unit_name, bio in LECTURERS:
        row = db.session.execute(db.select(Lecturer).filter_by(name=name)).scalar_one_or_none()
        if row is None:
            unit = _unit(unit_name) if unit_name else None
            row = Lecturer(name=name, title=title, topics=topics, bio=bio, member_unit_id=unit.id if unit else None)
            db.session.add(row)
        found[name] = row
    db.session.flush()
    return found


def _courses(lecturers, office):
    found = {}
    for n, (title, topic, minutes, lecturer, summary, reading, media) in enumerate(COURSES, start=1):
        course = db.session.execute(db.select(Course).filter_by(title=title)).scalar_one_or_none()
        if course is None:
            course = Course(title=title, topic=topic, duration_minutes=minutes, summary=summary,
                            lecturer_id=lecturers[lecturer].id, created_by_id=office.id)
            db.session.add(course)
            db.session.flush()
            db.session.add(CourseMaterial(course_id=course.id, position=1, kind="text", title="学习导读",
                                          body=reading, length_seconds=max(60, len(reading) // 5)))
            if media:
                url = (VIDEO if media == "video" else AUDIO).format(n=n)
                db.session.add(CourseMaterial(course_id=course.id, position=2, kind=media,
                                              title="授课录像" if media == "video" else "授课录音", url=url,
                                              length_seconds=minutes * 60 // 3))
        found[title] = course
    db.session.commit()
    return found


def _day(days_ahead, hour):
    day = datetime.now(CHINA_TZ).date() + timedelta(days=days_ahead)
    return datetime.combine(day, datetime.min.time(), CHINA_TZ).replace(hour=hour)


def _orders(courses, lecturers, office):
    people = {code: db.session.execute(db.select(User).filter_by(openid=f"demo-organiser-{code}")).scalar_one_or_none()
              for code in ("minghe", "ningmeng")}
    admin = db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()
    made = 0
    for title, orderer, days, place, audience, size, status, note in ORDERS:
        if db.session.execute(db.select(CourseOrder.id).filter_by(note=note)).scalar() is not None:
            continue
        community = db.session.execute(db.select(Community).filter_by(code=orderer)).scalar_one_or_none()
        unit = None if community is not None else _unit(orderer)
        starts = _day(days, 14)
        body = {"course_id": courses[title].id, "community_id": community.id if community else None,
                "member_unit_id": unit.id if unit else None, "starts_at": starts, "place": place,
                "audience": audience, "expected_size": size, "note": note}
        if status == "confirmed":
            body["invited_unit_ids"] = [u.id for u in map(_unit, INVITED_UNITS) if u is not None]
        order = orders.place_order(people.get(orderer) or admin, body)
        if status == "confirmed":
            orders.confirm(office, order.id, {"lecturer_id": courses[title].lecturer_id, "capacity": size,
                                              "registration_required": True})
        elif status == "declined":
            orders.decline(office, order.id, note)
        elif status == "cancelled":
            orders.cancel(admin, order.id, note)
        made += 1
    return made


def _party_day():
    if db.session.execute(db.select(Event.id).filter_by(title=PARTY_DAY_TITLE)).scalar() is not None:
        return
    organiser = db.session.execute(db.select(User).filter_by(openid="demo-organiser-minghe")).scalar_one()
    minghe = db.session.execute(db.select(Community).filter_by(code="minghe")).scalar_one()
    starts = _day(5, 9)
    create_event(organiser, {"kind": "party_day", "title": PARTY_DAY_TITLE, "host_community_id": minghe.id,
                             "venue": "铭和社区党群服务中心", "audience": "铭和社区党员、在职党员与共建单位党员",
                             "description": "重温入党誓词，开展楼道清洁志愿服务，联合下沙中学党总支共同举办。",
                             "starts_at": starts, "ends_at": starts + timedelta(hours=2)})


def _some_learning(courses):
    """A confirmed party member's finished reading, when the party demo has one."""
    member = db.session.execute(db.select(PartyMembership.user_id).filter_by(status="confirmed")
                                .order_by(PartyMembership.id)).scalar()
    if member is None:
        return
    first = courses[COURSES[0][0]].materials[0]
    if db.session.execute(db.select(LearningProgress.id).filter_by(user_id=member, material_id=first.id)).first():
        return
    db.session.add(LearningProgress(user_id=member, material_id=first.id, counted_seconds=first.length_seconds,
                                    completed_at=utcnow() - timedelta(days=2)))
    db.session.commit()


def seed_lectures():
    office = _office()
    lecturers = _lecturers()
    courses = _courses(lecturers, office)
    made = _orders(courses, lecturers, office)
    _party_day()
    _some_learning(courses)
    return (f"聚沙讲堂: {len(lecturers)} lecturers, {len(courses)} courses, {made} new course orders "
            f"(requested, confirmed into a 共享党课, declined, cancelled), a 主题党日; office {OFFICE_OPENID}")
