"""Uploaded files (photos): who uploaded them, where the bytes are, and
WeChat's verdict on them. The bytes live in the storage backend
(app/files/storage.py); a row here is the only way to reach them."""
from app.extensions import db
from app.models.base import UTCDateTime, utcnow

# What an upload is for. An area that takes photos adds its purpose here, so
# a photo uploaded for one thing cannot be attached to another.
UPLOAD_PURPOSES = ("need_photo", "duty_evidence", "whistle_photo", "report_photo", "avatar", "course_material")
# WeChat's media check (mediaCheckAsync): pending until its push arrives;
# error when the check could not be asked (the upload stays usable).
CHECK_STATUSES = ("pending", "pass", "risky", "error")


class Upload(db.Model):
    __tablename__ = "uploads"

    id = db.Column(db.Integer, primary_key=True)
    # CASCADE for a hard delete of the person; closing an account keeps the
    # user row, so app.files removes the content itself (signals.account_closed).
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    storage_key = db.Column(db.String(128), nullable=False, unique=True)
    purpose = db.Column(db.String(24), nullable=False)
    content_type = db.Column(db.String(32), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    width = db.Column(db.Integer, nullable=False)
    height = db.Column(db.Integer, nullable=False)
    check_status = db.Column(db.String(8), nullable=False, default="pending")
    check_trace_id = db.Column(db.String(64), nullable=True, unique=True)
    checked_at = db.Column(UTCDateTime(), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # Set when the bytes were deleted (the owner closed their account): the
    # row stays so whatever it was attached to keeps a consistent history.
    deleted_at = db.Column(UTCDateTime(), nullable=True)

    @property
    def visible(self):
        """Whether anyone may be shown it (a URL to it)."""
        return self.deleted_at is None and self.check_status != "risky"

    def __repr__(self):
        return f"<Upload {self.id} {self.purpose} {self.check_status}>"
