"""/api/v1/hall: the offline contest (党史学习亮初心). docs/hall.md."""
from flask import Response, url_for
from flask_smorest import Blueprint

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.hall import certificate, export, scoreboard, service
from app.hall.schemas import (
    HallContestCreateSchema,
    HallContestDetailSchema,
    HallContestListArgs,
    HallContestPageSchema,
    HallContestTeamSchema,
    HallCorrectionSchema,
    HallEntryArgs,
    HallEntryCreateSchema,
    HallEntrySchema,
    HallJudgeAppointSchema,
    HallJudgeSchema,
    HallResultsSchema,
    HallScoreboardLinkSchema,
    HallScoreboardStateSchema,
    HallTeamCreateSchema,
)
from app.hall.views import present_contest, present_entry, present_results, present_team
from app.schemas import ErrorSchema

blp = Blueprint("hall", __name__, url_prefix="/api/v1/hall",
                description="党史学习亮初心: the offline contest, judges' scores, the projector's scoreboard")

NO_STORE = {"Cache-Control": "no-store"}
BINARY = {"type": "string", "format": "binary"}


@blp.route("/contests", methods=["POST"])
@login_required
@blp.arguments(HallContestCreateSchema)
@blp.response(201, HallContestDetailSchema)
def create_contest(body):
    """A contest with its rounds, teams and judges (the lecture office, the office)."""
    user = current_user()
    return present_contest(service.create_contest(user, body), user, detail=True)


@blp.route("/contests", methods=["GET"])
@login_required
@blp.arguments(HallContestListArgs, location="query")
@blp.response(200, HallContestPageSchema)
def list_contests(args):
    """Every contest, newest first (public); ``judging=true``: those I judge."""
    user = current_user()
    page = service.list_contests(user, args)
    return dict(page, items=[present_contest(c, user) for c in page["items"]])


@blp.route("/contests/<int:contest_id>", methods=["GET"])
@login_required
@blp.response(200, HallContestDetailSchema)
def get_contest(contest_id):
    """The contest: rounds with their rules, teams, judges, and what I may do."""
    user = current_user()
    return present_contest(service.visible(user, contest_id), user, detail=True)


@blp.route("/contests/<int:contest_id>/teams", methods=["POST"])
@login_required
@blp.arguments(HallTeamCreateSchema)
@blp.response(201, HallContestTeamSchema)
def add_team(body, contest_id):
    """Add a team before the contest closes."""
    return present_team(service.add_team(current_user(), contest_id, body))


@blp.route("/contests/<int:contest_id>/judges", methods=["POST"])
@login_required
@blp.arguments(HallJudgeAppointSchema)
@blp.response(201, HallJudgeSchema)
def appoint_judge(body, contest_id):
    """Appoint a judge (one of them the head judge) before the contest closes."""
    judge = service.appoint_judge(current_user(), contest_id, body)
    return {"user_id": judge.user_id, "name": judge.user.name, "head": judge.head}


@blp.route("/contests/<int:contest_id>/results", methods=["GET"])
@login_required
@blp.response(200, HallResultsSchema)
def results(contest_id):
    """Ranks, totals and points per round (live while open, final once closed)."""
    contest = service.visible(current_user(), contest_id)
    return present_results(contest, service.standings_of(contest))


@blp.route("/contests/<int:contest_id>/entries", methods=["GET"])
@login_required
@blp.arguments(HallEntryArgs, location="query")
@blp.response(200, HallEntrySchema(many=True))
def list_entries(args, contest_id):
    """The whole entry log, corrections included (judges, the managers)."""
    user = current_user()
    contest = service.get_contest(contest_id)
    policy.require(policy.hall.may_read_entries(user, contest))
    entries = service.entries_of(contest.id)
    superseded = {e.supersedes_id for e in entries if e.supersedes_id}
    return [dict(present_entry(e), current=e.id not in superseded) for e in entries
            if (not args.get("round_id") or e.round_id == args["round_id"])
            and (not args.get("team_id") or e.team_id == args["team_id"])]


