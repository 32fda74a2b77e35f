"""The patroller's personal data: their patrols in see-my-data, and their
tracks and locations gone when they close their account."""
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import CheckpointPass, Patrol, TrackPoint


def my_patrols(user):
    """The ``patrols`` section of GET /api/v1/me/data."""
    rows = db.session.execute(select(Patrol).where(Patrol.user_id == user.id).order_by(Patrol.id)).scalars()
    return [{"id": p.id, "route": p.route.name, "status": p.status, "started_at": p.started_at.isoformat(),
             "ended_at": p.ended_at.isoformat() if p.ended_at else None, "distance_m": round(p.distance_m or 0, 1),
             "track_points": p.track_points, "checkpoints_passed": len(p.passes)} for p in rows]


def erase_locations_of(app, user_id, **_):
    """``account_closed`` receiver: the person's track points and the places
    they passed checkpoints from go; the patrols stay (their time backs the
    service records, which stay with the anonymised account)."""
    mine = select(Patrol.id).where(Patrol.user_id == user_id)
    db.session.execute(delete(TrackPoint).where(TrackPoint.patrol_id.in_(mine)))
    db.session.execute(update(CheckpointPass).where(CheckpointPass.patrol_id.in_(mine))
                       .values(latitude=None, longitude=None))
    db.session.execute(update(Patrol).where(Patrol.user_id == user_id)
                       .values(last_latitude=None, last_longitude=None))
    db.session.commit()
