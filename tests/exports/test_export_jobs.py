"""The year's hours export as a background job: too many rows for a request
go to a job; its progress shows while it runs; only its requester (and the
office) see it; a worker killed mid-way is taken over and one complete file
is stored; the file is gone after a day."""
import shutil
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.exports import jobs
from app.extensions import db
from app.hours import export
from app.localtime import CHINA_TZ
from app.models import AuditLog, ExportJob, utcnow
from tests.factories import auth_headers, make_community, make_event, make_hours, make_organiser, make_volunteer


@pytest.fixture()
def small_limits(app, monkeypatch):
    shutil.rmtree(Path(app.config["STORAGE_URL"]) / "exports", ignore_errors=True)  # other tests' files
    monkeypatch.setitem(app.config, "EXPORT_INLINE_MAX_ROWS", 3)
    monkeypatch.setattr(export, "PAGE_ROWS", 2)  # several pages: several heartbeats


@pytest.fixture()
def served(ctx):
    community = make_community("智格社区")
    organiser = make_organiser(community, name="李书记")
    event = make_event(kind="volunteer_activity", community=community, title="市民公益日",
                       starts_in=-timedelta(days=2), duration=timedelta(hours=3))
    for n in range(5):
        make_hours(make_volunteer(community=community, name=f"志愿者{n}", phone=f"1370000{n:04d}"),
                   event=event, hours=1 + n, approver=make_organiser(community))
    return organiser, community


