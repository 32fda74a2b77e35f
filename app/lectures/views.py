"""How 聚沙讲堂's rows look to the mini-program: plain dicts the schemas dump."""
from app.auth.policy import lectures as lecture_policy
from app.extensions import db
from app.files import service as files
from app.lectures import learning
from app.models import CheckIn
from app.models.lectures import MATERIAL_KIND_LABELS, ORDER_STATUS_LABELS


def lecturer(row, user):
    if row is None:
        return None
    return {"id": row.id, "name": row.name, "title": row.title, "bio": row.bio, "topics": list(row.topics or []),
            "member_unit_id": row.member_unit_id,
            "member_unit_name": row.member_unit.name if row.member_unit is not None else None,
            "user_id": row.user_id if lecture_policy.may_keep_catalogue(user) else None, "active": row.active}


def lecturer_page(page, user):
    return dict(page, items=[lecturer(row, user) for row in page["items"]])


def _visible_materials(course, user):
    everything = lecture_policy.may_keep_catalogue(user)
    return [m for m in course.materials if m.active or everything]


def course(row, user):
    return {"id": row.id, "title": row.title, "topic": row.topic, "summary": row.summary,
            "duration_minutes": row.duration_minutes, "lecturer": lecturer(row.lecturer, user), "active": row.active,
            "material_count": sum(1 for m in row.materials if m.active)}


def course_page(page, user, topics):
    return dict(page, items=[course(row, user) for row in page["items"]], topics=topics)


def material(row, progress=None):
    mine = None
    if progress is not None:
        mine = {"counted_seconds": progress.counted_seconds, "completed": progress.completed_at is not None,
                "completed_at": progress.completed_at}
    return {"id": row.id, "course_id": row.course_id, "kind": row.kind, "kind_label": MATERIAL_KIND_LABELS[row.kind],
            "title": row.title, "body": row.body, "url": row.url, "photos": files.present_uploads(row.upload_ids),
            "length_seconds": row.length_seconds, "floor_seconds": learning.floor_seconds(row),
            "position": row.position, "active": row.active, "my_progress": mine}


def course_detail(row, user):
    materials = _visible_materials(row, user)
    progress = learning.my_progress(user, [m.id for m in materials])
    return dict(course(row, user), materials=[material(m, progress.get(m.id)) for m in materials],
                can_manage=lecture_policy.may_keep_catalogue(user))


def _checked_in(event_ids):
    if not event_ids:
        return {}
    rows = db.session.execute(db.select(CheckIn.event_id, db.func.count(CheckIn.id))
                              .where(CheckIn.event_id.in_(event_ids), CheckIn.direction == "in")
                              .group_by(CheckIn.event_id)).all()
    return dict(rows)


def order(row, user, checked_in=None):
    if checked_in is None:
        checked_in = _checked_in([row.event_id] if row.event_id else [])
    host = row.community if row.community is not None else row.member_unit
    requested = row.status == "requested"
    return {
        "id": row.id, "course_id": row.course_id, "course_title": row.course.title,
        "community_id": row.community_id, "member_unit_id": row.member_unit_id,
        "orderer_name": host.name if host is not None else "", "starts_at": row.starts_at, "ends_at": row.ends_at,
        "place": row.place, "audience": row.audience, "expected_size": row.expected_size, "note": row.note,
        "status": row.status, "status_label": ORDER_STATUS_LABELS[row.status], "reason": row.reason,
        "lecturer": lecturer(row.lecturer, user),
        "invited_units": [{"id": unit.id, "name": unit.name} for unit in row.invited_units],
        "event_id": row.event_id, "checked_in_count": checked_in.get(row.event_id, 0) if row.event_id else None,
        "decided_at": row.decided_at, "created_at": row.created_at,
        "can_decide": requested and lecture_policy.may_decide_order(user, row),
        "can_cancel": requested and lecture_policy.may_cancel_order(user, row),
    }


def order_page(page, user):
    counts = _checked_in([row.event_id for row in page["items"] if row.event_id])
    return dict(page, items=[order(row, user, counts) for row in page["items"]])