@blp.route("/contests/<int:contest_id>/entries", methods=["POST"])
@login_required
@blp.arguments(HallEntryCreateSchema)
@blp.response(201, HallEntrySchema)
@blp.alt_response(409, schema=ErrorSchema, description="score_already_recorded (details.recorded: the entry "
                  "that stands), contest_closed")
def enter_score(body, contest_id):
    """A judge records one team's answer to one question. Once per question:
    a second judge is told 409 with what was recorded."""
    return dict(present_entry(service.enter_score(current_user(), contest_id, body)), current=True)


@blp.route("/contests/<int:contest_id>/entries/<int:entry_id>/correction", methods=["POST"])
@login_required
@blp.arguments(HallCorrectionSchema)
@blp.response(201, HallEntrySchema)
@blp.alt_response(409, schema=ErrorSchema, description="entry_superseded (details.recorded), contest_closed")
def correct_score(body, contest_id, entry_id):
    """The head judge corrects an entry: a new entry supersedes it (audited)."""
    return dict(present_entry(service.correct_score(current_user(), contest_id, entry_id, body)), current=True)


@blp.route("/contests/<int:contest_id>/close", methods=["POST"])
@login_required
@blp.response(200, HallContestDetailSchema)
def close_contest(contest_id):
    """Close the contest: no more entries; the ranks are final."""
    user = current_user()
    return present_contest(service.close_contest(user, contest_id), user, detail=True)


@blp.route("/contests/<int:contest_id>/scoreboard-link", methods=["POST"])
@login_required
@blp.response(201, HallScoreboardLinkSchema)
def scoreboard_link(contest_id):
    """A link for the hall's projector: the live scoreboard, full screen, no login."""
    from app import audit
    from app.extensions import db

    user = current_user()
    contest = service.get_contest(contest_id)
    policy.require(policy.hall.may_project(user, contest))
    link = scoreboard.issue(contest, user)
    audit.record("hall.scoreboard_link", actor=user, target=contest, detail={"expires_at": link.expires_at.isoformat()})
    db.session.commit()
    return {"url": url_for("hall_projector.page", signed=link.signed, _external=True),
            "path": url_for("hall_projector.page", signed=link.signed), "expires_at": link.expires_at}


@blp.route("/projector/<string:board>/state", methods=["GET"])
@blp.response(200, HallScoreboardStateSchema)
@blp.alt_response(403, schema=ErrorSchema, description="scoreboard_link_invalid")
def scoreboard_state(board):
    """What the projector's scoreboard polls (authorised by its signed link alone)."""
    return scoreboard.state(scoreboard.open_link(board)), 200, NO_STORE


@blp.route("/contests/<int:contest_id>/results.xlsx", methods=["GET"])
@login_required
@blp.response(200, BINARY, content_type=export.MIME, description="the results workbook")
@blp.alt_response(409, schema=ErrorSchema, description="contest_open")
def results_workbook(contest_id):
    """The final results as XLSX: ranks, totals, per round, the teams' members."""
    contest = service.managed(current_user(), contest_id)
    data = export.results_workbook(contest)
    return Response(data, mimetype=export.MIME, headers={
        "Content-Disposition": export.disposition(contest, "xlsx"), **NO_STORE})


@blp.route("/contests/<int:contest_id>/teams/<int:contest_team_id>/certificate.pdf", methods=["GET"])
@login_required
@blp.response(200, BINARY, content_type="application/pdf", description="the certificate of honour")
@blp.alt_response(409, schema=ErrorSchema, description="contest_open, not_top_place")
def team_certificate(contest_id, contest_team_id):
    """The certificate of honour (荣誉证书) of a team in the award places."""
    contest = service.managed(current_user(), contest_id)
    data = certificate.team_certificate(contest, contest_team_id)
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": export.disposition(contest, "pdf", suffix=f"-{contest_team_id}"), **NO_STORE})
