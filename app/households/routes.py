"""/api/v1/households: households, pairing, the 联户记录本, coverage, export.

Every GET that shows a household's personal fields writes its audit rows
(app/households/audit.py) and nothing else. The party member's own calls
(/me/households, /me/contact-card, messages) are in me_routes.py.
"""
from flask import Response
from flask_smorest import Blueprint
from sqlalchemy import func, select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError, invalid
from app.extensions import db
from app.households import coverage, export, service, views
from app.households.audit import record_reads
from app.households.schemas import (
    CoverageArgs,
    CoverageSchema,
    ExportArgs,
    HouseholdCreateSchema,
    HouseholdListArgs,
    HouseholdPageSchema,
    HouseholdSchema,
    HouseholdUpdateSchema,
    PageArgs,
    PairingSchema,
    PairSchema,
    UnpairSchema,
    VisitCreateSchema,
    VisitPageSchema,
    VisitSchema,
)
from app.models import Grid, Household, HouseholdPairing, HouseholdVisit

BINARY = {"type": "string", "format": "binary"}
blp = Blueprint("households", __name__, url_prefix="/api/v1",
                description="党员联户: households, pairing with party members, 联户证, 联户记录本, coverage")
HIDDEN = "household_not_found: no such household, or not theirs to read"


def readable_household(household_id, user):
    """The household, or 404 when ``user`` may not know it exists."""
    household = db.session.get(Household, household_id)
    if household is None or not policy.households.may_read(user, household):
        raise service.fail("household_not_found")
    return household


def _detail(household, user):
    db.session.expire_all()
    household = db.session.get(Household, household.id)
    (view,) = views.household_views([household], user, detail=True)
    record_reads(user, [household], "detail")
    return view


def _readable_query(user, args):
    query = select(Household).where(policy.households.readable_clause(user))
    for key, column in (("grid_id", Household.grid_id), ("community_id", Household.community_id),
                        ("status", Household.status)):
        if args.get(key) is not None:
            query = query.where(column == args[key])
    if args.get("paired") is not None:
        paired = select(HouseholdPairing.household_id).where(HouseholdPairing.ended_at.is_(None))
        query = query.where(Household.id.in_(paired) if args["paired"] else Household.id.not_in(paired))
    return query


@blp.route("/households", methods=["POST"])
@login_required
@blp.arguments(HouseholdCreateSchema)
@blp.response(201, HouseholdSchema)
def create_household(body):
    """Add a household to a grid (its grid workers, the community's staff, the office)."""
    user = current_user()
    grid = db.session.get(Grid, body["grid_id"])
    if grid is None:
        raise invalid("grid_id", "网格不存在")
    policy.require(policy.households.may_add_in(user, grid))
    household = service.create_household(user, grid, address=body["address"], members=body.get("members") or [],
                                         notes=body.get("notes"))
    return _detail(household, user)


