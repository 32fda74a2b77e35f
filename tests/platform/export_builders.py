"""Request builders for the export jobs' rows of the authorisation table: a
finished export job of organiser_in's, its file in the store."""
from datetime import date, timedelta
from io import BytesIO

from openpyxl import Workbook

from app.extensions import db
from app.files.service import new_key, storage
from app.models import ExportJob, utcnow


def _job_of_organiser_in(w, actor, wechat):
    book, out = Workbook(), BytesIO()
    book.save(out)
    key = new_key("exports", "xlsx")
    storage().put(key, out.getvalue(), "application/octet-stream")
    year = date.today().year
    job = ExportJob(requester_id=w.people["organiser_in"].id, kind="hours", params={
        "from": f"{year}-01-01", "to": f"{year}-12-31"}, status="done", rows_done=0, rows_total=0, attempts=1,
        file_key=key, finished_at=utcnow(), expires_at=utcnow() + timedelta(days=1))
    db.session.add(job)
    db.session.commit()
    return {"path": {"job_id": job.id}}


EXPORT_BUILDERS = {
    "this_year_json": lambda w, actor, wechat: {"json": {"from": f"{date.today().year}-01-01",
                                                         "to": f"{date.today().year}-12-31"}},
    "export_job_of_organiser_in": _job_of_organiser_in,
}
