"""The 宣讲团 and the course catalogue: kept by the lecture office, read by
everyone signed in. Knows nothing of Flask's request; asks app.auth.policy."""
import math

from app import audit
from app.auth import policy
from app.auth.policy import lectures as lecture_policy
from app.errors import APIError, invalid
from app.extensions import db
from app.files import service as files
from app.models import Course, CourseMaterial, Lecturer, MemberUnit, User

ATTACHMENT_PURPOSE = "course_material"
# Reading speed for a text's length when the office gives none: 300 字 a minute.
CHARACTERS_PER_SECOND = 5
SECONDS_PER_ATTACHMENT = 60


def _require_office(user):
    policy.require(lecture_policy.may_keep_catalogue(user), message="只有聚沙讲堂管理员可以维护宣讲团和课程")


def get_lecturer(lecturer_id):
    lecturer = db.session.get(Lecturer, lecturer_id)
    if lecturer is None:
        raise APIError("not_found", "宣讲员不存在")
    return lecturer


def get_course(course_id, include_inactive=False):
    course = db.session.get(Course, course_id)
    if course is None or (not course.active and not include_inactive):
        raise APIError("not_found", "课程不存在")
    return course


def get_material(material_id):
    material = db.session.get(CourseMaterial, material_id)
    if material is None or not material.active or not material.course.active:
        raise APIError("not_found", "学习材料不存在")
    return material


def _check_lecturer_links(values):
    if values.get("member_unit_id") is not None and db.session.get(MemberUnit, values["member_unit_id"]) is None:
        raise invalid("member_unit_id", "共建单位不存在")
    user_id = values.get("user_id")
    if user_id is not None:
        if db.session.get(User, user_id) is None:
            raise invalid("user_id", "用户不存在")
        taken = db.session.execute(db.select(Lecturer.id).where(Lecturer.user_id == user_id)).scalar()
        if taken is not None and taken != values.get("_id"):
            raise invalid("user_id", "该用户已关联其他宣讲员")


def add_lecturer(user, body):
    _require_office(user)
    _check_lecturer_links(body)
    lecturer = Lecturer(**{k: v for k, v in body.items() if not k.startswith("_")})
    lecturer.topics = list(dict.fromkeys(body.get("topics") or []))
    db.session.add(lecturer)
    db.session.flush()
    audit.record("lecturer.create", actor=user, target=lecturer, detail={"name": lecturer.name})
    db.session.commit()
    return lecturer


def update_lecturer(user, lecturer_id, changes):
    _require_office(user)
    lecturer = get_lecturer(lecturer_id)
    _check_lecturer_links({**changes, "_id": lecturer.id})
    if "topics" in changes:
        changes["topics"] = list(dict.fromkeys(changes["topics"] or []))
    for name, value in changes.items():
        setattr(lecturer, name, value)
    audit.record("lecturer.update", actor=user, target=lecturer, detail={"fields": sorted(changes)})
    db.session.commit()
    return lecturer


def list_lecturers(user, args):
    query = db.select(Lecturer)
    if not (args.get("include_inactive") and lecture_policy.may_keep_catalogue(user)):
        query = query.where(Lecturer.active.is_(True))
    if args.get("member_unit_id"):
        query = query.where(Lecturer.member_unit_id == args["member_unit_id"])
    if args.get("q"):
        query = query.where(Lecturer.name.contains(args["q"], autoescape=True))
    return _page(query, args, [Lecturer.name, Lecturer.id])


def _page(query, args, order_by):
    total = db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(*order_by).limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}


def _check_course_lecturer(lecturer_id):
    if lecturer_id is not None:
        lecturer = db.session.get(Lecturer, lecturer_id)
        if lecturer is None or not lecturer.active:
            raise invalid("lecturer_id", "宣讲员不存在或已停用")


def add_course(user, body):
    _require_office(user)
    _check_course_lecturer(body.get("lecturer_id"))
    course = Course(created_by_id=user.id, **body)
    db.session.add(course)
    db.session.flush()
    audit.record("course.create", actor=user, target=course, detail={"title": course.title})
    db.session.commit()
    return course


