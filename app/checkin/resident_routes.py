"""Check-in for people who cannot scan: the organiser scans the resident's
code (live, or offline and uploaded in batches), and a family member checks
an elder in with the elder's consent (家属代签)."""
from flask_smorest import Blueprint

from app.auth import policy
from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.checkin import batch, service, throttle
from app.checkin.resident_scan import check_in_by_code, person_label
from app.checkin.resident_schemas import (
    BatchResultSchema,
    BatchSchema,
    FamilyCheckinSchema,
    ResidentScanResultSchema,
    ResidentScanSchema,
)
from app.checkin.routes import managed_event
from app.checkin.schemas import CheckinResultSchema
from app.schemas import ErrorSchema

blp = Blueprint("resident_checkin", __name__, url_prefix="/api/v1",
                description="Check-in for people who cannot scan: resident codes, offline batches, family")


@blp.route("/events/<int:event_id>/checkins/resident-code", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ResidentScanSchema)
@blp.response(200, ResidentScanResultSchema, description="already_checked_in / already_checked_out")
@blp.alt_response(201, schema=ResidentScanResultSchema, description="checked_in / checked_out", success=True)
@blp.alt_response(400, schema=ErrorSchema, description="resident_code_invalid, resident_code_expired")
@blp.alt_response(403, schema=ErrorSchema, description="out_of_scope, not_registered")
@blp.alt_response(409, schema=ErrorSchema, description="card_revoked, event_not_open, event_closed, "
                                                        "event_cancelled, event_full, not_checked_in")
def scan_resident_code(body, event_id):
    """Check a resident in or out by scanning their 居民码 or 居民卡 (the
    organiser's phone scans). Same rules and exactly-once as a resident's own
    scan; recorded as method resident_code, by this organiser."""
    event = managed_event(event_id)
    result, person = check_in_by_code(current_user(), event.id, body["code"], body["direction"])
    answer = {**result.__dict__, "person_name": person_label(person)}
    return answer, 201 if result.created else 200


@blp.route("/events/<int:event_id>/checkins/batch", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(BatchSchema)
@blp.response(200, BatchResultSchema)
@blp.alt_response(403, schema=ErrorSchema, description="out_of_scope")
@blp.alt_response(413, schema=ErrorSchema, description="batch_too_large (nothing applied)")
def upload_batch(body, event_id):
    """Upload scans of residents' codes made offline. Each item is applied
    exactly once by its nonce and judged by the time it was scanned; every
    item gets its own answer (recorded, already, refused and why, invalid)."""
    event = managed_event(event_id)
    answers = batch.apply(current_user(), event, body["items"])
    counts = {status: sum(1 for a in answers if a.status == status)
              for status in ("recorded", "already", "refused", "invalid")}
    return {"items": [a.__dict__ for a in answers], **counts}


@blp.route("/checkins/family", methods=["POST"])
@login_required
@blp.arguments(FamilyCheckinSchema)
@blp.response(200, CheckinResultSchema, description="already_checked_in / already_checked_out")
@blp.alt_response(201, schema=CheckinResultSchema, description="checked_in / checked_out", success=True)
@blp.alt_response(403, schema=ErrorSchema, description="proxy_not_allowed, outside_area, not_registered")
def family_checkin(body):
    """Check a family member in or out on their behalf (家属代签), by the
    event's code or poster like one's own scan. Only with their consent (a
    live family link); recorded as method proxy, by the one who scanned."""
    family = current_user()
    policy.require(policy.residents.may_check_in_for(family, body["elder_id"]), "proxy_not_allowed")
    throttle.count_scan(family.id)
    result = service.scan(body["elder_id"], token=body.get("token"), scene=body.get("scene"),
                          event_id=body.get("event_id"), latitude=body.get("latitude"),
                          longitude=body.get("longitude"), proxy_by=family.id)
    return result, 201 if result.created else 200
