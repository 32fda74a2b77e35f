"""需求清单 → 履职清单: a need raised by a resident, a community or another area,
dispatched to (or claimed by) member units as duties, and every step of it in
an append-only timeline. The state machines live in app/alliance/; the
statuses here are their vocabulary."""
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.errors import APIError
from app.extensions import db
from app.models.base import EncryptedString, TimestampMixin, UTCDateTime, utcnow

NEED_SOURCES = ("resident", "community", "grid_report", "household_visit", "whistle", "roundtable")
NEED_URGENCIES = ("low", "normal", "high", "urgent")
# open: waiting for a unit; claimed: a unit asked to take it (抢单), the community
# has not confirmed; dispatched: offered to units, none accepted yet;
# in_progress: a unit accepted; done: every accepted duty done, waiting for the
# rating; closed: rated or closed by itself; cancelled: withdrawn by who raised it.
NEED_STATUSES = ("open", "claimed", "dispatched", "in_progress", "done", "closed", "cancelled")
# offered: dispatched, waiting for the unit's answer (派单); claimed: the unit
# claimed it (抢单), waiting for the community; accepted (接单); done (履职 ends);
# closed (评单, or 7 days unrated); declined; withdrawn (claim refused, or the
# dispatch taken back).
DUTY_STATUSES = ("offered", "claimed", "accepted", "done", "closed", "declined", "withdrawn")
DUTY_ENDED = ("declined", "withdrawn")


class Need(TimestampMixin, db.Model):
    __tablename__ = "needs"
    __table_args__ = (db.Index("ix_needs_community_status", "community_id", "status"),)

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)
    kind = db.Column(db.String(16), nullable=False)  # one of app.models.alliance.RESOURCE_KINDS
    service = db.Column(db.String(32), nullable=True)  # e.g. 家电维修
    urgency = db.Column(db.String(8), nullable=False, default="normal")
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False)
    place = db.Column(db.String(255), nullable=True)
    latitude = db.Column(db.Float, nullable=True)  # GCJ-02
    longitude = db.Column(db.Float, nullable=True)
    wanted_by = db.Column(db.Date, nullable=True)
    source = db.Column(db.String(16), nullable=False, default="resident")
    source_ref = db.Column(db.String(64), nullable=True)  # e.g. "report:12", "whistle:3"
    raised_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                             index=True)
    # Public needs are listed to every resident (without personal details).
    is_public = db.Column(db.Boolean, nullable=False, default=False)
    # Personal details: only the community and the assigned units see them.
    contact_name = db.Column(EncryptedString(255), nullable=True)
    contact_phone = db.Column(EncryptedString(255), nullable=True)
    photo_ids = db.Column(db.JSON, nullable=False, default=list)
    status = db.Column(db.String(16), nullable=False, default="open")
    closed_at = db.Column(UTCDateTime(), nullable=True)

    community = db.relationship("Community")
    raised_by = db.relationship("User")
    duties = db.relationship("Duty", back_populates="need", order_by="Duty.id", lazy="selectin")


class Duty(TimestampMixin, db.Model):
    """A need on one unit's 履职清单."""

    __tablename__ = "duties"
    __table_args__ = (
        # A unit holds a need once at a time; after a decline or withdrawal it may be offered again.
        db.Index("uq_duties_live_need_unit", "need_id", "unit_id", unique=True,
                 postgresql_where=db.text("status NOT IN ('declined', 'withdrawn')"),
                 sqlite_where=db.text("status NOT IN ('declined', 'withdrawn')")),
        db.Index("ix_duties_unit_status", "unit_id", "status"),
        db.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_1_to_5"),
    )

    id = db.Column(db.Integer, primary_key=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="CASCADE"), nullable=False, index=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=False)
    status = db.Column(db.String(16), nullable=False)
    dispatched_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    accept_by = db.Column(UTCDateTime(), nullable=True)  # answer (接单/拒单) before this
    due_by = db.Column(UTCDateTime(), nullable=True)  # done before this
    accepted_at = db.Column(UTCDateTime(), nullable=True)
    decline_reason = db.Column(db.String(200), nullable=True)
    done_at = db.Column(UTCDateTime(), nullable=True)
    done_note = db.Column(db.Text, nullable=True)
    evidence_photo_ids = db.Column(db.JSON, nullable=False, default=list)
    rating = db.Column(db.Integer, nullable=True)
    rating_comment = db.Column(db.String(500), nullable=True)
    rated_at = db.Column(UTCDateTime(), nullable=True)
    closed_at = db.Column(UTCDateTime(), nullable=True)
    # Reminders: at most one a day; each missed deadline raises the level
    # (0 the unit's contacts, 1 the community, 2 the office).
    last_reminded_on = db.Column(db.Date, nullable=True)
    escalation_level = db.Column(db.Integer, nullable=False, default=0)

    need = db.relationship("Need", back_populates="duties")
    unit = db.relationship("MemberUnit")


class NeedStep(db.Model):
    """One transition of a need or one of its duties, with who and when.
    Append-only: a mistake is corrected by a later step, never by an edit."""

    __tablename__ = "need_steps"

    id = db.Column(db.Integer, primary_key=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="CASCADE"), nullable=False, index=True)
    duty_id = db.Column(db.Integer, db.ForeignKey("duties.id", ondelete="CASCADE"), nullable=True, index=True)
    action = db.Column(db.String(24), nullable=False)  # raise, dispatch, claim, confirm, accept, decline, ...
    from_status = db.Column(db.String(16), nullable=True)
    to_status = db.Column(db.String(16), nullable=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    note = db.Column(db.Text, nullable=True)
    photo_ids = db.Column(db.JSON, nullable=False, default=list)
    at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class TimelineIsAppendOnly(APIError):
    def __init__(self, detail):
        super().__init__("timeline_append_only", details={"detail": detail})


@sa_event.listens_for(NeedStep, "before_update")
def _refuse_update(mapper, connection, target):
    raise TimelineIsAppendOnly(f"need step {target.id} cannot be changed; add a step instead")


@sa_event.listens_for(NeedStep, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise TimelineIsAppendOnly(f"need step {target.id} cannot be deleted")


@sa_event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    if not (state.is_update or state.is_delete) or not state.is_orm_statement:
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) == NeedStep.__tablename__:
        raise TimelineIsAppendOnly("need_steps is append-only")
