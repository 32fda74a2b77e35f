"""项目清单: each unit's projects for a year, 必选 (taking up one of the
office's five mandatory projects, once per unit) or 自选 (at most five a year
per unit, counted under the unit's row lock so racing requests cannot pass
five), with milestones and linked events; and the office's mandatory projects
(at most five a year, under a per-year lock)."""
from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.localtime import local
from app.models import (
    MANDATORY_PROJECTS_PER_YEAR,
    OPTIONAL_PROJECTS_PER_YEAR,
    Community,
    Event,
    MandatoryProject,
    ProjectMilestone,
    UnitProject,
    Whistle,
    WhistleReport,
)
from app.units import locks
from app.units.errors import refuse
from app.units.resources import today
from app.units.service import get_unit, paged


def current_year():
    return today().year


# --- the office's mandatory projects ---------------------------------------------------------------

def get_mandatory(mandatory_id):
    row = db.session.get(MandatoryProject, mandatory_id)
    if row is None:
        raise refuse("mandatory_project_not_found")
    return row


def list_mandatory(year):
    rows = db.session.execute(db.select(MandatoryProject).where(MandatoryProject.year == year)
                              .order_by(MandatoryProject.id)).scalars().all()
    taking = dict(db.session.execute(
        db.select(UnitProject.mandatory_id, func.count(UnitProject.id))
        .where(UnitProject.mandatory_id.in_([r.id for r in rows] or [-1]), UnitProject.status != "dropped")
        .group_by(UnitProject.mandatory_id)).all())
    return [present_mandatory(r, taking.get(r.id, 0)) for r in rows]


def present_mandatory(row, taking=None):
    if taking is None:
        taking = db.session.execute(db.select(func.count(UnitProject.id)).where(
            UnitProject.mandatory_id == row.id, UnitProject.status != "dropped")).scalar_one()
    return {"id": row.id, "year": row.year, "title": row.title, "description": row.description,
            "units_taking": taking}


def _title_free(year, title, mandatory_id=None):
    query = db.select(MandatoryProject.id).where(MandatoryProject.year == year, MandatoryProject.title == title)
    if mandatory_id is not None:
        query = query.where(MandatoryProject.id != mandatory_id)
    if db.session.execute(query).first() is not None:
        raise refuse("mandatory_title_taken")


def create_mandatory(actor, fields):
    policy.require(policy.units.may_set_mandatory_projects(actor))
    locks.lock_mandatory_year(fields["year"])
    count = db.session.execute(db.select(func.count(MandatoryProject.id))
                               .where(MandatoryProject.year == fields["year"])).scalar_one()
    if count >= MANDATORY_PROJECTS_PER_YEAR:
        raise refuse("mandatory_limit_reached")
    _title_free(fields["year"], fields["title"])
    row = MandatoryProject(**fields)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise refuse("mandatory_title_taken") from exc
    return present_mandatory(row, 0)


def update_mandatory(actor, row, changes):
    policy.require(policy.units.may_set_mandatory_projects(actor))
    if "title" in changes:
        _title_free(row.year, changes["title"], row.id)
    for key, value in changes.items():
        setattr(row, key, value)
    db.session.commit()
    return present_mandatory(row)


def delete_mandatory(actor, row):
    policy.require(policy.units.may_set_mandatory_projects(actor))
    in_use = db.session.execute(db.select(UnitProject.id).where(UnitProject.mandatory_id == row.id)).first()
    if in_use is not None:
        raise refuse("mandatory_in_use")
    db.session.delete(row)
    db.session.commit()


# --- the units' projects ----------------------------------------------------------------------------

def get_project(project_id):
    project = db.session.get(UnitProject, project_id)
    if project is None:
        raise refuse("project_not_found")
    return project


def _check_community(community_id):
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise APIError("validation_failed", "社区不存在", details={"json": {"community_id": ["社区不存在"]}})


def _optional_room(unit_id, year, leaving=None):
    """Under the unit's lock: refuse a sixth live optional project in the year."""
    query = db.select(func.count(UnitProject.id)).where(
        UnitProject.unit_id == unit_id, UnitProject.year == year, UnitProject.kind == "optional",
        UnitProject.status != "dropped")
    if leaving is not None:
        query = query.where(UnitProject.id != leaving)
    if db.session.execute(query).scalar_one() >= OPTIONAL_PROJECTS_PER_YEAR:
        raise refuse("optional_limit_reached")


def add_optional_project(owner, unit_id, title, goals=None, community_id=None, year=None, *, status="planned"):
    """A 自选 project of the unit (this year unless ``year``), refused with
    ``optional_limit_reached`` past five live ones: the unit's row is locked
    while counting, so two at once cannot make a sixth. Flushed, not
    committed: the caller's transaction keeps it or not. For other areas
    too (a whistle's closing summary, a roundtable's resolution); the caller
    has decided that ``owner`` may add it."""
    unit = get_unit(unit_id)
    if unit.status != "active":
        raise refuse("unit_not_active")
    _check_community(community_id)
    locks.lock_unit(unit.id)
    year = year or current_year()
    _optional_room(unit.id, year)
    project = UnitProject(owner_id=owner.id, unit_id=unit.id, year=year, kind="optional", title=title,
                          goals=goals, community_id=community_id, status=status)
    db.session.add(project)
    db.session.flush()
    return project


