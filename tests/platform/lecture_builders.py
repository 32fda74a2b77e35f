"""The world's 聚沙讲堂 objects and the request builders for their rows of
the authorisation table: a lecturer, a course with a text, community A's
course order waiting for the office, and the volunteer's learning session
(the volunteer is a confirmed party member)."""
from datetime import timedelta

from app.extensions import db
from app.models import (
    Course,
    CourseMaterial,
    CourseOrder,
    LearningSession,
    Lecturer,
    PartyBranch,
    PartyMembership,
    utcnow,
)


def _party_member(user, community):
    """The volunteer's confirmed membership, unless the world has one already."""
    if db.session.execute(db.select(PartyMembership.id).filter_by(user_id=user.id)).first() is not None:
        return
    branch = PartyBranch(name=f"{community.name}讲堂测试党支部", community_id=community.id)
    db.session.add(branch)
    db.session.flush()
    db.session.add(PartyMembership(user_id=user.id, branch_id=branch.id, status="confirmed"))


def add_lectures(world):
    volunteer = world.people["volunteer"]
    _party_member(volunteer, world.a)
    lecturer = Lecturer(name="沈望舒", title="马克思主义学院教授", topics=["党史"])
    db.session.add(lecturer)
    db.session.flush()
    course = Course(title="中国共产党百年奋斗的重大成就", topic="党史", duration_minutes=90, lecturer_id=lecturer.id)
    db.session.add(course)
    db.session.flush()
    material = CourseMaterial(course_id=course.id, kind="text", title="导读", body="百年党史" * 50,
                              length_seconds=120)
    db.session.add(material)
    db.session.flush()
    starts = utcnow() + timedelta(days=5)
    order = CourseOrder(course_id=course.id, community_id=world.a.id, starts_at=starts,
                        ends_at=starts + timedelta(minutes=90), place="七格社区党群服务中心", expected_size=40,
                        status="requested", ordered_by_id=world.people["organiser_in"].id)
    session = LearningSession(user_id=volunteer.id, material_id=material.id)
    db.session.add_all([order, session])
    db.session.commit()
    world.alliance.update(lecturer_id=lecturer.id, course_id=course.id, material_id=material.id, order_id=order.id,
                          session_id=session.id)


def _order_in_a(w, actor, wechat):
    starts = (utcnow() + timedelta(days=6)).replace(microsecond=0)
    return {"json": {"course_id": w.alliance["course_id"], "community_id": w.a.id, "starts_at": starts.isoformat(),
                     "place": "七格社区居家养老服务中心", "audience": "社区老年党员（送学上门）", "expected_size": 30}}


LECTURE_BUILDERS = {
    "lecturer_new": lambda w, actor, wechat: {"json": {"name": "顾敏行", "title": "老党员", "topics": ["革命传统"]}},
    "lecturer_change": lambda w, actor, wechat: {"json": {"bio": "从事党史研究三十年"}},
    "course_new": lambda w, actor, wechat: {"json": {"title": "从红船精神到浙江精神", "topic": "党史",
                                                     "duration_minutes": 60}},
    "course_change": lambda w, actor, wechat: {"json": {"summary": "红船精神的历史与时代价值"}},
    "material_new": lambda w, actor, wechat: {"json": {"kind": "text", "title": "讲稿", "body": "红船精神" * 40}},
    "material_change": lambda w, actor, wechat: {"json": {"title": "讲稿（修订）"}},
    "course_order_in_a": _order_in_a,
    "confirm_lecturer": lambda w, actor, wechat: {"json": {"lecturer_id": w.alliance["lecturer_id"]}},
    "heartbeat": lambda w, actor, wechat: {"json": {"seq": 1}},
}
