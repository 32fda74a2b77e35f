"""Events (shared lectures, citizen welfare days, volunteer activities),
registrations (报名) and check-ins."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# party_day: 主题党日, a themed day of party activity, often held jointly by several units.
EVENT_KINDS = ("lecture", "welfare_day", "volunteer_activity", "party_day")
EVENT_KIND_LABELS = {"lecture": "共享党课", "welfare_day": "市民公益日", "volunteer_activity": "志愿活动",
                     "party_day": "主题党日"}
EVENT_STATUSES = ("published", "cancelled")
REGISTRATION_STATUSES = ("registered", "waitlisted", "cancelled")
CHECKIN_DIRECTIONS = ("in", "out")
# resident_code: the organiser scanned the resident's own code or printed card;
# proxy: a family member checked the resident in with their consent (家属代签).
CHECKIN_METHODS = ("qr", "poster", "manual", "resident_code", "proxy")
# Events that exist only to carry service records (a patrol's: app/patrols/service_hours.py):
# never listed with the activities, never created through the events API.
SERVICE_ONLY_KINDS = ("patrol",)


class Event(TimestampMixin, db.Model):
    __tablename__ = "events"
    __table_args__ = (
        db.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        db.Index("ix_events_starts_at_kind", "starts_at", "kind"),
        # "From today": events still running or to come, a few percent of five years (migration 0025).
        db.Index("ix_events_ends_at", "ends_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(24), nullable=False)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)
    status = db.Column(db.String(16), nullable=False, default="published")
    # A cancelled event stays listed (with its registrations) and says why.
    cancel_reason = db.Column(db.String(200), nullable=True)
    cancelled_at = db.Column(UTCDateTime(), nullable=True)
    # A welfare day's community activities hang under the month's welfare day.
    parent_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=True, index=True)
    theme = db.Column(db.String(64), nullable=True)
    # Lecture details (共享党课 / 聚沙讲堂)
    speaker = db.Column(db.String(64), nullable=True)
    online_url = db.Column(db.String(512), nullable=True)
    audience = db.Column(db.String(128), nullable=True)
    # Host: a community or a member unit (both empty: the subdistrict itself)
    host_community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    host_member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    # Where: a named venue and a circle that a poster check-in must fall inside
    venue = db.Column(db.String(128), nullable=True)
    latitude = db.Column(db.Float, nullable=True)
    longitude = db.Column(db.Float, nullable=True)
    radius_m = db.Column(db.Integer, nullable=True)
    starts_at = db.Column(UTCDateTime(), nullable=False)
    ends_at = db.Column(UTCDateTime(), nullable=False)
    capacity = db.Column(db.Integer, nullable=True)
    registration_required = db.Column(db.Boolean, nullable=False, default=False)
    checkin_opens_at = db.Column(UTCDateTime(), nullable=True)
    checkin_closes_at = db.Column(UTCDateTime(), nullable=True)
    checkout_opens_at = db.Column(UTCDateTime(), nullable=True)
    checkout_closes_at = db.Column(UTCDateTime(), nullable=True)
    credits_hours = db.Column(db.Boolean, nullable=False, default=False)
    # The printed poster's mini-program code carries this (wxacode scene, <= 32 chars).
    scene = db.Column(db.String(32), nullable=True, unique=True)
    # Set by planners (e.g. "welfare:2026-12" or "welfare:2026-12:minghe") so
    # planning the same month twice creates nothing new.
    plan_key = db.Column(db.String(64), nullable=True, unique=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    parent = db.relationship("Event", remote_side=[id], backref="activities")
    host_community = db.relationship("Community")
    host_member_unit = db.relationship("MemberUnit")


class Registration(TimestampMixin, db.Model):
    """A resident's 报名 for an event; the waiting list is ordered by ``id``."""

    __tablename__ = "registrations"
    __table_args__ = (db.UniqueConstraint("event_id", "user_id", name="uq_registrations_event_user"),)

    id = db.Column(db.Integer, primary_key=True)
    # (event_id, user_id) is unique, and that index serves lookups by event too.
    event_id = db.Column(db.Integer, db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    status = db.Column(db.String(16), nullable=False, default="registered")
    cancelled_at = db.Column(UTCDateTime(), nullable=True)

    event = db.relationship("Event")
    user = db.relationship("User")


class CheckIn(db.Model):
    """One scan that counted. The unique constraint is what makes a check-in
    exactly-once: a racing duplicate insert fails here, whatever Redis says."""

    __tablename__ = "checkins"
    __table_args__ = (
        db.UniqueConstraint("event_id", "user_id", "direction", name="uq_checkins_event_user_direction"),
    )

    id = db.Column(db.Integer, primary_key=True)
    # The unique (event_id, user_id, direction) index serves lookups by event;
    # a second index on event_id alone would only cost a write per scan.
    event_id = db.Column(db.Integer, db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    direction = db.Column(db.String(8), nullable=False)
    method = db.Column(db.String(16), nullable=False, default="qr")
    scanned_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    latitude = db.Column(db.Float, nullable=True)
    longitude = db.Column(db.Float, nullable=True)
    # Set when an organiser checked the person in by hand (elderly residents without a phone).
    recorded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    note = db.Column(db.String(128), nullable=True)

    event = db.relationship("Event")
    user = db.relationship("User", foreign_keys=[user_id])
