"""A project's progress, from what its linked events recorded: the events
held, the people who checked in, the hours the unit's people served there
(app/units/people.py), and its milestones."""
from sqlalchemy import func

from app.extensions import db
from app.hours.rules import hours
from app.models import CheckIn, utcnow
from app.units.people import minutes_by_unit_event


def attendance_by_event(event_ids):
    """{event_id: people who checked in}."""
    if not event_ids:
        return {}
    return dict(db.session.execute(
        db.select(CheckIn.event_id, func.count(func.distinct(CheckIn.user_id)))
        .where(CheckIn.event_id.in_(sorted(event_ids)), CheckIn.direction == "in")
        .group_by(CheckIn.event_id)).all())


def held(event, now):
    return event.status != "cancelled" and event.ends_at <= now


def progress_of(projects):
    """{project_id: (progress, [linked event views])} for these projects, in a few queries."""
    event_ids = {e.id for p in projects for e in p.events}
    attendance = attendance_by_event(event_ids)
    minutes = minutes_by_unit_event({p.unit_id for p in projects}, event_ids)
    now = utcnow()
    answer = {}
    for project in projects:
        events = sorted(project.events, key=lambda e: (e.starts_at, e.id))
        views = [{"id": e.id, "title": e.title, "kind": e.kind, "status": e.status, "starts_at": e.starts_at,
                  "ends_at": e.ends_at, "attendance": attendance.get(e.id, 0),
                  "unit_hours": hours(minutes.get((project.unit_id, e.id), 0))} for e in events]
        counted = [e for e in events if e.status != "cancelled"]
        done = sum(m.done_on is not None for m in project.milestones)
        total = len(project.milestones)
        percent = 100 if project.status == "done" else (round(100 * done / total) if total else None)
        answer[project.id] = ({
            "events_linked": len(events),
            "events_held": sum(held(e, now) for e in events),
            "attendance": sum(attendance.get(e.id, 0) for e in counted),
            "unit_volunteer_hours": hours(sum(minutes.get((project.unit_id, e.id), 0) for e in counted)),
            "milestones_total": total,
            "milestones_done": done,
            "percent": percent,
        }, views)
    return answer