def create_project(actor, fields):
    fields = dict(fields)
    unit = get_unit(fields["unit_id"])
    policy.require(policy.units.may_act_for(actor, unit.id))
    if fields["kind"] == "optional":
        project = add_optional_project(actor, unit.id, fields["title"], fields.get("goals"),
                                       fields.get("community_id"), fields["year"],
                                       status=fields.get("status") or "planned")
        db.session.commit()
        return project
    if unit.status != "active":
        raise refuse("unit_not_active")
    _check_community(fields.get("community_id"))
    locks.lock_unit(unit.id)
    mandatory = get_mandatory(fields["mandatory_id"])
    if mandatory.year != fields["year"]:
        raise refuse("mandatory_wrong_year")
    fields.setdefault("title", mandatory.title)
    if db.session.execute(db.select(UnitProject.id).where(
            UnitProject.unit_id == unit.id, UnitProject.mandatory_id == mandatory.id)).first() is not None:
        raise refuse("mandatory_already_taken")
    project = UnitProject(owner_id=actor.id, **fields)
    db.session.add(project)
    try:
        db.session.commit()
    except IntegrityError as exc:  # the unique (unit, mandatory) pair: taken a moment ago
        db.session.rollback()
        raise refuse("mandatory_already_taken") from exc
    return project


def update_project(actor, project, changes):
    policy.require(policy.units.may_act_for(actor, project.unit_id))
    _check_community(changes.get("community_id"))
    reviving = project.kind == "optional" and project.status == "dropped" and \
        changes.get("status", "dropped") != "dropped"
    if reviving:
        locks.lock_unit(project.unit_id)
        _optional_room(project.unit_id, project.year, leaving=project.id)
    for key, value in changes.items():
        setattr(project, key, value)
    db.session.commit()
    return project


def add_milestone(actor, project, title, due_on=None):
    policy.require(policy.units.may_act_for(actor, project.unit_id))
    milestone = ProjectMilestone(project_id=project.id, title=title, due_on=due_on)
    db.session.add(milestone)
    db.session.commit()
    db.session.refresh(project)
    return project


def complete_milestone(actor, project, milestone_id, done_on=None):
    policy.require(policy.units.may_act_for(actor, project.unit_id))
    milestone = db.session.get(ProjectMilestone, milestone_id)
    if milestone is None or milestone.project_id != project.id:
        raise refuse("milestone_not_found")
    if milestone.done_on is not None:
        raise refuse("milestone_already_done")
    milestone.done_on = done_on or today()
    db.session.commit()
    db.session.refresh(project)
    return project


def _reported_whistle_event(unit_id, event_id):
    """The event is the check-in event of a whistle the unit reported for duty to."""
    return db.session.execute(
        db.select(Whistle.id).join(WhistleReport, WhistleReport.whistle_id == Whistle.id)
        .where(Whistle.event_id == event_id, WhistleReport.unit_id == unit_id).limit(1)).first() is not None


def linkable(actor, project, event):
    """A unit links an event of the project's year that it hosted, that its
    own community or the project's community hosted (joint activities), or
    that arrivals of a whistle it reported to checked in at. The office links
    any event of the year. Cancelled events are not linked."""
    if event.status == "cancelled" or local(event.starts_at).year != project.year:
        return False
    if policy.is_admin(actor) or event.host_member_unit_id == project.unit_id:
        return True
    communities = {project.unit.community_id, project.community_id} - {None}
    if event.host_community_id in communities:
        return True
    return _reported_whistle_event(project.unit_id, event.id)


def link_event(actor, project, event_id):
    policy.require(policy.units.may_act_for(actor, project.unit_id))
    event = db.session.get(Event, event_id)
    if event is None:
        raise APIError("not_found", "活动不存在")
    if event in project.events:
        raise refuse("event_already_linked")
    if not linkable(actor, project, event):
        raise refuse("event_not_linkable")
    project.events.append(event)
    try:
        db.session.commit()
    except IntegrityError as exc:  # linked by another request a moment ago
        db.session.rollback()
        raise refuse("event_already_linked") from exc
    return project


def unlink_event(actor, project, event_id):
    policy.require(policy.units.may_act_for(actor, project.unit_id))
    event = next((e for e in project.events if e.id == event_id), None)
    if event is None:
        raise refuse("event_not_linked")
    project.events.remove(event)
    db.session.commit()
    return project


def list_projects(args):
    query = db.select(UnitProject).options(selectinload(UnitProject.unit), selectinload(UnitProject.mandatory))
    for key, column in (("unit_id", UnitProject.unit_id), ("year", UnitProject.year), ("kind", UnitProject.kind),
                        ("status", UnitProject.status)):
        if key in args:
            query = query.where(column == args[key])
    if "community" in args:
        query = query.where(or_(UnitProject.community_id == args["community"], UnitProject.community_id.is_(None)))
    return paged(query, UnitProject.id, args, UnitProject.year.desc(), UnitProject.unit_id, UnitProject.kind,
                 UnitProject.id)
