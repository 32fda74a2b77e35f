"""Export jobs: an export too big to make during a request, written by a
background worker to the object store, with its progress in its row.

Exactly one file per job, however often the job runs:

- the file's storage key is chosen when the job is made, so every attempt
  writes the same object (stored whole: written aside and renamed, or one S3
  upload), never a second file;
- a worker claims the job with one conditional UPDATE (queued, or running
  with a heartbeat older than EXPORT_JOB_LEASE): of two workers given the
  same job, one claims it and the other looks again after a lease, by when
  the job is done (nothing to do) or its worker died (it takes over);
- the worker beats the heartbeat after each page of rows and stops if it
  lost its claim; it marks the job done only while it still holds it.

A worker killed mid-way leaves its job running with a heartbeat that ages;
Dramatiq gives the unacknowledged message to another worker, which claims the
job once the lease lapsed and writes the file from the start.

An area adds a kind of export with ``register(kind, write, filename)``:
``write(out, params, requester, on_page)`` writes the file to the binary file
``out``, calls ``on_page(rows_so_far)`` between pages of rows, and returns
(rows, audit detail).
"""
import logging
import secrets
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from flask import current_app
from sqlalchemy import and_, func, or_, update

from app import audit
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.files.service import new_key, storage
from app.files.storage import StoredFileMissing
from app.models import ExportJob, User, utcnow

log = logging.getLogger(__name__)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Attempts that ended in an error (not a killed worker: that is no error) before the job is failed.
MAX_FAILED_ATTEMPTS = 3
FAILED_MESSAGE = "导出失败，请重新发起导出"


@dataclass(frozen=True)
class ExportKind:
    write: Callable
    filename: Callable  # params -> the download's Chinese name
    audit_action: str


KINDS = {}


def register(kind, write, filename, audit_action):
    KINDS[kind] = ExportKind(write, filename, audit_action)


class ClaimLost(Exception):
    """Another worker took the job over (this one was thought dead)."""


# -- starting and reading ------------------------------------------------------

def start(requester, kind, params, rows_total=None):
    """Make the job (committed) and queue it; the caller has checked the
    requester may export this."""
    from app.exports import tasks

    job = ExportJob(requester_id=requester.id, kind=kind, params=params, status="queued", rows_done=0,
                    rows_total=rows_total, attempts=0, file_key=new_key("exports", "xlsx"))
    db.session.add(job)
    db.session.commit()
    tasks.run_export.send(job.id)
    return job


def readable(user, job_id):
    """The job, for its requester and the office; 404 to anyone else."""
    job = db.session.get(ExportJob, job_id)
    if job is None or not policy.exports.may_read(user, job):
        raise APIError("export_not_found")
    return job


def view(job):
    return {
        "id": job.id, "kind": job.kind, "params": job.params, "status": job.status,
        "rows_done": job.rows_done, "rows_total": job.rows_total,
        "percent": (min(100, round(100 * job.rows_done / job.rows_total)) if job.rows_total
                    else 100 if job.status == "done" else 0),
        "error_message": job.error, "created_at": job.created_at, "finished_at": job.finished_at,
        "expires_at": job.expires_at, "download": f"/api/v1/exports/{job.id}/file" if job.status == "done" else None,
    }


def file_of(job, now=None):
    """(chunks, mimetype, Chinese filename) of a finished job's file."""
    if job.status == "failed":
        raise APIError("export_failed")
    if job.status == "expired" or (job.expires_at is not None and job.expires_at <= (now or utcnow())):
        raise APIError("export_expired")
    if job.status != "done":
        raise APIError("export_not_ready")
    try:
        chunks = storage().chunks(job.file_key)
    except StoredFileMissing:
        raise APIError("export_expired") from None
    return chunks, XLSX_MIME, KINDS[job.kind].filename(job.params)


# -- running (the worker) ------------------------------------------------------

