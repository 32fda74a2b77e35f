"""Yearly reports, the ranking and 双向评价, on the units blueprint."""
from urllib.parse import quote

from flask import Response

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.units import charts, ratings, report, report_files
from app.units.list_schemas import CommunityAveragesSchema, CommunityRatingInSchema, CommunityRatingSchema, YearArgs
from app.units.projects import current_year
from app.units.report_schemas import RankingArgs, RankingSchema, ReportArgs, UnitReportSchema
from app.units.routes import blp
from app.units.service import get_unit

BINARY = {"schema": {"type": "string", "format": "binary"}}
# The 200 answer is JSON, or a file when ``format`` asks for one: every content type documented.
FILES = {"responses": {"200": {"description": "the report; XLSX or PDF with format=xlsx / pdf", "content": {
    "application/json": {"schema": UnitReportSchema}, report_files.XLSX_MIME: BINARY, "application/pdf": BINARY}}}}
PNG = {"responses": {"200": {"description": "the ranking; a bar chart with format=png", "content": {
    "application/json": {"schema": RankingSchema}, "image/png": BINARY}}}}


def _download(data, mimetype, name):
    """A download whose Chinese file name survives every browser (RFC 6266)."""
    extension = name.rsplit(".", 1)[1]
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=report.{extension}; filename*=UTF-8''{quote(name)}"})


@blp.route("/units/<int:unit_id>/report", methods=["GET"])
@login_required
@blp.arguments(ReportArgs, location="query")
@blp.response(200, UnitReportSchema)
@blp.doc(**FILES)
def unit_report(args, unit_id):
    """A unit's yearly fulfilment: duties, whistles, projects, events, hours, ratings
    (its own people and the office); ``format=xlsx`` or ``pdf`` for a file to print."""
    unit = get_unit(unit_id)
    policy.require(policy.units.may_read_report(current_user(), unit))
    found = report.yearly_report(unit, args.get("year") or current_year())
    name = report_files.title_of(found)
    if args["format"] == "xlsx":
        return _download(report_files.report_xlsx(found), report_files.XLSX_MIME, f"{name}.xlsx")
    if args["format"] == "pdf":
        return _download(report_files.report_pdf(found), "application/pdf", f"{name}.pdf")
    return found


@blp.route("/units/ranking", methods=["GET"])
@login_required
@blp.arguments(RankingArgs, location="query")
@blp.response(200, RankingSchema)
@blp.doc(**PNG)
def units_ranking(args):
    """All units ranked by the year's points (the office and community staff); ``format=png`` draws it."""
    policy.require(policy.units.may_see_ranking(current_user()))
    found = report.ranking(args.get("year") or current_year())
    if args["format"] == "png":
        return Response(charts.ranking_chart(found), mimetype="image/png")
    return found


@blp.route("/units/<int:unit_id>/community-ratings", methods=["POST"])
@login_required
@blp.arguments(CommunityRatingInSchema)
@blp.response(200, CommunityRatingSchema)
@blp.alt_response(409, schema="Error", description="community_not_worked_with / rating_year_closed")
def rate_community(body, unit_id):
    """双向评价: the unit rates a community it worked with this year (again: the rating is replaced)."""
    return ratings.rate(current_user(), get_unit(unit_id), body["community_id"], body["stars"], body.get("comment"))


@blp.route("/community-ratings", methods=["GET"])
@login_required
@blp.arguments(YearArgs, location="query")
@blp.response(200, CommunityAveragesSchema)
def community_averages(args):
    """Communities by the units' average rating of them, beside the average rating of the duties done there (the office)."""
    return ratings.community_averages(current_user(), args.get("year") or current_year())
