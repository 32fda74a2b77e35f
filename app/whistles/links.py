"""What whistles and roundtables ask of other areas: photos (app/files),
needs (app/needs' public ``raise_need``, docs/alliance-needs.md) and a
unit's optional project (项目清单, five a year).
"""
from datetime import date

from app.errors import invalid
from app.extensions import db
from app.files.service import attachable_uploads
from app.models import MemberUnit
from app.needs import service as needs_service
from app.units import projects as unit_projects


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
    """A 自选 project of ``unit_id`` (the units area's rule: five live ones a
    year, counted under the unit's lock; ``optional_limit_reached`` past
    that). Not committed. A unit that does not exist is a field error here."""
    if db.session.get(MemberUnit, unit_id) is None:
        raise invalid("unit_id", "共建单位不存在")
    return unit_projects.add_optional_project(user, unit_id, title, goals, community_id, year)


def due_year(due_on):
    """A resolution's project belongs to the year it is due (this year without a date)."""
    return due_on.year if isinstance(due_on, date) else None
