from flask_smorest import Blueprint

from app.auth.permissions import current_user, roles_required
from app.auth.roles import STAFF
from app.notices import compose, service
from app.notices.schemas import (
    ComposeSchema,
    CreateNoticeSchema,
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
@blp.response(200, NoticeSchema(many=True))
def list_notices(args):
    """Notices I may see, newest first, with live counts."""
    return service.list_notices(current_user(), limit=args["limit"], before_id=args.get("before_id"))


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


@blp.route("/<int:notice_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
@blp.response(200, NoticeSchema)
def cancel(notice_id):
    """Cancel a scheduled notice, or stop the recipients not yet sent to."""
    notice = service.visible_notice(current_user(), notice_id)
    return service.describe(service.cancel_notice(current_user(), notice))
