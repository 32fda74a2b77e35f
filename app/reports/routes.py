"""/api/v1/reports (随手拍) and /api/v1/work-orders (工单): filing, following,
working and escalating, and the month's figures."""
from urllib.parse import quote

from flask import Response
from flask_smorest import Blueprint
from sqlalchemy import func, select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError
from app.extensions import db
from app.files import service as files
from app.models import User, WorkOrder, utcnow
from app.reports import alliance, deadlines, figures, figures_files, moves, rules, service, views
from app.reports.schemas import (
    ReportCategorySchema,
    WorkOrderCloseSchema,
    ReportFiguresArgs,
    ReportFiguresSchema,
    NeedFromOrderSchema,
    WorkOrderProgressSchema,
    WorkOrderRatingSchema,
    WorkOrderReasonSchema,
    WorkOrderRejectSchema,
    ReportCreateSchema,
    WorkOrderNoteSchema,
    WhistleFromOrderSchema,
    WorkOrderListArgs,
    WorkOrderPageSchema,
    WorkOrderSchema,
    WorkOrderStepSchema,
)

blp = Blueprint("reports", __name__, url_prefix="/api/v1",
                description="随手拍 → 工单: reports become grid work orders that escalate grid → community → office")
PHOTO_PURPOSE = "report_photo"
BINARY = {"schema": {"type": "string", "format": "binary"}}
FIGURE_FILES = {"responses": {"200": {"description": "JSON; an XLSX with format=xlsx, a PNG chart with format=png",
                                      "content": {"application/json": {"schema": ReportFiguresSchema},
                                                  figures_files.XLSX_MIME: BINARY, "image/png": BINARY}}}}


def _visible(work_order_id, user):
    """The order, or 404 when ``user`` may not know it exists."""
    order = db.session.get(WorkOrder, work_order_id)
    if order is None or not policy.reports.may_see(user, order):
        raise APIError("work_order_not_found")
    return order


def _attach(user, ids):
    ids = list(dict.fromkeys(ids or ()))
    return [u.id for u in files.attachable_uploads(user, ids, PHOTO_PURPOSE)] if ids else []


def _shown(order, user):
    db.session.expire_all()
    return views.order_view(db.session.get(WorkOrder, order.id), user)


@blp.route("/reports", methods=["POST"])
@login_required
@blp.arguments(ReportCreateSchema)
@blp.response(201, WorkOrderSchema)
@blp.alt_response(422, schema="Error", description="validation_failed / report_outside_subdistrict")
def file_report(body):
    """随手拍: report a problem with photos, category, location and a
    description; the grid holding the location gets it as a work order."""
    user = current_user()
    order = service.file_report(
        user, category=body["category"], description=body["description"], latitude=body["latitude"],
        longitude=body["longitude"], place=body.get("place"), photo_ids=_attach(user, body["photo_ids"]),
        source=body["source"], source_ref=body.get("source_ref"))
    db.session.commit()
    return views.order_view(order, user)


@blp.route("/reports/categories", methods=["GET"])
@login_required
@blp.response(200, ReportCategorySchema(many=True))
def categories():
    """The categories to choose from, with each level's deadline in hours."""
    return [{"value": value, "label": label,
             "hours": {level: deadlines.hours_for(value, level) for level in deadlines.LEVELS}}
            for value, label in rules.CATEGORIES.items()]


@blp.route("/work-orders", methods=["GET"])
@login_required
@blp.arguments(WorkOrderListArgs, location="query")
@blp.response(200, WorkOrderPageSchema)
def list_orders(args):
    """Work orders I may see, newest first: ``scope=mine`` my reports,
    ``scope=todo`` those at my level for me to act on (我的工单)."""
    user = current_user()
    now = utcnow()
    query = select(WorkOrder).where(policy.reports.visible_clause(user))
    if args["scope"] == "mine":
        query = query.where(WorkOrder.reporter_id == user.id)
    elif args["scope"] == "todo":
        query = query.where(policy.reports.acting_clause(user), WorkOrder.status.in_(rules.OPEN))
    for key in ("status", "level", "community_id", "grid_id"):
        if args.get(key) is not None:
            query = query.where(getattr(WorkOrder, key) == args[key])
    if args["overdue"]:
        query = query.where(WorkOrder.status.in_(rules.OPEN), WorkOrder.due_at < now)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    order_by = (WorkOrder.due_at, WorkOrder.id) if args["scope"] == "todo" else (WorkOrder.id.desc(),)
    page = db.session.execute(query.order_by(*order_by).limit(args["limit"]).offset(args["offset"])).scalars()
    return {"items": [views.order_view(o, user, now) for o in page], "total": total, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/work-orders/<int:work_order_id>", methods=["GET"])
@login_required
@blp.response(200, WorkOrderSchema)
@blp.alt_response(404, schema="Error", description="work_order_not_found: no such order, or not mine to see")
def get_order(work_order_id):
    """One work order: for its reporter, its grid's workers, its community's staff and the office."""
    user = current_user()
    return views.order_view(_visible(work_order_id, user), user)


@blp.route("/work-orders/<int:work_order_id>/timeline", methods=["GET"])
@login_required
@blp.response(200, WorkOrderStepSchema(many=True))
def order_timeline(work_order_id):
    """Every step, oldest first: who, when, at which level, why."""
    user = current_user()
    order = _visible(work_order_id, user)
    steps = service.steps_of(order.id)
    ids = {s.actor_id for s in steps if s.actor_id}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}
    return [views.step_view(s, names) for s in steps]


