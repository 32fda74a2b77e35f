"""The audit trail: who did what to what, and when."""
from app.extensions import db
from app.localtime import iso
from app.models.base import UTCDateTime, utcnow


class AuditLog(db.Model):
    __tablename__ = "audit_log"

    id = db.Column(db.Integer, primary_key=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True, index=True)
    # "cli" when a shell command acted with no signed-in user
    actor_label = db.Column(db.String(64), nullable=True)
    action = db.Column(db.String(64), nullable=False, index=True)
    target_type = db.Column(db.String(32), nullable=True)
    target_id = db.Column(db.String(64), nullable=True)
    detail = db.Column(db.JSON, nullable=False, default=dict)
    request_id = db.Column(db.String(64), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)

    actor = db.relationship("User", lazy="selectin", viewonly=True)

    def to_dict(self):
        return {
            "id": self.id,
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "detail": self.detail,
            "created_at": iso(self.created_at),
        }
