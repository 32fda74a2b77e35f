from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.whistles import rollcall, roundtable_views, roundtables, service
from app.whistles.schemas import (
    AgendaCandidateSchema,
    RollCallSchema,
    RoundtableCreateSchema,
    RoundtableDetailSchema,
    RoundtableHeldSchema,
    RoundtableItemCreateSchema,
    RoundtableListArgs,
    RoundtablePageSchema,
    RoundtablePatchSchema,
    RoundtableResolutionCreateSchema,
    WhistleCancelSchema,
    WhistleCloseSchema,
    WhistleClosedSchema,
    WhistleCreateSchema,
    WhistleDetailSchema,
    WhistleListArgs,
    WhistlePageSchema,
    WhistleReportCreateSchema,
    WhistleReportSchema,
)
from app.whistles.views import present_report, present_whistle

blp = Blueprint("whistles", __name__, url_prefix="/api/v1",
                description="基层吹哨·联盟报到 (whistles, reports for duty, roll call) and 圆桌会 roundtables")


# -- whistles -----------------------------------------------------------------------------------------

@blp.route("/whistles", methods=["POST"])
@login_required
@blp.arguments(WhistleCreateSchema)
@blp.response(201, WhistleDetailSchema)
def raise_whistle(body):
    """Blow the whistle (吹哨) for a community: to chosen units or every
    active unit. Each unit's contacts get a subscription message at once;
    arrivals check in at the whistle's event (``event_id``)."""
    user = current_user()
    return present_whistle(service.raise_whistle(user, body), user, detail=True)


@blp.route("/whistles", methods=["GET"])
@login_required
@blp.arguments(WhistleListArgs, location="query")
@blp.response(200, WhistlePageSchema)
def list_whistles(args):
    """Whistles I may see, newest first: my community's (staff), those
    addressed to my unit (unit contacts), all (the office)."""
    user = current_user()
    page = service.list_whistles(user, args)
    return dict(page, items=[present_whistle(w, user) for w in page["items"]])


@blp.route("/whistles/<int:whistle_id>", methods=["GET"])
@login_required
@blp.response(200, WhistleDetailSchema)
def get_whistle(whistle_id):
    """One whistle with its units, the reports so far and the needs raised from it."""
    user = current_user()
    return present_whistle(service.get_visible(user, whistle_id), user, detail=True)


@blp.route("/whistles/<int:whistle_id>/reports", methods=["POST"])
@login_required
@blp.arguments(WhistleReportCreateSchema)
@blp.response(201, WhistleReportSchema)
@blp.alt_response(200, schema=WhistleReportSchema, description="the unit had reported: its report is updated")
def report_for_duty(body, whistle_id):
    """Report for duty (报到) for my unit: people, what it brings, when it
    arrives. Once per unit: reporting again updates the report (200)."""
    user = current_user()
    report, created = service.report_for_duty(user, whistle_id, body)
    return present_report(report, report.whistle), 201 if created else 200


@blp.route("/whistles/<int:whistle_id>/roll-call", methods=["GET"])
@login_required
@blp.response(200, RollCallSchema)
def roll_call(whistle_id):
    """The live roll call: per unit reported or not, response time, people
    promised and people of the unit checked in at the whistle's event."""
    return rollcall.roll_call(service.get_visible(current_user(), whistle_id))


@blp.route("/whistles/<int:whistle_id>/close", methods=["POST"])
@login_required
@blp.arguments(WhistleCloseSchema)
@blp.response(200, WhistleClosedSchema)
def close_whistle(body, whistle_id):
    """Close with a summary; it may raise needs and make one unit's optional project."""
    user = current_user()
    whistle, _, project = service.close_whistle(user, whistle_id, body)
    shown = present_whistle(whistle, user, detail=True)
    shown["project"] = project
    return shown


@blp.route("/whistles/<int:whistle_id>/cancel", methods=["POST"])
@login_required
@blp.arguments(WhistleCancelSchema)
@blp.response(200, WhistleDetailSchema)
def cancel_whistle(body, whistle_id):
    """Withdraw an open whistle, saying why; its event is cancelled too."""
    user = current_user()
    return present_whistle(service.cancel_whistle(user, whistle_id, body["reason"]), user, detail=True)


# -- roundtables --------------------------------------------------------------------------------------

@blp.route("/roundtables", methods=["POST"])
@login_required
@blp.arguments(RoundtableCreateSchema)
@blp.response(201, RoundtableDetailSchema)
def schedule_roundtable(body):
    """Schedule a roundtable (圆桌会) for a community (or, the office, the subdistrict)."""
    user = current_user()
    return roundtable_views.present(roundtables.schedule(user, body), user, detail=True)


@blp.route("/roundtables", methods=["GET"])
@login_required
@blp.arguments(RoundtableListArgs, location="query")
@blp.response(200, RoundtablePageSchema)
def list_roundtables(args):
    """Roundtables I may see, latest first."""
    user = current_user()
    page = roundtables.list_roundtables(user, args)
    return dict(page, items=[roundtable_views.present(r, user) for r in page["items"]])


@blp.route("/roundtables/<int:roundtable_id>", methods=["GET"])
@login_required
@blp.response(200, RoundtableDetailSchema)
def get_roundtable(roundtable_id):
    user = current_user()
    return roundtable_views.present(roundtables.get_visible(user, roundtable_id), user, detail=True)


@blp.route("/roundtables/<int:roundtable_id>", methods=["PATCH"])
@login_required
@blp.arguments(RoundtablePatchSchema)
@blp.response(200, RoundtableDetailSchema)
def update_roundtable(changes, roundtable_id):
    """Change the title, time or place, or record the minutes (会议纪要)."""
    user = current_user()
    return roundtable_views.present(roundtables.update(user, roundtable_id, changes), user, detail=True)


@blp.route("/roundtables/<int:roundtable_id>/candidates", methods=["GET"])
@login_required
@blp.response(200, AgendaCandidateSchema(many=True))
def agenda_candidates(roundtable_id):
    """Open whistles and open needs of the roundtable's community, for the agenda."""
    return roundtables.candidates(current_user(), roundtable_id)


@blp.route("/roundtables/<int:roundtable_id>/items", methods=["POST"])
@login_required
@blp.arguments(RoundtableItemCreateSchema)
@blp.response(201, RoundtableDetailSchema)
def add_agenda_item(body, roundtable_id):
    """Add an agenda item: a need, a whistle, or a topic written in."""
    user = current_user()
    return roundtable_views.present(roundtables.add_item(user, roundtable_id, body), user, detail=True)


@blp.route("/roundtables/<int:roundtable_id>/held", methods=["POST"])
@login_required
@blp.arguments(RoundtableHeldSchema)
@blp.response(200, RoundtableDetailSchema)
def mark_held(body, roundtable_id):
    """The meeting took place (planned → held), with its minutes if ready."""
    user = current_user()
    return roundtable_views.present(roundtables.mark_held(user, roundtable_id, body.get("minutes")), user,
                                    detail=True)


@blp.route("/roundtables/<int:roundtable_id>/resolutions", methods=["POST"])
@login_required
@blp.arguments(RoundtableResolutionCreateSchema)
@blp.response(201, RoundtableDetailSchema)
def add_resolution(body, roundtable_id):
    """A resolution with its owner (a unit or a person) and due date; it may
    raise a need or become the owning unit's optional project."""
    user = current_user()
    return roundtable_views.present(roundtables.add_resolution(user, roundtable_id, body), user, detail=True)
