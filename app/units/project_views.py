"""Projects as the API shows them: with their unit, mandatory project,
community, milestones, linked events and progress."""
from app.auth import policy
from app.extensions import db
from app.models import Community
from app.units.progress import progress_of


def present_projects(projects, user):
    progress = progress_of(projects)
    community_ids = {p.community_id for p in projects} - {None}
    communities = {c.id: c for c in db.session.execute(
        db.select(Community).where(Community.id.in_(sorted(community_ids)))).scalars()} if community_ids else {}
    views = []
    for project in projects:
        numbers, events = progress[project.id]
        views.append({
            **{c: getattr(project, c) for c in ("id", "unit", "year", "kind", "mandatory", "title", "goals",
                                                "status", "milestones")},
            "community": communities.get(project.community_id),
            "events": events,
            "progress": numbers,
            "can_edit": policy.units.may_act_for(user, project.unit_id),
        })
    return views


def present_project(project, user):
    return present_projects([project], user)[0]


def present_page(page, user):
    return {**page, "items": present_projects(page["items"], user)}