def _claim(job_id, me):
    now = utcnow()
    stale = now - timedelta(seconds=current_app.config["EXPORT_JOB_LEASE"])
    claimed = db.session.execute(
        update(ExportJob)
        .where(ExportJob.id == job_id,
               or_(ExportJob.status == "queued",
                   and_(ExportJob.status == "running", ExportJob.heartbeat_at < stale)))
        .values(status="running", claimed_by=me, heartbeat_at=now, rows_done=0, attempts=ExportJob.attempts + 1,
                started_at=func.coalesce(ExportJob.started_at, now))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _mine(job_id, me):
    return and_(ExportJob.id == job_id, ExportJob.claimed_by == me, ExportJob.status == "running")


def _beat(job_id, me, rows_done):
    beaten = db.session.execute(update(ExportJob).where(_mine(job_id, me))
                                .values(rows_done=rows_done, heartbeat_at=utcnow())
                                .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    if not beaten:
        raise ClaimLost(job_id)


def run(job_id):
    """Run the job once (the actor's body). Returns what happened:
    "done", "failed", "lost" (taken over), "skipped" (finished already or
    gone); raises ``HeldElsewhere`` while another worker holds a fresh claim,
    and re-raises an error worth another attempt."""
    me = secrets.token_hex(8)
    if not _claim(job_id, me):
        job = db.session.get(ExportJob, job_id)
        if job is None or job.status != "running":
            return "skipped"
        raise HeldElsewhere(job_id)
    job = db.session.get(ExportJob, job_id)
    kind, params, key = KINDS[job.kind], dict(job.params), job.file_key
    requester = db.session.get(User, job.requester_id)
    try:
        with tempfile.TemporaryFile() as spool:
            rows, detail = kind.write(spool, params, requester, lambda done: _beat(job_id, me, done))
            _beat(job_id, me, rows)  # still ours: only the holder stores the file
            spool.seek(0)
            storage().put_file(key, spool, XLSX_MIME)
    except ClaimLost:
        db.session.rollback()
        log.warning("export job %s was taken over by another worker", job_id)
        return "lost"
    except Exception:
        db.session.rollback()
        return _after_error(job_id, me)
    now = utcnow()
    finished = db.session.execute(
        update(ExportJob).where(_mine(job_id, me))
        .values(status="done", rows_done=rows, rows_total=rows, claimed_by=None, finished_at=now, error=None,
                expires_at=now + timedelta(seconds=current_app.config["EXPORT_FILE_TTL"]))
        .execution_options(synchronize_session=False)).rowcount
    if not finished:
        db.session.rollback()
        return "lost"
    audit.record(kind.audit_action, actor=requester, target=job, detail=dict(detail, rows=rows, export_job=job_id))
    db.session.commit()
    return "done"


class HeldElsewhere(Exception):
    """Another worker holds the job with a fresh heartbeat."""


def _after_error(job_id, me):
    log.exception("export job %s failed", job_id)
    job = db.session.get(ExportJob, job_id)
    if job.attempts >= MAX_FAILED_ATTEMPTS:
        values = {"status": "failed", "error": FAILED_MESSAGE, "claimed_by": None, "finished_at": utcnow()}
        outcome = "failed"
    else:  # let the retry claim it at once
        values = {"status": "queued", "claimed_by": None}
        outcome = "retry"
    db.session.execute(update(ExportJob).where(_mine(job_id, me)).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    if outcome == "retry":
        raise RetryExport(job_id)
    return outcome


class RetryExport(Exception):
    """The attempt failed; the queue tries again after its backoff."""


# -- a day later -----------------------------------------------------------------

def expire_files(now=None):
    """Delete the files of jobs past their day; the rows stay (status expired)."""
    now = now or utcnow()
    due = db.session.execute(db.select(ExportJob).where(ExportJob.status == "done", ExportJob.expires_at <= now)
                             .limit(500)).scalars().all()
    for job in due:
        try:
            storage().delete(job.file_key)
        except Exception:  # noqa: BLE001  (the store is down: the next sweep tries again)
            log.warning("could not delete export file %s", job.file_key, exc_info=True)
            continue
        job.status = "expired"
    db.session.commit()
    return len(due)
