"""/api/v1/hours/records: the console's review queue and bulk decisions."""
from flask_smorest import Blueprint

from app.auth.permissions import current_user, roles_required
from app.auth.roles import STAFF
from app.hours import review
from app.hours.review_schemas import BulkDecisionResultSchema, BulkDecisionSchema, ReviewListArgs, ReviewPageSchema
from app.hours.routes import staff_view

blp = Blueprint("hours_review", __name__, url_prefix="/api/v1/hours/records",
                description="Reviewing service hours from the desk console")


@blp.route("", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(ReviewListArgs, location="query")
@blp.response(200, ReviewPageSchema)
def waiting_records(args):
    """Records waiting for review (or of one ``status``) across the events I manage, newest events first."""
    found, total = review.list_waiting(current_user(), args["limit"], args["offset"], status=args.get("status"),
                                       event_id=args.get("event_id"), community_id=args.get("community"))
    return {"items": [staff_view(r) for r in found], "total": total}


@blp.route("/bulk", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(BulkDecisionSchema)
@blp.response(200, BulkDecisionResultSchema)
@blp.alt_response(422, schema="Error", description="reason_required")
def bulk_decide(body):
    """Approve or reject many records; each is decided on its own and answered on its own."""
    return {"results": review.bulk(current_user(), body["action"], body["record_ids"], body.get("reason"))}
