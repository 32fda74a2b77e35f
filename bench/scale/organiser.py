"""Organiser operations alone, each timed with the server process's peak memory.

A single-worker gunicorn (sync, long timeout) serves them one at a time; before
each, the worker's resident-memory high-water mark (VmHWM) is reset through
/proc/<pid>/clear_refs, and read after, so each figure is that operation's own
peak (the worker's baseline, the app loaded, is printed too). An export that
answers 202 (a background job) is polled until its file is ready, and the
job worker's peak is read the same way.
"""
import http.client
import json
import time
from datetime import date

from sqlalchemy import text

from app.extensions import db
from bench.scale.server import peak_rss_mb, reset_peak_rss, rss_mb

LOOPBACK = "127.0.0.1"


def event_of_size(app, people, skip=()):
    """The event whose check-ins come nearest ``people`` (the welfare day of 5,000)
    and its count, not one of the benchmark's own (``skip``)."""
    with app.app_context():
        row = db.session.execute(text(
            "SELECT event_id, count(*) FROM checkins WHERE direction = 'in' AND NOT (event_id = ANY(:skip)) "
            "GROUP BY event_id ORDER BY abs(count(*) - :people), event_id LIMIT 1"),
            {"skip": list(skip), "people": people}).first()
    return (row[0], row[1]) if row else (None, 0)


def biggest_unit(app):
    """The member unit that hosted the most events."""
    with app.app_context():
        return db.session.execute(text(
            "SELECT u.id FROM member_units u LEFT JOIN events e ON e.host_member_unit_id = u.id "
            "GROUP BY u.id ORDER BY count(e.id) DESC, u.id LIMIT 1")).scalar()


def root_team(app):
    """The 1+5+X tree's root: its subtree is every volunteer of the district."""
    with app.app_context():
        return db.session.execute(text(
            "SELECT t.id FROM teams t WHERE t.parent_id IS NULL ORDER BY "
            "(SELECT count(*) FROM teams c WHERE c.parent_id = t.id) DESC, t.id LIMIT 1")).scalar()


def call(port, method, path, bearer, body=None, timeout=600):
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    headers = {"Authorization": f"Bearer {bearer}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    size, chunk, first = 0, b"", None
    while True:  # read in pieces: a streamed export is never held here whole
        chunk = response.read(1 << 16)
        if not chunk:
            break
        if first is None:
            first = chunk[:2000]
        size += len(chunk)
    connection.close()
    return response.status, size, first or b""


def operations(year, month, event_id, unit_id, team_id):
    ops = []
    if event_id:
        for fmt in ("json", "csv", "xlsx"):
            ops.append((f"attendance {fmt}", "GET", f"/api/v1/events/{event_id}/attendance?format={fmt}", None))
    ops.append((f"hours export {year}", "GET", f"/api/v1/hours/export.xlsx?from={year}-01-01&to={year}-12-31",
                None))
    ops.append((f"monthly chart {month}", "GET", f"/api/v1/attendance/monthly/chart.png?month={month}", None))
    if team_id:
        ops.append(("notice audience (all volunteers)", "POST", "/api/v1/notices/preview", {
            "template_id": "volunteer_call", "shorten": True,
            "values": {"thing1": "市民公益日志愿者招募", "date2": f"{year + 1}-01-10", "thing3": "街道社工站",
                       "name4": "王老师", "phone_number5": "0571-12345678"},
            "audience": {"kind": "team", "team_id": team_id}}))
    if unit_id:
        for fmt in ("json", "xlsx", "pdf"):
            ops.append((f"unit report {fmt}", "GET", f"/api/v1/units/{unit_id}/report?year={year}&format={fmt}", None))
        ops.append(("units ranking", "GET", f"/api/v1/units/ranking?year={year}", None))
    return ops


def run(start_server, bearer, ops, job_pids=lambda: ()):
    """Each operation alone on a fresh single-worker server (a worker's heap
    keeps what earlier requests took, which would inflate the next one's peak):
    one untimed call to warm it, then the operation, timed, with the worker's
    peak RSS over just that call."""
    rows = []
    for name, method, path, body in ops:
        with start_server() as server:
            worker = server.worker_pids()[0]
            call(server.port, "GET", "/api/v1/me", bearer)
            baseline = rss_mb(worker)
            reset_peak_rss(worker)
            for pid in job_pids():
                reset_peak_rss(pid)
            started = time.perf_counter()
            status, size, first = call(server.port, method, path, bearer, body)
            if status == 409 and b"export_too_large" in first:
                # Too big for a request: the background export (scale-exports' POST /hours/exports).
                params = dict(part.split("=") for part in path.split("?", 1)[1].split("&"))
                status, size, first = call(server.port, "POST", "/api/v1/hours/exports", bearer, params)
            job = None
            if status == 202:
                job = follow_job(server.port, bearer, first)
                status, size = job["status"], job["size"]
            seconds = time.perf_counter() - started
            peak = peak_rss_mb(worker)
            job_peak = max([peak_rss_mb(pid) for pid in job_pids()] or [None]) if job else None
        row = {"operation": name, "status": status, "seconds": round(seconds, 3), "bytes": size,
               "peak_rss_mb": peak, "baseline_rss_mb": baseline}
        if status >= 400:
            row["answer"] = first[:300].decode("utf-8", "replace")
        if job:
            row["job"] = dict(job, peak_rss_mb=job_peak)
            row["peak_rss_mb"] = max(peak, job_peak or 0)
        rows.append(row)
    return rows


def follow_job(port, bearer, first):
    """Poll a background export (202 + its job) until done, then download its file."""
    job_id = json.loads(first)["id"]
    polls, progress = 0, None
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        connection.request("GET", f"/api/v1/exports/{job_id}", headers={"Authorization": f"Bearer {bearer}"})
        state = json.loads(connection.getresponse().read())
        connection.close()
        polls += 1
        progress = {k: state.get(k) for k in ("status", "percent", "rows_done", "rows_total", "error_message")}
        if state.get("status") in ("done", "failed", "expired"):
            break
        time.sleep(0.5)
    status, size, _ = call(port, "GET", f"/api/v1/exports/{job_id}/file", bearer)
    return {"id": job_id, "polls": polls, "last": progress, "status": status, "size": size}


def last_full_year():
    return date.today().year - 1
