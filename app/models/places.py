"""Where people live and work: communities (社区), grids (网格) and member units
(共建单位) of the alliance (聚沙党建联盟), with what units offer and take on."""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

UNIT_KINDS = ("government", "enterprise", "school", "hospital", "social_org", "two_new", "other")
UNIT_KIND_LABELS = {
    "government": "机关",
    "enterprise": "企事业单位",
    "school": "学校",
    "hospital": "医院",
    "social_org": "社会组织",
    "two_new": "两新组织",
    "other": "其他",
}
UNIT_LEVELS = ("subdistrict", "community")
UNIT_STATUSES = ("active", "suspended", "left")


class Community(TimestampMixin, db.Model):
    __tablename__ = "communities"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), nullable=False, unique=True)
    code = db.Column(db.String(32), nullable=False, unique=True)
    # Where the community's office stands (GCJ-02, as WeChat's maps use), for
    # the 数据大屏's map; empty until an admin or the demo sets it.
    latitude = db.Column(db.Float, nullable=True)
    longitude = db.Column(db.Float, nullable=True)

    def to_dict(self):
        return {"id": self.id, "name": self.name, "code": self.code}


class MemberUnit(TimestampMixin, db.Model):
    """A company, school, hospital or office in the alliance, at subdistrict
    (街) or community (社) level. Its contacts are the people holding a
    unit_contact grant over it (app/auth/grants.py), not a column here."""

    __tablename__ = "member_units"
    LEVELS = UNIT_LEVELS

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128), nullable=False, unique=True)
    kind = db.Column(db.String(16), nullable=False, default="other", server_default="other")
    level = db.Column(db.String(16), nullable=False, default="subdistrict")
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    party_org_name = db.Column(db.String(128), nullable=True)  # its 党组织, e.g. "xx公司党支部"
    address = db.Column(db.String(255), nullable=True)
    # GCJ-02 (WeChat's and Chinese maps' datum), as wx.getLocation gives it
    latitude = db.Column(db.Float, nullable=True)
    longitude = db.Column(db.Float, nullable=True)
    joined_on = db.Column(db.Date, nullable=True)
    status = db.Column(db.String(16), nullable=False, default="active", server_default="active", index=True)
    introduction = db.Column(db.Text, nullable=True)

    community = db.relationship("Community")

    def to_dict(self):
        return {"id": self.id, "name": self.name, "level": self.level, "community_id": self.community_id}


class UnitStatusChange(db.Model):
    """One row per change of a unit's status (joined, suspended, left, back):
    the unit's history in the alliance."""

    __tablename__ = "unit_status_changes"

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    from_status = db.Column(db.String(16), nullable=True)
    to_status = db.Column(db.String(16), nullable=False)
    reason = db.Column(db.String(200), nullable=True)
    changed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    changed_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class Grid(TimestampMixin, db.Model):
    """A grid (网格) of a community: the smallest unit of grid governance, with
    its boundary as a GeoJSON Polygon in GCJ-02 ([lng, lat] pairs, as WeChat's
    maps give them). Its leader and workers hold grid_leader / grid_worker
    grants over it (app/auth/roles.py). The bounding box columns let
    ``app.grids.geo.grid_for_location`` narrow a point to a few candidate
    grids with an index before the exact polygon test."""

    __tablename__ = "grids"
    __table_args__ = (
        db.UniqueConstraint("community_id", "name", name="uq_grids_community_name"),
        db.Index("ix_grids_bbox", "min_lat", "max_lat", "min_lng", "max_lng"),
    )

    id = db.Column(db.Integer, primary_key=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=False, index=True)
    name = db.Column(db.String(64), nullable=False)
    code = db.Column(db.String(32), nullable=False, unique=True)
    boundary = db.Column(db.JSON, nullable=True)  # {"type": "Polygon", "coordinates": [[[lng, lat], ...]]}
    min_lat = db.Column(db.Float, nullable=True)
    max_lat = db.Column(db.Float, nullable=True)
    min_lng = db.Column(db.Float, nullable=True)
    max_lng = db.Column(db.Float, nullable=True)

    community = db.relationship("Community")

    def to_dict(self):
        return {"id": self.id, "community_id": self.community_id, "name": self.name, "code": self.code}
