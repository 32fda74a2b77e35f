"""聚沙讲堂: the lecturers' group (宣讲团), the course catalogue with its
materials, courses ordered by communities and units (点课 / 送学), and the
party members' online learning of the materials."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

MATERIAL_KINDS = ("text", "audio", "video", "attachment")
MATERIAL_KIND_LABELS = {"text": "图文", "audio": "音频", "video": "视频", "attachment": "附件"}
# requested: waiting for the office; confirmed: a lecturer is set and the
# shared lecture event exists; declined: the office said no (with a reason);
# cancelled: the orderer withdrew it before it was confirmed.
ORDER_STATUSES = ("requested", "confirmed", "declined", "cancelled")
ORDER_STATUS_LABELS = {"requested": "待确认", "confirmed": "已确认", "declined": "已婉拒", "cancelled": "已取消"}

# The units invited to a shared lecture (共享党课) besides its host: the
# lecture is "open to several units" through this table.
course_order_units = db.Table(
    "course_order_units",
    db.Column("order_id", db.Integer, db.ForeignKey("course_orders.id", ondelete="CASCADE"), primary_key=True),
    db.Column("unit_id", db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class Lecturer(TimestampMixin, db.Model):
    """A member of the 宣讲团: a party-member professor, a veteran member."""

    __tablename__ = "lecturers"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(32), nullable=False)
    title = db.Column(db.String(64), nullable=True)  # 职称或身份, e.g. 浙江理工大学马克思主义学院教授
    bio = db.Column(db.Text, nullable=True)
    topics = db.Column(db.JSON, nullable=False, default=list)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    # The lecturer's own account, when they use the mini-program.
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, unique=True)
    active = db.Column(db.Boolean, nullable=False, default=True)

    member_unit = db.relationship("MemberUnit")


class Course(TimestampMixin, db.Model):
    __tablename__ = "courses"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64), nullable=False)
    topic = db.Column(db.String(32), nullable=False, index=True)
    summary = db.Column(db.Text, nullable=True)
    duration_minutes = db.Column(db.Integer, nullable=False)
    lecturer_id = db.Column(db.Integer, db.ForeignKey("lecturers.id"), nullable=True, index=True)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    lecturer = db.relationship("Lecturer")
    materials = db.relationship("CourseMaterial", order_by="(CourseMaterial.position, CourseMaterial.id)",
                                back_populates="course", lazy="selectin")


class CourseMaterial(TimestampMixin, db.Model):
    """One item to learn: a text kept here, an audio or video link, or
    attachments (images uploaded through app/files). ``length_seconds`` is
    how long it takes; the server's floor for "completed" derives from it."""

    __tablename__ = "course_materials"

    id = db.Column(db.Integer, primary_key=True)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    kind = db.Column(db.String(16), nullable=False)
    title = db.Column(db.String(64), nullable=False)
    body = db.Column(db.Text, nullable=True)
    url = db.Column(db.String(512), nullable=True)
    upload_ids = db.Column(db.JSON, nullable=False, default=list)
    length_seconds = db.Column(db.Integer, nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)

    course = db.relationship("Course", back_populates="materials")


class CourseOrder(TimestampMixin, db.Model):
    """点课 / 送学: a community or member unit orders a course for a time and
    place; the office confirms a lecturer (making the shared lecture event)
    or declines."""

    __tablename__ = "course_orders"
    __table_args__ = (db.CheckConstraint("ends_at > starts_at", name="order_ends_after_start"),)

    id = db.Column(db.Integer, primary_key=True)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False, index=True)
    # Who orders: exactly one of a community or a member unit (it hosts the lecture).
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    starts_at = db.Column(UTCDateTime(), nullable=False)
    ends_at = db.Column(UTCDateTime(), nullable=False)
    place = db.Column(db.String(128), nullable=False)
    audience = db.Column(db.String(128), nullable=True)  # e.g. 七格社区老年居民（送学上门）
    expected_size = db.Column(db.Integer, nullable=False)
    note = db.Column(db.String(500), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="requested", index=True)
    ordered_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    lecturer_id = db.Column(db.Integer, db.ForeignKey("lecturers.id"), nullable=True, index=True)
    event_id = db.Column(db.Integer, db.ForeignKey("events.id"), nullable=True, unique=True)
    decided_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_at = db.Column(UTCDateTime(), nullable=True)
    reason = db.Column(db.String(200), nullable=True)  # why declined or cancelled

    course = db.relationship("Course")
    community = db.relationship("Community")
    member_unit = db.relationship("MemberUnit")
    lecturer = db.relationship("Lecturer")
    invited_units = db.relationship("MemberUnit", secondary=course_order_units, lazy="selectin",
                                    order_by="MemberUnit.id")


class LearningProgress(db.Model):
    """A party member's counted time on one material, and when it was
    completed (set once, never cleared)."""

    __tablename__ = "learning_progress"
    __table_args__ = (db.UniqueConstraint("user_id", "material_id", name="uq_learning_progress_user_material"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    material_id = db.Column(db.Integer, db.ForeignKey("course_materials.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    counted_seconds = db.Column(db.Integer, nullable=False, default=0)
    completed_at = db.Column(UTCDateTime(), nullable=True)
    # Time up to here is counted: two sessions open at once (two phones)
    # never count the same minute twice.
    counted_until = db.Column(UTCDateTime(), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class LearningSession(db.Model):
    """One visible stretch of a material page: opened on show, beaten while
    visible. Hidden time is never in a session (the page opens a new one)."""

    __tablename__ = "learning_sessions"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    material_id = db.Column(db.Integer, db.ForeignKey("course_materials.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    started_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    last_beat_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    last_seq = db.Column(db.Integer, nullable=False, default=0)
    counted_seconds = db.Column(db.Integer, nullable=False, default=0)