@blp.route("/households", methods=["GET"])
@login_required
@blp.arguments(HouseholdListArgs, location="query")
@blp.response(200, HouseholdPageSchema)
def list_households(args):
    """Households I may read (each row shown is audited as a read)."""
    user = current_user()
    query = _readable_query(user, args)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = db.session.execute(query.order_by(Household.grid_id, Household.address, Household.id)
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    items = views.household_views(page, user)
    record_reads(user, page, "list", listed=True)
    return {"items": items, "total": total, "limit": args["limit"], "offset": args["offset"]}


@blp.route("/households/export.xlsx", methods=["GET"])
@login_required
@blp.arguments(ExportArgs, location="query")
@blp.response(200, BINARY, description="the households I may read, one row per member (each household audited)",
              content_type=coverage.MIME)
def export_households(args):
    """Export the households I may read (grid workers, staff, the office)."""
    user = current_user()
    policy.require(policy.is_admin(user) or policy.staffed_community_ids(user) or policy.grid_ids_worked(user))
    households = db.session.execute(_readable_query(user, {**args, "status": "active"})
                                    .order_by(Household.grid_id, Household.address, Household.id)).scalars().all()
    data = export.workbook(views.household_views(households, user))
    record_reads(user, households, "export", listed=True)
    return Response(data, mimetype=coverage.MIME,
                    headers={"Content-Disposition": "attachment; filename=households.xlsx"})


@blp.route("/households/coverage", methods=["GET"])
@login_required
@blp.arguments(CoverageArgs, location="query")
@blp.response(200, CoverageSchema)
def household_coverage(args):
    """联户覆盖: per community and grid, for the community's staff and the office."""
    return coverage.coverage(_coverage_ids(args))


@blp.route("/households/coverage.xlsx", methods=["GET"])
@login_required
@blp.arguments(CoverageArgs, location="query")
@blp.response(200, BINARY, description="the coverage figures as a workbook", content_type=coverage.MIME)
def household_coverage_xlsx(args):
    data = coverage.workbook(coverage.coverage(_coverage_ids(args)))
    return Response(data, mimetype=coverage.MIME,
                    headers={"Content-Disposition": "attachment; filename=household-coverage.xlsx"})


def _coverage_ids(args):
    user = current_user()
    if args.get("community_id") is not None:
        policy.require(policy.households.may_see_coverage(user, args["community_id"]))
        return [args["community_id"]]
    ids = policy.households.coverage_community_ids(user)
    policy.require(ids is None or bool(ids))
    return ids


@blp.route("/households/<int:household_id>", methods=["GET"])
@login_required
@blp.response(200, HouseholdSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def get_household(household_id):
    """A household's record (the read is audited)."""
    user = current_user()
    return _detail(readable_household(household_id, user), user)


@blp.route("/households/<int:household_id>", methods=["PATCH"])
@login_required
@blp.arguments(HouseholdUpdateSchema)
@blp.response(200, HouseholdSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def update_household(body, household_id):
    """Edit a household or archive it (its grid workers, the community's staff, the office)."""
    user = current_user()
    household = readable_household(household_id, user)
    policy.require(policy.households.may_edit(user, household))
    return _detail(service.update_household(user, household, body), user)


@blp.route("/households/<int:household_id>/pairing", methods=["PUT"])
@login_required
@blp.arguments(PairSchema)
@blp.response(200, PairingSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
@blp.alt_response(409, schema="Error", description="household_paired (send replace) or household_archived")
def pair_household(body, household_id):
    """Pair the household with a confirmed party member (the community's staff, the office)."""
    user = current_user()
    household = readable_household(household_id, user)
    policy.require(policy.households.may_pair(user, household))
    pairing = service.pair(user, household.id, body["party_member_id"], replace=body["replace"])
    return views.pairing_view(db.session.get(HouseholdPairing, pairing.id))


@blp.route("/households/<int:household_id>/pairing", methods=["DELETE"])
@login_required
@blp.arguments(UnpairSchema)
@blp.response(200, PairingSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def unpair_household(body, household_id):
    """End the household's pairing (the community's staff, the office)."""
    user = current_user()
    household = readable_household(household_id, user)
    policy.require(policy.households.may_pair(user, household))
    ended = service.unpair(user, household.id, body.get("reason"))
    return views.pairing_view(db.session.get(HouseholdPairing, ended.id))


@blp.route("/households/<int:household_id>/visits", methods=["GET"])
@login_required
@blp.arguments(PageArgs, location="query")
@blp.response(200, VisitPageSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def list_visits(args, household_id):
    """The household's 联户记录本, newest first (the read is audited)."""
    user = current_user()
    household = readable_household(household_id, user)
    query = select(HouseholdVisit).where(HouseholdVisit.household_id == household.id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(HouseholdVisit.visited_on.desc(), HouseholdVisit.id.desc())
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    items = [views.visit_view(v) for v in rows]
    record_reads(user, [household], "visits")
    return {"items": items, "total": total, "limit": args["limit"], "offset": args["offset"]}


@blp.route("/households/<int:household_id>/visits", methods=["POST"])
@login_required
@blp.arguments(VisitCreateSchema)
@blp.response(201, VisitSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def log_visit(body, household_id):
    """记一次走访: the paired party member logs a visit, call or WeChat talk;
    ``need`` puts what was found on the alliance's 需求清单, ``report``
    files it as a 随手拍 work order of the household's grid."""
    user = current_user()
    household = readable_household(household_id, user)
    if not policy.households.may_log_visit(user, household):
        raise APIError("forbidden", "只有该户的联户党员可以记录走访")
    visit = service.log_visit(user, household, visited_on=body["visited_on"], kind=body["kind"],
                              discussed=body["discussed"], needs_found=body.get("needs_found"),
                              need=body.get("need"), report=body.get("report"))
    return views.visit_view(db.session.get(HouseholdVisit, visit.id))


from app.households import me_routes  # noqa: E402,F401  (adds the party member's routes to blp)
