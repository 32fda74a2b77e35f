"""Where people live and work: communities (社区), grids (网格) and member units (共建单位)."""
from app.extensions import db
from app.models.base import TimestampMixin


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
    (街) or community (社) level."""

    __tablename__ = "member_units"
    LEVELS = ("subdistrict", "community")

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128), nullable=False, unique=True)
    level = db.Column(db.String(16), nullable=False, default="subdistrict")
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)

    community = db.relationship("Community")

    def to_dict(self):
        return {"id": self.id, "name": self.name, "level": self.level, "community_id": self.community_id}