def _range():
    today = utcnow().astimezone(CHINA_TZ).date()
    return {"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat()}


def _start(client, organiser):
    answer = client.post("/api/v1/hours/exports", json=_range(), headers=auth_headers(organiser))
    assert answer.status_code == 202, answer.get_json()
    return answer.get_json()


def _names(data):
    sheet = load_workbook(BytesIO(data))["志愿服务时长"]
    return sorted(row[0].value for row in sheet.iter_rows(min_row=2))


def _stored_files(app):
    return [p for p in Path(app.config["STORAGE_URL"]).glob("exports/*/*") if p.is_file()]


def test_a_large_export_is_a_job_whose_file_only_the_requester_reads(client, app, served, small_limits):
    organiser, community = served
    refused = client.get("/api/v1/hours/export.xlsx", query_string=_range(), headers=auth_headers(organiser))
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "export_too_large"

    job = _start(client, organiser)
    assert (job["status"], job["rows_total"], job["rows_done"], job["download"]) == ("queued", 5, 0, None)
    early = client.get(f"/api/v1/exports/{job['id']}/file", headers=auth_headers(organiser))
    assert early.get_json()["error"]["code"] == "export_not_ready"

    assert jobs.run(job["id"]) == "done"
    shown = client.get(f"/api/v1/exports/{job['id']}", headers=auth_headers(organiser)).get_json()
    assert (shown["status"], shown["rows_done"], shown["percent"]) == ("done", 5, 100)
    download = client.get(shown["download"], headers=auth_headers(organiser))
    assert download.status_code == 200 and download.mimetype == export.MIME
    assert "filename*=UTF-8''" in download.headers["Content-Disposition"]
    assert _names(download.data) == [f"志愿者{n}" for n in range(5)]
    assert db.session.execute(db.select(AuditLog).where(AuditLog.action == "hours.export")).scalar_one()

    other = make_organiser(make_community("铭和社区"))
    same_community = make_organiser(community)
    for stranger in (other, same_community):
        for path in (f"/api/v1/exports/{job['id']}", f"/api/v1/exports/{job['id']}/file"):
            answer = client.get(path, headers=auth_headers(stranger))
            assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "export_not_found"


def test_progress_shows_while_the_job_runs(client, app, served, small_limits, monkeypatch):
    organiser, _ = served
    job = _start(client, organiser)
    seen = []
    beat = jobs._beat

    def watching(job_id, me, rows_done):
        beat(job_id, me, rows_done)
        seen.append(client.get(f"/api/v1/exports/{job_id}", headers=auth_headers(organiser)).get_json())

    monkeypatch.setattr(jobs, "_beat", watching)
    assert jobs.run(job["id"]) == "done"
    assert [(s["status"], s["rows_done"], s["rows_total"]) for s in seen[:2]] == [("running", 2, 5), ("running", 4, 5)]
    assert 0 < seen[0]["percent"] < seen[1]["percent"] < 100


class Killed(BaseException):
    """The worker's process dying (SIGKILL): no except clause of it runs."""


def test_a_worker_killed_mid_job_is_taken_over_and_one_complete_file_stored(client, app, served, small_limits,
                                                                            monkeypatch):
    organiser, _ = served
    job = _start(client, organiser)
    beat = jobs._beat

    def dies_after_a_page(job_id, me, rows_done):
        beat(job_id, me, rows_done)
        raise Killed()

    monkeypatch.setattr(jobs, "_beat", dies_after_a_page)
    with pytest.raises(Killed):
        jobs.run(job["id"])
    monkeypatch.setattr(jobs, "_beat", beat)
    db.session.rollback()
    row = db.session.get(ExportJob, job["id"])
    assert (row.status, row.rows_done) == ("running", 2) and _stored_files(app) == []

    # The queue redelivers at once: the dead worker's claim is fresh, so the
    # job is held elsewhere and looked at again after a lease.
    with pytest.raises(jobs.HeldElsewhere):
        jobs.run(job["id"])
    db.session.execute(db.update(ExportJob).where(ExportJob.id == job["id"])
                       .values(heartbeat_at=utcnow() - timedelta(seconds=app.config["EXPORT_JOB_LEASE"] + 1)))
    db.session.commit()
    assert jobs.run(job["id"]) == "done"
    assert jobs.run(job["id"]) == "skipped"  # a duplicate message finds it done

    row = db.session.get(ExportJob, job["id"])
    db.session.refresh(row)
    assert (row.status, row.attempts, row.rows_done) == ("done", 2, 5)
    files = _stored_files(app)
    assert [f.name for f in files] == [Path(row.file_key).name]
    assert _names(files[0].read_bytes()) == [f"志愿者{n}" for n in range(5)]


def test_a_worker_that_lost_its_claim_stores_nothing_and_finishes_nothing(client, app, served, small_limits,
                                                                         monkeypatch):
    organiser, _ = served
    job = _start(client, organiser)
    beat = jobs._beat

    def taken_over_meanwhile(job_id, me, rows_done):
        db.session.execute(db.update(ExportJob).where(ExportJob.id == job_id).values(claimed_by="another"))
        db.session.commit()
        beat(job_id, me, rows_done)

    monkeypatch.setattr(jobs, "_beat", taken_over_meanwhile)
    assert jobs.run(job["id"]) == "lost"
    assert db.session.get(ExportJob, job["id"]).status == "running" and _stored_files(app) == []


def test_an_error_is_retried_then_the_job_fails(client, app, served, small_limits, monkeypatch):
    organiser, _ = served
    job = _start(client, organiser)
    monkeypatch.setattr(export, "write_workbook", lambda *a, **k: 1 / 0)
    for _ in range(jobs.MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(jobs.RetryExport):
            jobs.run(job["id"])
    assert jobs.run(job["id"]) == "failed"
    shown = client.get(f"/api/v1/exports/{job['id']}", headers=auth_headers(organiser)).get_json()
    assert shown["status"] == "failed" and shown["error_message"]
    assert client.get(f"/api/v1/exports/{job['id']}/file", headers=auth_headers(organiser)).status_code == 409


def test_the_file_is_deleted_after_a_day(client, app, served, small_limits):
    organiser, _ = served
    job = _start(client, organiser)
    jobs.run(job["id"])
    assert jobs.expire_files(now=utcnow() + timedelta(hours=23)) == 0
    assert len(_stored_files(app)) == 1
    assert jobs.expire_files(now=utcnow() + timedelta(days=1, minutes=1)) == 1
    assert _stored_files(app) == []
    answer = client.get(f"/api/v1/exports/{job['id']}/file", headers=auth_headers(organiser))
    assert answer.status_code == 410 and answer.get_json()["error"]["code"] == "export_expired"


def test_a_small_export_still_downloads_at_once(client, served):
    organiser, _ = served
    answer = client.get("/api/v1/hours/export.xlsx", query_string=_range(), headers=auth_headers(organiser))
    assert answer.status_code == 200
    assert _names(answer.data) == [f"志愿者{n}" for n in range(5)]
