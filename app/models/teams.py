"""Volunteer teams: corps (总队) → brigades (大队) → squads (中队), the "1+5+X" system."""
from app.extensions import db
from app.models.base import TimestampMixin

TEAM_LEVELS = ("corps", "brigade", "squad")


class Team(TimestampMixin, db.Model):
    __tablename__ = "teams"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), nullable=False)
    level = db.Column(db.String(16), nullable=False)
    parent_id = db.Column(db.Integer, db.ForeignKey("teams.id"), nullable=True, index=True)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)

    parent = db.relationship("Team", remote_side=[id], backref="children")
    community = db.relationship("Community")
    member_unit = db.relationship("MemberUnit")

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "parent_id": self.parent_id,
            "community_id": self.community_id,
            "member_unit_id": self.member_unit_id,
        }