def update_course(user, course_id, changes):
    _require_office(user)
    course = get_course(course_id, include_inactive=True)
    if "lecturer_id" in changes:
        _check_course_lecturer(changes["lecturer_id"])
    for name, value in changes.items():
        setattr(course, name, value)
    audit.record("course.update", actor=user, target=course, detail={"fields": sorted(changes)})
    db.session.commit()
    return course


def list_courses(user, args):
    query = db.select(Course)
    if not (args.get("include_inactive") and lecture_policy.may_keep_catalogue(user)):
        query = query.where(Course.active.is_(True))
    if args.get("topic"):
        query = query.where(Course.topic == args["topic"])
    if args.get("lecturer_id"):
        query = query.where(Course.lecturer_id == args["lecturer_id"])
    if args.get("q"):
        query = query.where(Course.title.contains(args["q"], autoescape=True))
    return _page(query, args, [Course.id.desc()])


def topics():
    """The topics in use, for the catalogue's filter."""
    return db.session.execute(db.select(Course.topic).where(Course.active.is_(True)).distinct()
                              .order_by(Course.topic)).scalars().all()


def _material_values(user, kind, values, current=None):
    """Check a material's fields for its kind and fill in its length."""
    merged = {"body": None, "url": None, "upload_ids": [], "length_seconds": None}
    if current is not None:
        merged.update(body=current.body, url=current.url, upload_ids=list(current.upload_ids or []),
                      length_seconds=current.length_seconds)
    if "photo_ids" in values:
        merged["upload_ids"] = [u.id for u in files.attachable_uploads(user, values.pop("photo_ids"),
                                                                       ATTACHMENT_PURPOSE)]
    merged.update({k: v for k, v in values.items() if k in merged})
    if kind == "text" and not (merged["body"] or "").strip():
        raise invalid("body", "图文材料请填写正文")
    if kind in ("audio", "video"):
        if not merged["url"]:
            raise invalid("url", "音频、视频材料请填写 https 链接")
        if not merged["length_seconds"]:
            raise invalid("length_seconds", "音频、视频材料请填写时长（秒）")
    if kind == "attachment" and not merged["upload_ids"]:
        raise invalid("photo_ids", "附件材料请至少上传一张图片")
    content_changed = current is None or "body" in values or "photo_ids" in values
    if not values.get("length_seconds") and kind in ("text", "attachment") and content_changed:
        merged["length_seconds"] = _default_length(kind, merged)
    return merged


def _default_length(kind, values):
    if kind == "text":
        return max(60, math.ceil(len(values["body"]) / CHARACTERS_PER_SECOND))
    return SECONDS_PER_ATTACHMENT * max(1, len(values["upload_ids"]))


def add_material(user, course_id, body):
    _require_office(user)
    course = get_course(course_id, include_inactive=True)
    kind = body.pop("kind")
    values = _material_values(user, kind, body)
    position = body.get("position")
    if position is None:
        position = 1 + (db.session.execute(db.select(db.func.max(CourseMaterial.position))
                                           .where(CourseMaterial.course_id == course.id)).scalar() or 0)
    material = CourseMaterial(course_id=course.id, kind=kind, title=body["title"], position=position, **values)
    db.session.add(material)
    db.session.flush()
    audit.record("course_material.create", actor=user, target=material, detail={"course_id": course.id,
                                                                                  "kind": kind})
    db.session.commit()
    return material


def update_material(user, material_id, changes):
    _require_office(user)
    material = db.session.get(CourseMaterial, material_id)
    if material is None:
        raise APIError("not_found", "学习材料不存在")
    values = _material_values(user, material.kind, dict(changes), current=material)
    for name in ("title", "position", "active"):
        if name in changes:
            setattr(material, name, changes[name])
    for name, value in values.items():
        setattr(material, name, value)
    audit.record("course_material.update", actor=user, target=material, detail={"fields": sorted(changes)})
    db.session.commit()
    return material
