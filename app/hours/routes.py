"""/api/v1/me/hours and /api/v1/hours: records, approval, the ledger, totals, exports."""
from flask import Response, current_app
from flask_smorest import Blueprint

from app import audit
from app.auth import policy
from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.errors import CATALOGUE, APIError
from app.exports import jobs, streaming
from app.exports.schemas import ExportJobSchema
from app.extensions import db
from app.hours import charts, export, leaderboard_cache, ledger, records, reports, rules
from app.hours.schemas import (
    BulkApproveResultSchema,
    BulkApproveSchema,
    CorrectionSchema,
    EventRecordsArgs,
    ExportArgs,
    HoursSummarySchema,
    LeaderboardArgs,
    LeaderboardSchema,
    LedgerEntrySchema,
    MyHoursArgsSchema,
    ReasonSchema,
    SettleSchema,
    StaffRecordSchema,
    StarRulesSchema,
    TeamTotalsSchema,
    VolunteerHoursSchema,
)
from app.models import ServiceRecord, User, VolunteerProfile
from app.teams.service import get_team
from app.volunteers import identity
from app.volunteers.service import profile_for_staff, profile_of

blp = Blueprint("hours", __name__, url_prefix="/api/v1", description="Volunteer service hours (志愿服务时长)")


def staff_view(record):
    view = reports.record_view(record, ledger.record_minutes(record.id) if record.status == "approved" else None)
    profile = profile_of(record.user_id)
    user = db.session.get(User, record.user_id)
    view["user_id"] = record.user_id
    view["volunteer_name"] = profile.real_name if profile else user.name
    view["phone_masked"] = identity.mask_phone(profile.phone if profile else user.phone)
    return view


@blp.route("/me/hours", methods=["GET"])
@login_required
@blp.arguments(MyHoursArgsSchema, location="query")
@blp.response(200, HoursSummarySchema)
def my_hours(args):
    """My hours: total, this year, by month, star level and my records (a page of them with ``limit``)."""
    return reports.hours_summary(current_user().id, args.get("limit"), args["offset"])


@blp.route("/hours/stars", methods=["GET"])
@blp.response(200, StarRulesSchema)
def star_rules():
    """The star-level thresholds, where they come from, and the rounding rule."""
    return {
        "levels": [{"stars": s, "title": t, "min_hours": h} for h, s, t in rules.STAR_LEVELS],
        "source": rules.STAR_SOURCE,
        "rounding_rule": rules.ROUNDING_RULE,
    }


