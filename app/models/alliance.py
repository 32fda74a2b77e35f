"""The alliance's lists of what units offer and promise (资源清单, 项目清单),
and the two-way yearly rating (双向评价)."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# What a unit offers, and what a need asks for: one vocabulary, so a need's
# kind finds the units whose resources match it.
RESOURCE_KINDS = ("venue", "lecturer", "volunteers", "funds", "professional", "goods")
RESOURCE_KIND_LABELS = {
    "venue": "场地",
    "lecturer": "讲师",
    "volunteers": "志愿者",
    "funds": "资金",
    "professional": "专业服务",
    "goods": "物资",
}
PROJECT_KINDS = ("mandatory", "optional")  # 必选 / 自选
PROJECT_STATUSES = ("planned", "active", "done", "dropped")
OPTIONAL_PROJECTS_PER_YEAR = 5
MANDATORY_PROJECTS_PER_YEAR = 5

resource_communities = db.Table(
    "resource_communities",
    db.Column("resource_id", db.Integer, db.ForeignKey("unit_resources.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("community_id", db.Integer, db.ForeignKey("communities.id", ondelete="CASCADE"),
              primary_key=True, index=True),
)


class UnitResource(TimestampMixin, db.Model):
    """资源清单: one thing a unit offers (a hall, a lecturer, volunteers, money,
    a professional service such as 家电维修 or 义诊, goods)."""

    __tablename__ = "unit_resources"

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    kind = db.Column(db.String(16), nullable=False, index=True)
    service = db.Column(db.String(32), nullable=True)  # the specific service, e.g. 家电维修, 义诊
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)
    capacity = db.Column(db.Integer, nullable=True)  # people, seats, items, or yuan for funds
    capacity_unit = db.Column(db.String(16), nullable=True)  # 人, 座, 件, 元 ...
    available_from = db.Column(db.Date, nullable=True)
    available_until = db.Column(db.Date, nullable=True)
    availability = db.Column(db.String(128), nullable=True)  # e.g. 每周六上午
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    # Serves every community when no community is listed.
    communities = db.relationship("Community", secondary=resource_communities, lazy="selectin",
                                  order_by="Community.id")
    unit = db.relationship("MemberUnit")


class MandatoryProject(TimestampMixin, db.Model):
    """One of the five projects the alliance office sets for a year (必选项目)."""

    __tablename__ = "mandatory_projects"
    __table_args__ = (db.UniqueConstraint("year", "title", name="uq_mandatory_projects_year_title"),)

    id = db.Column(db.Integer, primary_key=True)
    year = db.Column(db.Integer, nullable=False, index=True)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)


project_events = db.Table(
    "project_events",
    db.Column("project_id", db.Integer, db.ForeignKey("unit_projects.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("event_id", db.Integer, db.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class UnitProject(TimestampMixin, db.Model):
    """项目清单: one of a unit's projects for a year, 必选 (taking up one of the
    office's mandatory projects) or 自选 (its own, at most five a year)."""

    __tablename__ = "unit_projects"
    __table_args__ = (
        db.UniqueConstraint("unit_id", "mandatory_id", name="uq_unit_projects_unit_mandatory"),
    )

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), nullable=False)
    year = db.Column(db.Integer, nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    mandatory_id = db.Column(db.Integer, db.ForeignKey("mandatory_projects.id"), nullable=True, index=True)
    title = db.Column(db.String(64), nullable=False)
    goals = db.Column(db.Text, nullable=True)
    status = db.Column(db.String(16), nullable=False, default="planned")
    # Communities it serves (none: the whole subdistrict)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    unit = db.relationship("MemberUnit")
    mandatory = db.relationship("MandatoryProject")
    events = db.relationship("Event", secondary=project_events, lazy="selectin", order_by="Event.id")
    milestones = db.relationship("ProjectMilestone", order_by="ProjectMilestone.due_on",
                                 cascade="all, delete-orphan", lazy="selectin")


db.Index("ix_unit_projects_unit_year", UnitProject.unit_id, UnitProject.year)


class ProjectMilestone(db.Model):
    __tablename__ = "project_milestones"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("unit_projects.id", ondelete="CASCADE"), nullable=False,
                           index=True)
    title = db.Column(db.String(64), nullable=False)
    due_on = db.Column(db.Date, nullable=True)
    done_on = db.Column(db.Date, nullable=True)


class CommunityRating(db.Model):
    """The units' side of the yearly 双向评价: a unit rates a community it
    worked with (the communities' side is the residents' and staff's ratings
    of duties)."""

    __tablename__ = "community_ratings"
    __table_args__ = (
        db.UniqueConstraint("unit_id", "community_id", "year", name="uq_community_ratings_unit_community_year"),
        db.CheckConstraint("stars BETWEEN 1 AND 5", name="stars_1_to_5"),
    )

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), nullable=False)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    year = db.Column(db.Integer, nullable=False)
    stars = db.Column(db.Integer, nullable=False)
    comment = db.Column(db.String(500), nullable=True)
    rated_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    rated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
