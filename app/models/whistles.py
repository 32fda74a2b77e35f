"""基层吹哨，联盟报到: a community's whistle, the units' reports for duty, and
the roundtable meetings (圆桌会) that turn open matters into needs and projects."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

WHISTLE_STATUSES = ("open", "closed", "cancelled")
ROUNDTABLE_STATUSES = ("planned", "held")

whistle_units = db.Table(
    "whistle_units",
    db.Column("whistle_id", db.Integer, db.ForeignKey("whistles.id", ondelete="CASCADE"), primary_key=True),
    db.Column("unit_id", db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class Whistle(TimestampMixin, db.Model):
    __tablename__ = "whistles"

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)
    place = db.Column(db.String(255), nullable=True)
    latitude = db.Column(db.Float, nullable=True)  # GCJ-02
    longitude = db.Column(db.Float, nullable=True)
    needed_by = db.Column(UTCDateTime(), nullable=False)  # hours away, not days
    to_all_units = db.Column(db.Boolean, nullable=False, default=False)
    status = db.Column(db.String(16), nullable=False, default="open", index=True)
    raised_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # The event that arrivals check in to with the rotating QR code, so hours count.
    event_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=True, index=True)
    photo_ids = db.Column(db.JSON, nullable=False, default=list)
    closed_at = db.Column(UTCDateTime(), nullable=True)
    closed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    summary = db.Column(db.Text, nullable=True)

    community = db.relationship("Community")
    units = db.relationship("MemberUnit", secondary=whistle_units, lazy="selectin", order_by="MemberUnit.id")
    reports = db.relationship("WhistleReport", back_populates="whistle", order_by="WhistleReport.id",
                              lazy="selectin")


class WhistleReport(db.Model):
    """A unit reporting for duty (报到): who and what it brings, and when it arrives."""

    __tablename__ = "whistle_reports"
    __table_args__ = (db.UniqueConstraint("whistle_id", "unit_id", name="uq_whistle_reports_whistle_unit"),)

    id = db.Column(db.Integer, primary_key=True)
    whistle_id = db.Column(db.Integer, db.ForeignKey("whistles.id", ondelete="CASCADE"), nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    reported_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    people_count = db.Column(db.Integer, nullable=False, default=1)
    brings = db.Column(db.String(500), nullable=True)  # resources it brings
    arrive_at = db.Column(UTCDateTime(), nullable=True)
    reported_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    whistle = db.relationship("Whistle", back_populates="reports")
    unit = db.relationship("MemberUnit")


class Roundtable(TimestampMixin, db.Model):
    """圆桌会: a meeting of a community (or the whole subdistrict) with its units."""

    __tablename__ = "roundtables"

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    title = db.Column(db.String(64), nullable=False)
    held_at = db.Column(UTCDateTime(), nullable=False)
    place = db.Column(db.String(255), nullable=True)
    minutes = db.Column(db.Text, nullable=True)
    status = db.Column(db.String(16), nullable=False, default="planned")
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    items = db.relationship("RoundtableItem", order_by="RoundtableItem.position", cascade="all, delete-orphan",
                            lazy="selectin")
    resolutions = db.relationship("RoundtableResolution", order_by="RoundtableResolution.id",
                                  cascade="all, delete-orphan", lazy="selectin")


class RoundtableItem(db.Model):
    """An agenda item, drawn from an open need or whistle, or written in."""

    __tablename__ = "roundtable_items"

    id = db.Column(db.Integer, primary_key=True)
    roundtable_id = db.Column(db.Integer, db.ForeignKey("roundtables.id", ondelete="CASCADE"), nullable=False,
                              index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    title = db.Column(db.String(64), nullable=False)
    note = db.Column(db.Text, nullable=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="SET NULL"), nullable=True)
    whistle_id = db.Column(db.Integer, db.ForeignKey("whistles.id", ondelete="SET NULL"), nullable=True)


class RoundtableResolution(db.Model):
    """A resolution with an owner and a date; it may create a need or a project."""

    __tablename__ = "roundtable_resolutions"

    id = db.Column(db.Integer, primary_key=True)
    roundtable_id = db.Column(db.Integer, db.ForeignKey("roundtables.id", ondelete="CASCADE"), nullable=False,
                              index=True)
    text = db.Column(db.String(500), nullable=False)
    owner_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True)
    owner_user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    due_on = db.Column(db.Date, nullable=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="SET NULL"), nullable=True)
    project_id = db.Column(db.Integer, db.ForeignKey("unit_projects.id", ondelete="SET NULL"), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
