"""随手拍 → 工单: a problem anyone signed in reports (photos, category,
location, description), which becomes a work order of the grid it lies in
and may climb to the community and the subdistrict office, each level with
its own deadline; every step of it in an append-only timeline.

One table holds the report and its work order (they are one-to-one: the
report is what was seen, the order how it is handled). Named "work orders"
in code, so they are never confused with the whistles area's reports for
duty (``WhistleReport``)."""
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.errors import APIError
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# Where a work order comes from: a resident's 随手拍, or another area's
# visit that found a problem (a patrol, a household visit).
WORK_ORDER_SOURCES = ("resident", "patrol", "household_visit")
# grid: the grid's workers and leader; community: its staff; office: the subdistrict office.
WORK_ORDER_LEVELS = ("grid", "community", "office")
# submitted: waiting to be accepted at its level; accepted: someone took it;
# in_progress: work under way (a step with photos, a whistle, a need);
# closed: done with evidence; rejected: not a problem, or a duplicate.
WORK_ORDER_STATUSES = ("submitted", "accepted", "in_progress", "closed", "rejected")
WORK_ORDER_OPEN = ("submitted", "accepted", "in_progress")
REJECT_REASONS = ("not_a_problem", "duplicate")


class WorkOrder(TimestampMixin, db.Model):
    __tablename__ = "work_orders"
    __table_args__ = (
        db.Index("ix_work_orders_community_status", "community_id", "status"),
        db.Index("ix_work_orders_grid_status", "grid_id", "status"),
        db.Index("ix_work_orders_open_due", "status", "due_at"),
        # Another area files one report per visit: the same (source, source_ref) is the same report.
        db.Index("uq_work_orders_source_ref", "source", "source_ref", unique=True,
                 postgresql_where=db.text("source_ref IS NOT NULL"),
                 sqlite_where=db.text("source_ref IS NOT NULL")),
        db.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_1_to_5"),
    )

    id = db.Column(db.Integer, primary_key=True)
    # The report (随手拍)
    reporter_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    category = db.Column(db.String(16), nullable=False)
    description = db.Column(db.Text, nullable=False)
    place = db.Column(db.String(255), nullable=True)
    latitude = db.Column(db.Float, nullable=False)  # GCJ-02, as wx.getLocation gives it
    longitude = db.Column(db.Float, nullable=False)
    photo_ids = db.Column(db.JSON, nullable=False, default=list)
    source = db.Column(db.String(16), nullable=False, default="resident")
    source_ref = db.Column(db.String(64), nullable=True)
    # The work order
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False)
    grid_id = db.Column(db.Integer, db.ForeignKey("grids.id"), nullable=True)  # None: outside every grid
    level = db.Column(db.String(16), nullable=False, default="grid")
    status = db.Column(db.String(16), nullable=False, default="submitted")
    assignee_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    level_started_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    due_at = db.Column(UTCDateTime(), nullable=False)  # the current level's deadline
    # The last deadline found missed (by the deadline job, or a close after it):
    # the order counts as overdue, and the job handles each deadline once.
    lapsed_due_at = db.Column(UTCDateTime(), nullable=True)
    closed_at = db.Column(UTCDateTime(), nullable=True)
    closed_level = db.Column(db.String(16), nullable=True)
    close_note = db.Column(db.Text, nullable=True)
    evidence_photo_ids = db.Column(db.JSON, nullable=False, default=list)
    reject_reason = db.Column(db.String(16), nullable=True)
    duplicate_of_id = db.Column(db.Integer, db.ForeignKey("work_orders.id", ondelete="SET NULL"), nullable=True)
    rating = db.Column(db.Integer, nullable=True)
    rating_comment = db.Column(db.String(500), nullable=True)
    rated_at = db.Column(UTCDateTime(), nullable=True)
    # The alliance, when the community called on it
    whistle_id = db.Column(db.Integer, db.ForeignKey("whistles.id", ondelete="SET NULL"), nullable=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="SET NULL"), nullable=True)

    community = db.relationship("Community")
    grid = db.relationship("Grid")
    reporter = db.relationship("User", foreign_keys=[reporter_id])
    assignee = db.relationship("User", foreign_keys=[assignee_id])


class WorkOrderStep(db.Model):
    """One step of a work order, with who, when and at which level.
    Append-only: a mistake is corrected by a later step, never by an edit."""

    __tablename__ = "work_order_steps"

    id = db.Column(db.Integer, primary_key=True)
    work_order_id = db.Column(db.Integer, db.ForeignKey("work_orders.id", ondelete="CASCADE"), nullable=False,
                              index=True)
    action = db.Column(db.String(24), nullable=False)
    from_status = db.Column(db.String(16), nullable=True)
    to_status = db.Column(db.String(16), nullable=True)
    from_level = db.Column(db.String(16), nullable=True)
    to_level = db.Column(db.String(16), nullable=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    note = db.Column(db.Text, nullable=True)
    photo_ids = db.Column(db.JSON, nullable=False, default=list)
    at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class WorkOrderTimelineIsAppendOnly(APIError):
    def __init__(self, detail):
        super().__init__("timeline_append_only", details={"detail": detail})


@sa_event.listens_for(WorkOrderStep, "before_update")
def _refuse_update(mapper, connection, target):
    raise WorkOrderTimelineIsAppendOnly(f"work order step {target.id} cannot be changed; add a step instead")


@sa_event.listens_for(WorkOrderStep, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise WorkOrderTimelineIsAppendOnly(f"work order step {target.id} cannot be deleted")


@sa_event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    if not (state.is_update or state.is_delete) or not state.is_orm_statement:
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) == WorkOrderStep.__tablename__:
        raise WorkOrderTimelineIsAppendOnly("work_order_steps is append-only")
