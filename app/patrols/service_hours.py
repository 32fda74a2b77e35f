"""A finished patrol counts as volunteer service (the patrol team is a
volunteer squad): it gets a service record the supported way, the same path
a check-out takes.

Service records belong to an event (one per event and person), so each
patrol gets its own event of kind ``patrol`` (never listed with the
activities: ``app.models.events.SERVICE_ONLY_KINDS``), hosted by the team's
community, running from the patrol's start to its end, that credits hours.
The patrol's start and end are written as that event's check-in and
check-out rows, and ``app.hours.records.record_hours_from_checkins`` makes
the record, rounded by the hours rules and waiting for the community's
approval like any other. Every step is insert-once (plan_key, the check-ins'
unique key), so crediting twice makes nothing twice.
"""
import logging

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.hours.records import record_hours_from_checkins
from app.models import CheckIn, Event, Patrol, utcnow
from app.models.base import insert_unless_exists

log = logging.getLogger(__name__)

KIND = "patrol"


def plan_key(patrol):
    return f"patrol:{patrol.id}"


def _event_for(patrol):
    now = utcnow()
    route = patrol.route
    values = {"kind": KIND, "title": f"巡防：{route.name}"[:64], "status": "published",
              "description": f"{route.patrol_team.team.name}巡防，路线「{route.name}」",
              "host_community_id": patrol.patrol_team.community_id, "venue": route.name[:128],
              "starts_at": patrol.started_at, "ends_at": patrol.ended_at, "credits_hours": True,
              "registration_required": False, "plan_key": plan_key(patrol), "created_at": now, "updated_at": now}
    db.session.execute(insert_unless_exists(Event.__table__, values, ["plan_key"]))
    return db.session.execute(select(Event).where(Event.plan_key == plan_key(patrol))).scalar_one()


def credit(patrol):
    """Make the patrol's service record; a patrol under a minute makes none.
    A failure is logged, not raised: the patrol has ended and stays ended."""
    if patrol.ended_at is None or patrol.ended_at <= patrol.started_at or \
            (patrol.ended_at - patrol.started_at).total_seconds() < 60:
        return None
    try:
        event = _event_for(patrol)
        for direction, at in (("in", patrol.started_at), ("out", patrol.ended_at)):
            db.session.execute(insert_unless_exists(CheckIn.__table__, {
                "event_id": event.id, "user_id": patrol.user_id, "direction": direction, "method": "manual",
                "scanned_at": at, "note": "巡防"}, ["event_id", "user_id", "direction"]))
        db.session.execute(update(Patrol).where(Patrol.id == patrol.id).values(service_event_id=event.id)
                           .execution_options(synchronize_session=False))
        db.session.commit()
        records = record_hours_from_checkins(event.id, patrol.user_id)
        db.session.refresh(patrol)
        return records[0] if records else None
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("service record for patrol %s not made", patrol.id, exc_info=True)
        return None
