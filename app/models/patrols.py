"""Patrols (巡防): a volunteer squad that patrols a community (or one of its
grids), its routes of checkpoints, and each patrol a patroller walks: the
checkpoints passed, the track and its distance. Grids are in
``app.models.places``."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

PATROL_STATUSES = ("open", "ended", "auto_closed")
PASS_METHODS = ("code", "location")


class PatrolTeam(TimestampMixin, db.Model):
    """A volunteer squad (``Team`` of level 'squad') marked as patrolling a
    community, or one grid of it. Its patrollers are the squad's approved
    volunteers; one squad patrols for one community."""

    __tablename__ = "patrol_teams"

    id = db.Column(db.Integer, primary_key=True)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=False, unique=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    grid_id = db.Column(db.Integer, db.ForeignKey("grids.id"), nullable=True, index=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    team = db.relationship("Team")
    community = db.relationship("Community")
    grid = db.relationship("Grid")


class PatrolRoute(TimestampMixin, db.Model):
    __tablename__ = "patrol_routes"
    __table_args__ = (db.UniqueConstraint("patrol_team_id", "name", name="uq_patrol_routes_team_name"),)

    id = db.Column(db.Integer, primary_key=True)
    patrol_team_id = db.Column(db.Integer, db.ForeignKey("patrol_teams.id"), nullable=False, index=True)
    name = db.Column(db.String(64), nullable=False)
    description = db.Column(db.String(500), nullable=True)
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    patrol_team = db.relationship("PatrolTeam", backref="routes")
    checkpoints = db.relationship("Checkpoint", order_by="Checkpoint.position", back_populates="route")


class Checkpoint(db.Model):
    """A point of a route, passed by scanning its printed poster code or by
    standing within ``radius_m`` of it (GCJ-02)."""

    __tablename__ = "patrol_checkpoints"
    __table_args__ = (db.UniqueConstraint("route_id", "position", name="uq_patrol_checkpoints_route_position"),)

    id = db.Column(db.Integer, primary_key=True)
    route_id = db.Column(db.Integer, db.ForeignKey("patrol_routes.id", ondelete="CASCADE"), nullable=False)
    position = db.Column(db.Integer, nullable=False)
    name = db.Column(db.String(64), nullable=False)
    latitude = db.Column(db.Float, nullable=False)
    longitude = db.Column(db.Float, nullable=False)
    radius_m = db.Column(db.Integer, nullable=False, default=50)

    route = db.relationship("PatrolRoute", back_populates="checkpoints")


class Patrol(TimestampMixin, db.Model):
    """One patrol walked by one patroller on one route. At most one open
    patrol per person, whatever racing starts do (the partial unique index).
    ``last_*`` hold the newest accepted track point, from which the next
    batch's distance is measured."""

    __tablename__ = "patrols"
    __table_args__ = (
        db.Index("uq_patrols_one_open_per_user", "user_id", unique=True,
                 sqlite_where=db.text("status = 'open'"), postgresql_where=db.text("status = 'open'")),
        db.Index("ix_patrols_status_started_at", "status", "started_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    route_id = db.Column(db.Integer, db.ForeignKey("patrol_routes.id"), nullable=False, index=True)
    patrol_team_id = db.Column(db.Integer, db.ForeignKey("patrol_teams.id"), nullable=False, index=True)
    status = db.Column(db.String(16), nullable=False, default="open")
    started_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    ended_at = db.Column(UTCDateTime(), nullable=True)
    distance_m = db.Column(db.Float, nullable=False, default=0.0)
    track_points = db.Column(db.Integer, nullable=False, default=0)
    last_latitude = db.Column(db.Float, nullable=True)
    last_longitude = db.Column(db.Float, nullable=True)
    last_point_at = db.Column(UTCDateTime(), nullable=True)
    # The event that carries the patrol's service record (app/patrols/service_hours.py).
    service_event_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=True)

    user = db.relationship("User")
    route = db.relationship("PatrolRoute")
    patrol_team = db.relationship("PatrolTeam")
    passes = db.relationship("CheckpointPass", order_by="CheckpointPass.passed_at", back_populates="patrol")


class CheckpointPass(db.Model):
    """A checkpoint passed on a patrol: once, whatever repeats or races."""

    __tablename__ = "patrol_checkpoint_passes"
    __table_args__ = (db.UniqueConstraint("patrol_id", "checkpoint_id", name="uq_patrol_passes_patrol_checkpoint"),)

    id = db.Column(db.Integer, primary_key=True)
    patrol_id = db.Column(db.Integer, db.ForeignKey("patrols.id", ondelete="CASCADE"), nullable=False)
    checkpoint_id = db.Column(db.Integer, db.ForeignKey("patrol_checkpoints.id"), nullable=False, index=True)
    method = db.Column(db.String(16), nullable=False)
    passed_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    latitude = db.Column(db.Float, nullable=True)
    longitude = db.Column(db.Float, nullable=True)

    patrol = db.relationship("Patrol", back_populates="passes")
    checkpoint = db.relationship("Checkpoint")


class TrackPoint(db.Model):
    """A location the patroller's phone sent during a patrol (GCJ-02)."""

    __tablename__ = "patrol_track_points"
    __table_args__ = (db.Index("ix_patrol_track_points_patrol_time", "patrol_id", "recorded_at"),)

    id = db.Column(db.Integer, primary_key=True)
    patrol_id = db.Column(db.Integer, db.ForeignKey("patrols.id", ondelete="CASCADE"), nullable=False)
    recorded_at = db.Column(UTCDateTime(), nullable=False)
    latitude = db.Column(db.Float, nullable=False)
    longitude = db.Column(db.Float, nullable=False)
    accuracy_m = db.Column(db.Float, nullable=True)
    # False: a jump no walker or rider could make; kept for the record, not counted.
    counted = db.Column(db.Boolean, nullable=False, default=True)