@blp.route("/hours/events/<int:event_id>/records", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(EventRecordsArgs, location="query")
@blp.response(200, StaffRecordSchema(many=True))
@blp.alt_response(403, schema="Error", description="out_of_scope")
def event_records(args, event_id):
    """The event's service records (``status=pending`` to approve)."""
    found = records.event_records(current_user(), records.get_event(event_id), args.get("status"))
    return [staff_view(r) for r in found]


@blp.route("/hours/records/<int:record_id>/approve", methods=["POST"])
@roles_required(*STAFF)
@blp.response(200, StaffRecordSchema)
@blp.alt_response(409, schema="Error", description="record_not_pending / record_needs_checkout")
def approve_record(record_id):
    """Approve one record: its hours enter the ledger."""
    return staff_view(records.approve_one(current_user(), records.get_record(record_id)))


@blp.route("/hours/records/approve", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(BulkApproveSchema)
@blp.response(200, BulkApproveResultSchema)
@blp.alt_response(403, schema="Error", description="a record is out of scope: nothing approved")
def approve_many(body):
    """Approve many records at once, or every pending record of an event."""
    actor = current_user()
    if "event_id" in body:
        event = records.get_event(body["event_id"])
        policy.require(policy.events.may_manage(actor, event))
        chosen = [r for r in records.record_hours_from_checkins(event.id) if r.status == "pending"]
    else:
        ids = sorted(set(body["record_ids"]))
        chosen = db.session.execute(db.select(ServiceRecord).where(ServiceRecord.id.in_(ids))).scalars().all()
        if len(chosen) != len(ids):
            raise APIError("record_not_found")
    approved, skipped = records.approve(actor, chosen)
    return {
        "approved": [r.id for r in approved],
        "skipped": [{"id": r.id, "code": code, "message": CATALOGUE[code][1]} for r, code in skipped],
    }


@blp.route("/hours/records/<int:record_id>/reject", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ReasonSchema)
@blp.response(200, StaffRecordSchema)
def reject_record(body, record_id):
    """Refuse to credit a record (a reason is required)."""
    return staff_view(records.reject(current_user(), records.get_record(record_id), body["reason"]))


@blp.route("/hours/records/<int:record_id>/settle", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(SettleSchema)
@blp.response(200, StaffRecordSchema)
@blp.alt_response(409, schema="Error", description="record_not_waiting")
def settle_record(body, record_id):
    """Set when the volunteer left, for a record not yet approved (a missing or
    a mistaken check-out), or refuse the record. Approved records: corrections."""
    record = records.get_record(record_id)
    return staff_view(records.settle(current_user(), record, body["reason"], ended_at=body.get("ended_at"),
                                      refuse=body["refuse"]))


@blp.route("/hours/records/<int:record_id>/corrections", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(CorrectionSchema)
@blp.response(201, LedgerEntrySchema)
@blp.alt_response(409, schema="Error", description="record_not_approved")
def correct_record(body, record_id):
    """Correct an approved record's hours: a new ledger entry of the difference, with its reason."""
    return ledger.correct(current_user(), records.get_record(record_id), body["hours"], body["reason"])


@blp.route("/hours/records/<int:record_id>/ledger", methods=["GET"])
@login_required
@blp.response(200, LedgerEntrySchema(many=True))
@blp.alt_response(403, schema="Error", description="out_of_scope")
def record_ledger(record_id):
    """The ledger entries behind a record: for its volunteer and the organisers who manage it."""
    actor = current_user()
    record = records.get_record(record_id)
    policy.require(policy.records.may_see(actor, record, profile_of(record.user_id)))
    return ledger.entries_for_record(record.id)


@blp.route("/hours/volunteers/<int:user_id>", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, VolunteerHoursSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope")
def volunteer_hours(user_id):
    """A volunteer's hours, for organisers who manage them."""
    profile: VolunteerProfile = profile_for_staff(current_user(), user_id)
    return dict(reports.hours_summary(user_id), user_id=user_id, name=profile.real_name)


@blp.route("/hours/teams/<int:team_id>", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, TeamTotalsSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope")
def team_totals(team_id):
    """A team's total hours (with its sub-teams) and its members' totals and stars."""
    return reports.team_totals(current_user(), get_team(team_id))


@blp.route("/hours/leaderboard", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(LeaderboardArgs, location="query")
@blp.response(200, LeaderboardSchema)
def leaderboard(args):
    """Squads or communities in my scope ranked by hours (a year, or all time)."""
    return leaderboard_cache.leaderboard(current_user(), args["by"], args.get("year"), args["limit"])


@blp.route("/hours/leaderboard/chart.png", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(LeaderboardArgs, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="image/png",
              description="the leaderboard as a bar chart")
def leaderboard_chart(args):
    """The same ranking as /hours/leaderboard, drawn."""
    board = reports.leaderboard(current_user(), args["by"], args.get("year"), args["limit"])
    return Response(charts.leaderboard_chart(board), mimetype="image/png")


def _export_range(args):
    date_from, date_to = args["date_from"], args["date_to"]
    if date_from > date_to:
        raise APIError("date_range_invalid")
    return date_from, date_to


@blp.route("/hours/export.xlsx", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(ExportArgs, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type=export.MIME,
              description="XLSX workbook, one row per approved record")
@blp.alt_response(409, schema="Error", description="export_too_large: POST /hours/exports instead")
@blp.alt_response(422, schema="Error", description="date_range_invalid")
def export_hours(args):
    """Approved hours of events I manage, for import into 志愿浙江; more than
    EXPORT_INLINE_MAX_ROWS rows are made by a background job instead."""
    date_from, date_to = _export_range(args)
    actor = current_user()
    if export.more_rows_than(current_app.config["EXPORT_INLINE_MAX_ROWS"], date_from, date_to, actor):
        raise APIError("export_too_large")
    written = {}

    def write(out):
        written["rows"], written["minutes"] = export.write_workbook(out, date_from, date_to, actor)

    chunks = streaming.spooled(write)
    audit.record("hours.export", actor=actor, detail={
        "from": date_from.isoformat(), "to": date_to.isoformat(), "rows": written["rows"],
        "minutes": written["minutes"]})
    db.session.commit()
    name = export.filename(date_from, date_to)
    return streaming.download(chunks, export.MIME, name, f"hours-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx")


@blp.route("/hours/exports", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ExportArgs)
@blp.response(202, ExportJobSchema, description="the export job: follow GET /exports/{id}, then download its file")
@blp.alt_response(422, schema="Error", description="date_range_invalid")
def start_hours_export(args):
    """Start a background export of the approved hours of events I manage
    (any size; the way for more than EXPORT_INLINE_MAX_ROWS rows)."""
    date_from, date_to = _export_range(args)
    actor = current_user()
    job = jobs.start(actor, "hours", {"from": date_from.isoformat(), "to": date_to.isoformat()},
                     rows_total=export.count_rows(date_from, date_to, actor))
    return jobs.view(job)
