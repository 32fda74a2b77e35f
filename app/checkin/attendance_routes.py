"""Attendance: the live list organisers watch, its exports and the charts."""
from flask import Response
from flask_smorest import Blueprint

from app.auth.permissions import current_user, roles_required
from app.auth.roles import STAFF
from app.checkin import attendance, reports
from app.checkin.routes import BINARY, managed_event
from app.checkin.schemas import AttendanceArgs, AttendanceSchema, MonthArgs
from app.exports import streaming
from app.localtime import local
from app.models import utcnow
from app.schemas import ErrorSchema

blp = Blueprint("attendance", __name__, url_prefix="/api/v1", description="Attendance lists, exports and charts")

XLSX_TYPE = streaming.XLSX_MIME


@blp.route("/events/<int:event_id>/attendance", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(AttendanceArgs, location="query")
@blp.response(200, AttendanceSchema, description="format=json (default)")
@blp.alt_response(200, schema=BINARY, content_type="text/csv", success=True)
@blp.alt_response(200, schema=BINARY, content_type=XLSX_TYPE, success=True)
@blp.alt_response(403, schema=ErrorSchema, description="forbidden, out_of_scope")
def event_attendance(args, event_id):
    """Live count and list (name, masked phone, in/out times and methods);
    ``limit``/``offset`` give a page of the list (default: all of it). The
    CSV and XLSX are streamed, written row by row, whatever the size."""
    event = managed_event(event_id)
    if args["format"] == "json":
        return attendance.summary(event, args.get("limit"), args["offset"]), 200, {"Cache-Control": "no-store"}
    name = f"{event.title}-签到名单"
    if args["format"] == "csv":
        chunks = streaming.reading(
            lambda connection: attendance.csv_rows(attendance.iter_attendees(event_id, connection=connection)))
        return streaming.download(chunks, "text/csv", f"{name}.csv", f"attendance-{event_id}.csv")
    people = attendance.iter_attendees(event.id)
    chunks = streaming.spooled(lambda out: attendance.write_xlsx(out, people, event.title))
    return streaming.download(chunks, XLSX_TYPE, f"{name}.xlsx", f"attendance-{event.id}.xlsx")


@blp.route("/events/<int:event_id>/attendance/chart.png", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, BINARY, content_type="image/png", description="check-ins per time slot with the running total")
@blp.alt_response(403, schema=ErrorSchema, description="forbidden, out_of_scope")
def event_chart(event_id):
    """Check-ins over time (5-minute slots, wider for long events)."""
    event = managed_event(event_id)
    return Response(reports.event_chart_png(event), mimetype="image/png", headers={"Cache-Control": "no-store"})


@blp.route("/attendance/monthly/chart.png", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(MonthArgs, location="query")
@blp.response(200, BINARY, content_type="image/png", description="the month's events and how many came")
@blp.alt_response(403, schema=ErrorSchema, description="forbidden")
def monthly_chart(args):
    """Every event of the month that the organiser manages, with its check-ins."""
    if "month" in args:
        year, month = (int(part) for part in args["month"].split("-"))
    else:
        today = local(utcnow())
        year, month = today.year, today.month
    png = reports.month_chart_png(current_user(), year, month)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "no-store"})
