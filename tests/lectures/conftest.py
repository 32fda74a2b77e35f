"""A small alliance for 聚沙讲堂: the lecture office, community A's staff and
unit, community B's staff, a confirmed party member and a plain resident,
two lecturers and a course with a text and a video."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.auth import roles
from app.extensions import db
from app.models import Course, CourseMaterial, Lecturer, PartyBranch, PartyMembership, utcnow
from tests.factories import grant, make_community, make_member_unit, make_organiser, make_user


@dataclass
class Hall:
    a: object
    b: object
    unit: object
    other_unit: object
    office: object  # lecture_office grant, not an admin
    admin: object
    staff: object  # organiser of community A
    staff_b: object  # organiser of community B
    contact: object  # unit contact of ``unit``
    member: object  # a confirmed party member of A
    resident: object  # signed in, no party membership
    lecturers: list
    course: object
    text: object
    video: object


def make_member(community, status="confirmed", name="党员老陈"):
    user = make_user(community=community, name=name)
    branch = db.session.execute(db.select(PartyBranch).filter_by(name=f"{community.name}党委")).scalar()
    if branch is None:
        branch = PartyBranch(name=f"{community.name}党委", community_id=community.id)
        db.session.add(branch)
        db.session.flush()
    db.session.add(PartyMembership(user_id=user.id, branch_id=branch.id, status=status))
    db.session.commit()
    return user


def make_course(lecturer=None, title="中国共产党百年奋斗的重大成就和历史经验", minutes=90):
    course = Course(title=title, topic="党史", summary="学习党的百年奋斗历程", duration_minutes=minutes,
                    lecturer_id=lecturer.id if lecturer else None)
    db.session.add(course)
    db.session.flush()
    text = CourseMaterial(course_id=course.id, position=1, kind="text", title="导读", body="百年党史" * 100,
                          length_seconds=100)
    video = CourseMaterial(course_id=course.id, position=2, kind="video", title="授课视频",
                           url="https://media.example.cn/jusha/1.mp4", length_seconds=1800)
    db.session.add_all([text, video])
    db.session.commit()
    return course, text, video


@pytest.fixture()
def hall(ctx):
    a, b = make_community("七格社区"), make_community("杭铎社区")
    unit = make_member_unit("下沙中学", level="community", community=a)
    other_unit = make_member_unit("杭州电子科技大学")
    lecturers = [Lecturer(name="沈望舒", title="马克思主义学院教授", topics=["党史"], member_unit_id=other_unit.id),
                 Lecturer(name="陆秉坤", title="老党员", topics=["革命传统"])]
    db.session.add_all(lecturers)
    db.session.commit()
    course, text, video = make_course(lecturers[0])
    return Hall(a=a, b=b, unit=unit, other_unit=other_unit,
                office=grant(make_user(name="讲堂办小周"), roles.LECTURE_OFFICE),
                admin=make_user(role="admin", name="街道管理员"),
                staff=make_organiser(a, name="七格社工"), staff_b=make_organiser(b, name="杭铎社工"),
                contact=grant(make_user(name="下沙中学联络人"), roles.UNIT_CONTACT, unit),
                member=make_member(a), resident=make_user(community=a, name="七格居民"),
                lecturers=lecturers, course=course, text=text, video=video)


def order_body(hall, days=5, **fields):
    starts = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    body = {"course_id": hall.course.id, "community_id": hall.a.id, "starts_at": starts.isoformat(),
            "place": "七格社区党群服务中心", "audience": "社区老年党员（送学上门）", "expected_size": 40}
    body.update(fields)
    return body
