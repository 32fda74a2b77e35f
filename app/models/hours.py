"""Service hours: one record per (event, volunteer), the append-only ledger of
approved hours, and the certificates (志愿服务证明) issued from it.

The civil-affairs rules on volunteer service records ask that records be
kept and corrected only with a trace. So approved hours live in
``hours_ledger``, which is append-only: a correction is a new entry with a
reason and who made it. PostgreSQL refuses UPDATE and DELETE on the table with
a trigger (migration 0004); on any database the ORM guard below refuses them
before they reach SQL.
"""
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.errors import APIError
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# missing_checkout: checked in, never checked out; an organiser settles it.
SERVICE_RECORD_STATUSES = ("missing_checkout", "pending", "approved", "rejected")
LEDGER_KINDS = ("approval", "correction")


class ServiceRecord(TimestampMixin, db.Model):
    """What a volunteer's check-in and check-out at one event amount to.

    Exactly one per (event, volunteer): created with INSERT ... ON CONFLICT DO
    NOTHING, so racing check-in/check-out handlers can never count twice.
    """

    __tablename__ = "service_records"
    __table_args__ = (
        db.UniqueConstraint("event_id", "user_id", name="uq_service_records_event_user"),
        # A period's records (the year's hours export) without reading five years (migration 0025).
        db.Index("ix_service_records_started_at", "started_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    checkin_at = db.Column(UTCDateTime(), nullable=False)
    checkout_at = db.Column(UTCDateTime(), nullable=True)
    # The scans clipped to the event's own start and end.
    started_at = db.Column(UTCDateTime(), nullable=False)
    ended_at = db.Column(UTCDateTime(), nullable=True)
    raw_minutes = db.Column(db.Integer, nullable=False, default=0)
    # raw_minutes rounded down to the quarter hour (app.hours.rules)
    minutes = db.Column(db.Integer, nullable=False, default=0)
    status = db.Column(db.String(20), nullable=False, default="pending", index=True)
    settled_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    settled_at = db.Column(UTCDateTime(), nullable=True)
    settle_note = db.Column(db.String(200), nullable=True)
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    reviewed_at = db.Column(UTCDateTime(), nullable=True)
    review_reason = db.Column(db.String(200), nullable=True)

    event = db.relationship("Event")
    user = db.relationship("User", foreign_keys=[user_id])


class HoursLedgerEntry(db.Model):
    """One approved amount of service time, or a correction to it. Never
    changed, never deleted: totals are the sum of these rows."""

    __tablename__ = "hours_ledger"
    __table_args__ = (
        db.CheckConstraint("kind IN ('approval', 'correction')", name="kind_known"),
        db.CheckConstraint("kind = 'approval' OR reason IS NOT NULL", name="correction_has_reason"),
        db.CheckConstraint("kind <> 'approval' OR minutes >= 0", name="approval_not_negative"),
        # A record is approved once, even when two organisers press at once.
        db.Index("uq_hours_ledger_one_approval", "service_record_id", unique=True,
                 sqlite_where=db.text("kind = 'approval'"), postgresql_where=db.text("kind = 'approval'")),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    service_record_id = db.Column(db.Integer, db.ForeignKey("service_records.id"), nullable=False, index=True)
    event_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=False, index=True)
    kind = db.Column(db.String(16), nullable=False)
    minutes = db.Column(db.Integer, nullable=False)
    reason = db.Column(db.String(200), nullable=True)
    # Where the hours count: the squad and community at the time of service,
    # so leaderboards do not move when a volunteer later changes squads.
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=True, index=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    served_at = db.Column(UTCDateTime(), nullable=False, index=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    service_record = db.relationship("ServiceRecord")
    created_by = db.relationship("User", foreign_keys=[created_by_id])


class Certificate(db.Model):
    """A 志愿服务证明 as issued: a frozen statement of the hours at issue time,
    so the PDF can be rendered again and the public page can confirm it."""

    __tablename__ = "certificates"

    id = db.Column(db.Integer, primary_key=True)
    serial = db.Column(db.String(40), nullable=False, unique=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    # Cleared when the holder closes their account; the masked form stays for the public check.
    holder_name = db.Column(db.String(32), nullable=True)
    holder_name_masked = db.Column(db.String(32), nullable=False)
    id_number_masked = db.Column(db.String(32), nullable=True)
    total_minutes = db.Column(db.Integer, nullable=False)
    record_count = db.Column(db.Integer, nullable=False)
    period_start = db.Column(UTCDateTime(), nullable=False)
    period_end = db.Column(UTCDateTime(), nullable=False)
    records = db.Column(db.JSON, nullable=False, default=list)
    issuer = db.Column(db.String(128), nullable=False)
    issued_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    issued_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    revoked_at = db.Column(UTCDateTime(), nullable=True)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    revoke_reason = db.Column(db.String(200), nullable=True)

    user = db.relationship("User", foreign_keys=[user_id])
    issued_by = db.relationship("User", foreign_keys=[issued_by_id])


class LedgerIsAppendOnly(APIError):
    """Raised when code tries to change or remove a ledger entry (409 if it
    ever reached a client: the change is refused, nothing is lost)."""

    def __init__(self, detail):
        super().__init__("ledger_append_only", details={"detail": detail})


@sa_event.listens_for(HoursLedgerEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise LedgerIsAppendOnly(f"hours_ledger entry {target.id} cannot be changed; add a correction instead")


@sa_event.listens_for(HoursLedgerEntry, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise LedgerIsAppendOnly(f"hours_ledger entry {target.id} cannot be deleted; add a correction instead")


@sa_event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    """``db.session.execute(update(HoursLedgerEntry)...)`` skips the mapper
    events above; refuse it here. Core statements on the bare table (the
    test suite's cleanup) are not ORM statements and pass; PostgreSQL's
    trigger still stands behind them."""
    if not (state.is_update or state.is_delete) or not state.is_orm_statement:
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) == HoursLedgerEntry.__tablename__:
        raise LedgerIsAppendOnly("hours_ledger is append-only; add a correction instead")
