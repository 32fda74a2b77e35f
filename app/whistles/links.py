"""What whistles and roundtables ask of other areas: photos (app/files),
needs (app/needs' public ``raise_need``, docs/alliance-needs.md) and a
unit's optional project (项目清单, five a year).

Each other area's function is looked up when called, so this area works
before that area has landed; until then the call answers 503 with a
Chinese message instead of failing at import.
"""
from datetime import date

from app.errors import APIError, invalid
from app.extensions import db
from app.localtime import local_date
from app.models import OPTIONAL_PROJECTS_PER_YEAR, MemberUnit, UnitProject, utcnow
from app.whistles import locks


def attach_photos(user, photo_ids):
    """Photo ids checked by the storage area when it is there (they must be
    the caller's own uploads for this purpose), else kept as given."""
    if not photo_ids:
        return []
    try:
        from app.files.service import attachable_uploads
    except ImportError:
        return list(photo_ids)
    return [upload.id for upload in attachable_uploads(user, photo_ids, "whistle_photo")]


def _needs_raise_need():
    try:
        from app.needs.service import raise_need
    except ImportError as exc:
        raise APIError("needs_unavailable", "需求清单功能暂未开放，请稍后再试", status=503) from exc
    return raise_need


def raise_need(user, spec, *, community_id, source, source_ref, place=None):
    """A need in the community's 需求清单, raised by ``user`` from a whistle's
    summary or a roundtable's resolution. ``spec``: title, kind, and optional
    description, urgency, wanted_by (checked by this area's schema)."""
    return _needs_raise_need()(
        user, title=spec["title"], kind=spec["kind"], description=spec.get("description"),
        urgency=spec.get("urgency") or "normal", wanted_by=spec.get("wanted_by"), community_id=community_id,
        place=place, source=source, source_ref=source_ref)


def add_optional_project(user, unit_id, title, goals, community_id, year=None):
    """A 自选 project of ``unit_id`` for this year (Beijing time), refused
    with 409 once the unit has its five. The unit's row is locked while
    counting, so two at once cannot make a sixth. Not committed."""
    unit = db.session.get(MemberUnit, unit_id)
    if unit is None:
        raise invalid("unit_id", "共建单位不存在")
    if unit.status != "active":
        raise invalid("unit_id", f"{unit.name}已暂停或退出联盟")
    locks.lock(MemberUnit, unit_id)
    year = year or local_date(utcnow()).year
    held = db.session.execute(db.select(db.func.count(UnitProject.id)).where(
        UnitProject.unit_id == unit_id, UnitProject.year == year, UnitProject.kind == "optional")).scalar_one()
    if held >= OPTIONAL_PROJECTS_PER_YEAR:
        raise APIError("project_limit_reached",
                       f"{unit.name}{year}年的自选项目已有 {OPTIONAL_PROJECTS_PER_YEAR} 个，不能再增加", status=409)
    project = UnitProject(unit_id=unit_id, year=year, kind="optional", title=title, goals=goals,
                          status="planned", community_id=community_id, owner_id=user.id)
    db.session.add(project)
    db.session.flush()
    return project


def due_year(due_on):
    """A resolution's project belongs to the year it is due (this year without a date)."""
    return due_on.year if isinstance(due_on, date) else None
