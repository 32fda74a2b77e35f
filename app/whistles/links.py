"""What whistles and roundtables ask of other areas: photos (app/files),
needs (app/needs' public ``raise_need``, docs/alliance-needs.md) and a
unit's optional project (项目清单, five a year).
"""
from datetime import date

from app.errors import APIError, invalid
from app.files.service import attachable_uploads
from app.extensions import db
from app.localtime import local_date
from app.models import OPTIONAL_PROJECTS_PER_YEAR, MemberUnit, UnitProject, utcnow
from app.needs import service as needs_service
from app.whistles import locks


def attach_photos(user, photo_ids):
    """Photo ids checked by the storage area: the caller's own uploads for this purpose."""
    if not photo_ids:
        return []
    return [upload.id for upload in attachable_uploads(user, photo_ids, "whistle_photo")]


def whistle_need_ref(whistle_id, n):
    """The source_ref of the n-th need raised from a whistle's closing summary."""
    return f"whistle:{whistle_id}/{n}"


def whistle_needs_prefix(whistle_id):
    return f"whistle:{whistle_id}/"


def resolution_need_ref(roundtable_id, resolution_id):
    """The source_ref of the need a roundtable's resolution raised."""
    return f"roundtable:{roundtable_id}/{resolution_id}"


def raise_need(user, spec, *, community_id, source, source_ref, place=None):
    """A need in the community's 需求清单, raised by ``user`` from a whistle's
    summary or a roundtable's resolution. ``spec``: title, kind, and optional
    description, urgency, wanted_by (checked by this area's schema)."""
    return needs_service.raise_need(
        source, source_ref, title=spec["title"], kind=spec["kind"], community_id=community_id,
        description=spec.get("description"), urgency=spec.get("urgency") or "normal", place=place,
        wanted_by=spec.get("wanted_by"), raised_by=user)


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