def _level_step(work_order_id, action, **kwargs):
    user = current_user()
    order = _visible(work_order_id, user)
    policy.require(policy.reports.may_act(user, order))
    if kwargs.get("photo_ids"):
        kwargs["photo_ids"] = _attach(user, kwargs["photo_ids"])
    return _shown(moves.move(user, order.id, action, **kwargs), user)


def _reporter_step(work_order_id, action, **kwargs):
    user = current_user()
    order = _visible(work_order_id, user)
    policy.require(policy.reports.may_follow(user, order))
    return _shown(moves.move(user, order.id, action, **kwargs), user)


@blp.route("/work-orders/<int:work_order_id>/accept", methods=["POST"])
@login_required
@blp.arguments(WorkOrderNoteSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_taken: someone accepted it first")
def accept_order(body, work_order_id):
    """受理: a worker of the order's level takes it on; of two at once, one wins."""
    return _level_step(work_order_id, "accept", note=body.get("note"))


@blp.route("/work-orders/<int:work_order_id>/progress", methods=["POST"])
@login_required
@blp.arguments(WorkOrderProgressSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_accepted")
def order_progress(body, work_order_id):
    """处理进展: a step with a note and photos."""
    return _level_step(work_order_id, "progress", note=body["note"], photo_ids=body["photo_ids"])


@blp.route("/work-orders/<int:work_order_id>/close", methods=["POST"])
@login_required
@blp.arguments(WorkOrderCloseSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_accepted")
def close_order(body, work_order_id):
    """办结 with evidence (a note and photos); the reporter is told (随手拍办结通知)."""
    return _level_step(work_order_id, "close", note=body["note"], photo_ids=body["photo_ids"])


@blp.route("/work-orders/<int:work_order_id>/escalate", methods=["POST"])
@login_required
@blp.arguments(WorkOrderReasonSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_open / work_order_top_level")
def escalate_order(body, work_order_id):
    """上报: the grid cannot solve it, so the community gets it (the community: the office)."""
    return _level_step(work_order_id, "escalate", note=body["reason"])


@blp.route("/work-orders/<int:work_order_id>/reject", methods=["POST"])
@login_required
@blp.arguments(WorkOrderRejectSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_open")
def reject_order(body, work_order_id):
    """不予受理: not a problem, or a duplicate (of ``duplicate_of_id``), with the reason."""
    duplicate = body.get("duplicate_of_id")
    if duplicate is not None and (duplicate == work_order_id or db.session.get(WorkOrder, duplicate) is None):
        raise APIError("validation_failed", "重复的工单编号不正确",
                       details={"json": {"duplicate_of_id": ["重复的工单编号不正确"]}})
    return _level_step(work_order_id, "reject", note=body.get("note"), reject_reason=body["reason"],
                       duplicate_of_id=duplicate)


@blp.route("/work-orders/<int:work_order_id>/whistle", methods=["POST"])
@login_required
@blp.arguments(WhistleFromOrderSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_wrong_level / work_order_linked / work_order_not_open")
def whistle_order(body, work_order_id):
    """吹哨: the community calls the alliance's units; a whistle is raised and linked."""
    user = current_user()
    order = _visible(work_order_id, user)
    policy.require(policy.reports.may_act(user, order))
    return _shown(alliance.whistle_for(user, order.id, body), user)


@blp.route("/work-orders/<int:work_order_id>/need", methods=["POST"])
@login_required
@blp.arguments(NeedFromOrderSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_wrong_level / work_order_linked / work_order_not_open")
def need_from_order(body, work_order_id):
    """派单: the community turns the order into a need (需求清单) for the units; linked."""
    user = current_user()
    order = _visible(work_order_id, user)
    policy.require(policy.reports.may_act(user, order))
    return _shown(alliance.need_for(user, order.id, body), user)


@blp.route("/work-orders/<int:work_order_id>/rating", methods=["POST"])
@login_required
@blp.arguments(WorkOrderRatingSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_closed / work_order_already_rated")
def rate_order(body, work_order_id):
    """评价: the reporter gives 1–5 stars and a comment, once per close."""
    return _reporter_step(work_order_id, "rate", rating=body["rating"], note=body.get("comment"))


@blp.route("/work-orders/<int:work_order_id>/reopen", methods=["POST"])
@login_required
@blp.arguments(WorkOrderReasonSchema)
@blp.response(200, WorkOrderSchema)
@blp.alt_response(409, schema="Error", description="work_order_not_finished / work_order_reopen_window_passed")
def reopen_order(body, work_order_id):
    """重新办理: not solved after all; within 7 days of the close the reporter reopens it."""
    return _reporter_step(work_order_id, "reopen", note=body["reason"])


@blp.route("/reports/figures", methods=["GET"])
@login_required
@blp.arguments(ReportFiguresArgs, location="query")
@blp.response(200, ReportFiguresSchema)
@blp.doc(**FIGURE_FILES)
def report_figures(args):
    """小事不出网格: the month's figures per grid and community (staff, grid workers, the office);
    ``format=xlsx`` a workbook, ``format=png`` a chart."""
    user = current_user()
    policy.require(policy.reports.may_read_figures(user))
    found = figures.figures(user, args.get("month"), args.get("community_id"))
    name = f"随手拍统计_{found['month']}"
    if args["format"] == "xlsx":
        return _download(figures_files.figures_xlsx(found), figures_files.XLSX_MIME, f"{name}.xlsx")
    if args["format"] == "png":
        return Response(figures_files.figures_chart(found), mimetype="image/png")
    return found


def _download(data, mimetype, name):
    extension = name.rsplit(".", 1)[1]
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=figures.{extension}; filename*=UTF-8''{quote(name)}"})
