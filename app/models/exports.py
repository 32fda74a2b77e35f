"""Export jobs: a big export written by a background worker to the object
store (app/exports/jobs.py). The row is the job's truth: who asked, for what,
how far it got, which worker holds it (a claim with a heartbeat, so a killed
worker's job is taken over and two workers never write it at once), and the
file, kept for a day."""
from app.extensions import db
from app.models.base import UTCDateTime, utcnow

EXPORT_KINDS = ("hours",)
# queued -> running -> done | failed; done -> expired once the file is deleted.
EXPORT_STATUSES = ("queued", "running", "done", "failed", "expired")


class ExportJob(db.Model):
    __tablename__ = "export_jobs"

    id = db.Column(db.Integer, primary_key=True)
    # CASCADE: a person deleted outright takes their exports (personal data) along.
    requester_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(24), nullable=False)
    params = db.Column(db.JSON, nullable=False, default=dict)
    status = db.Column(db.String(8), nullable=False, default="queued")
    rows_done = db.Column(db.Integer, nullable=False, default=0)
    rows_total = db.Column(db.Integer, nullable=True)
    # Chosen when the job is made, the same for every attempt: a retried job
    # overwrites its one file, never leaves a second.
    file_key = db.Column(db.String(128), nullable=False, unique=True)
    error = db.Column(db.String(255), nullable=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    claimed_by = db.Column(db.String(32), nullable=True)
    heartbeat_at = db.Column(UTCDateTime(), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    started_at = db.Column(UTCDateTime(), nullable=True)
    finished_at = db.Column(UTCDateTime(), nullable=True)
    expires_at = db.Column(UTCDateTime(), nullable=True, index=True)

    def __repr__(self):
        return f"<ExportJob {self.id} {self.kind} {self.status}>"
