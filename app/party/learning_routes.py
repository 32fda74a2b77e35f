"""The party learning record: mine, and a branch's (JSON or XLSX)."""
from urllib.parse import quote

from flask import Response

from app.auth.permissions import current_user, login_required
from app.localtime import local
from app.models import utcnow
from app.party import export, learning, membership
from app.party.routes import _reviewable_branch, blp
from app.party.schemas import PartyBranchLearningArgs, PartyBranchLearningSchema, LearningRecordSchema, PartyYearArgs

BINARY = {"type": "string", "format": "binary"}


def _year(args):
    return args.get("year") or local(utcnow()).year


@blp.route("/me/learning", methods=["GET"])
@login_required
@blp.arguments(PartyYearArgs, location="query")
@blp.response(200, LearningRecordSchema)
def my_learning(args):
    """My learning record of a year: lectures and party days attended, hours
    (and per year), and the other areas' sections (online learning, contests)."""
    user = current_user()
    return learning.record(user, membership.of_user(user.id), _year(args))


@blp.route("/party/branches/<int:branch_id>/learning", methods=["GET"])
@login_required
@blp.arguments(PartyBranchLearningArgs, location="query")
@blp.response(200, PartyBranchLearningSchema, description="format=json (default)")
@blp.alt_response(200, schema=BINARY, content_type=export.MIME, success=True)
@blp.alt_response(403, schema="Error", description="out_of_scope: not this branch's organiser")
def branch_learning(args, branch_id):
    """The branch's confirmed members' learning records of a year, for its
    organisers: a page of JSON, or every member as an XLSX workbook."""
    _, branch = _reviewable_branch(branch_id)
    year = _year(args)
    if args["format"] == "json":
        rows, total, titles = learning.branch_rows(branch.id, year, args["limit"], args["offset"])
        return {"year": year, "branch": {"id": branch.id, "name": branch.name}, "section_titles": titles,
                "items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}
    chunks, _ = export.stream(branch, year)
    name = f"{branch.name}-{year}年学习档案.xlsx"
    disposition = f"attachment; filename=\"learning-{branch.id}-{year}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return Response(chunks, mimetype=export.MIME, direct_passthrough=True,
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})
