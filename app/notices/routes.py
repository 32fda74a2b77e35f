from flask_smorest import Blueprint

from app.auth.permissions import current_user, roles_required
from app.auth.roles import STAFF
from app import paging
from app.notices import compose, deliveries, service
from app.notices.schemas import (
    ComposeSchema,
    CreateNoticeSchema,
    DeliveryListArgs,
    DeliveryPageSchema,
    NoticeListArgs,
    NoticeSchema,
    PreviewSchema,
    ReportSchema,
)

blp = Blueprint("notices", __name__, url_prefix="/api/v1/notices",
                description="Notices organisers push as WeChat subscription messages")


@blp.route("/preview", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ComposeSchema)
@blp.response(200, PreviewSchema)
def preview(body):
    """What would go out and to whom: values as sent (with any shortening),
    recipients, how many allow a message, how many will be skipped and why."""
    return compose.preview(current_user(), body)


@blp.route("", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(CreateNoticeSchema)
@blp.response(201, NoticeSchema)
def create(body):
    """Send a notice now, or at ``send_at``."""
    return service.describe(service.create_notice(current_user(), body))


@blp.route("", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(NoticeListArgs, location="query")
@blp.response(200, NoticeSchema(many=True), headers=paging.TOTAL_HEADER_DOC)
def list_notices(args):
    """Notices I may see, newest first, with live counts; the count in X-Total-Count."""
    return paging.with_total(*service.list_notices(current_user(), **args))


@blp.route("/<int:notice_id>", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, NoticeSchema)
def get(notice_id):
    """One notice with live counts while it sends."""
    return service.describe(service.visible_notice(current_user(), notice_id))


@blp.route("/<int:notice_id>/report", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, ReportSchema)
def report(notice_id):
    """The delivery report: counts, skip reasons, WeChat error codes, who was not reached."""
    return service.report(service.visible_notice(current_user(), notice_id))


@blp.route("/<int:notice_id>/deliveries", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(DeliveryListArgs, location="query")
@blp.response(200, DeliveryPageSchema)
def list_deliveries(args, notice_id):
    """The report's rows: every recipient with their state, a page at a time."""
    return deliveries.list_deliveries(service.visible_notice(current_user(), notice_id), **args)


@blp.route("/<int:notice_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
@blp.response(200, NoticeSchema)
def cancel(notice_id):
    """Cancel a scheduled notice, or stop the recipients not yet sent to."""
    notice = service.visible_notice(current_user(), notice_id)
    return service.describe(service.cancel_notice(current_user(), notice))
