"""/api/v1/exports/{id}: an export job's progress, and its file once done
(for the requester and the office only; the file is kept for a day)."""
from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.exports import jobs, streaming
from app.exports.schemas import ExportJobSchema

blp = Blueprint("exports", __name__, url_prefix="/api/v1", description="Export jobs: big exports made in the background")


@blp.route("/exports/<int:job_id>", methods=["GET"])
@login_required
@blp.response(200, ExportJobSchema)
@blp.alt_response(404, schema="Error", description="export_not_found (also: not the requester's)")
def export_job(job_id):
    """The job's status and progress (rows written of rows counted)."""
    return jobs.view(jobs.readable(current_user(), job_id)), 200, {"Cache-Control": "no-store"}


@blp.route("/exports/<int:job_id>/file", methods=["GET"])
@login_required
@blp.response(200, {"type": "string", "format": "binary"}, content_type=jobs.XLSX_MIME,
              description="the finished file")
@blp.alt_response(409, schema="Error", description="export_not_ready, export_failed")
@blp.alt_response(410, schema="Error", description="export_expired: kept for a day")
def export_file(job_id):
    """The finished file, streamed from the object store."""
    job = jobs.readable(current_user(), job_id)
    chunks, mimetype, filename = jobs.file_of(job)
    return streaming.download(chunks, mimetype, filename, f"export-{job.id}.xlsx")
