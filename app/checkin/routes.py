"""Check-in endpoints: scanning, the QR codes an organiser shows, the poster,
the projector link and check-in by hand."""
from datetime import datetime, timezone

from flask import Response, current_app, jsonify, request, url_for
from flask_smorest import Blueprint
from marshmallow import ValidationError

from app.auth import policy
from app.auth.permissions import current_user, current_user_id, login_id_required, roles_required
from app.auth.roles import STAFF
from app.checkin import manual, poster, projector, qr, service, throttle, tokens
from app.checkin.schemas import (
    CheckinRequestSchema,
    CheckinResultSchema,
    ManualCheckinSchema,
    ProjectorLinkSchema,
    ProjectorStateSchema,
    PurposeArgs,
    QrcodeArgs,
    QrcodeSchema,
)
from app.errors import APIError
from app.extensions import db, limiter
from app.localtime import iso
from app.models import Event
from app.schemas import MAX_ID, ErrorSchema

blp = Blueprint("checkin", __name__, url_prefix="/api/v1", description="QR check-in and check-out")

NO_STORE = {"Cache-Control": "no-store"}
BINARY = {"type": "string", "format": "binary"}
TEXT = {"type": "string"}


def managed_event(event_id):
    """The event, if the signed-in organiser manages its host (404 / 403 otherwise)."""
    event = db.session.get(Event, event_id) if event_id <= MAX_ID else None
    if event is None:
        raise APIError("not_found", "活动不存在")
    policy.require(policy.events.may_manage(current_user(), event))
    return event


def _scan_response(result):
    return result, 201 if result.created else 200


@limiter.request_filter
def _scans_are_counted_by_throttle():
    # Flask-Limiter's default limit costs three Redis round trips and some
    # bookkeeping per request; throttle.count_scan does the job in one.
    return request.endpoint == "checkin.scan"


def _error_doc(description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


SCAN_REQUEST = CheckinRequestSchema()
SCAN_RESULT = CheckinResultSchema()


def _scan_body():
    """The scan's JSON, checked by CheckinRequestSchema exactly as
    ``@blp.arguments`` would (same 422 shape), minus webargs' per-request
    machinery on the busiest endpoint of the day."""
    data = request.get_json(silent=True)
    try:
        return SCAN_REQUEST.load(data if data is not None else {})
    except ValidationError as exc:
        raise APIError("validation_failed", details={"json": exc.messages}) from None


@blp.route("/checkins", methods=["POST"])
@login_id_required
@blp.response(200, CheckinResultSchema, description="already_checked_in / already_checked_out: the row was there")
# Documented as plain OpenAPI rather than with alt_response: every
# alt_response adds a wrapper that runs on each request of this endpoint.
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": CheckinRequestSchema}}},
         responses={
             201: {"description": "checked_in / checked_out: a new row",
                   "content": {"application/json": {"schema": CheckinResultSchema}}},
             400: _error_doc("token_expired, token_invalid"),
             403: _error_doc("outside_area, not_registered"),
             409: _error_doc("event_not_open, event_closed, event_cancelled, event_full, not_checked_in, "
                            "event_location_missing (a poster scan for an event without a location)"),
             422: _error_doc("validation_failed, location_required"),
             429: _error_doc("rate_limited (CHECKIN_SCAN_LIMIT a minute)"),
         })
def scan():
    """Check in or out by the on-screen code (``token``) or a poster (``scene``).

    Exactly once per (event, person, direction): scanning again, or a retry
    after a lost answer, is answered ``already_checked_in`` with the original
    time. A poster scan needs the phone's latitude and longitude."""
    body = _scan_body()
    user_id = current_user_id()
    throttle.count_scan(user_id)
    result = service.scan(user_id, token=body.get("token"), scene=body.get("scene"),
                          event_id=body.get("event_id"), latitude=body.get("latitude"),
                          longitude=body.get("longitude"))
    response = jsonify(SCAN_RESULT.dump(result))
    response.status_code = 201 if result.created else 200
    return response


@blp.route("/events/<int:event_id>/checkins", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ManualCheckinSchema)
@blp.response(200, CheckinResultSchema, description="the person already had this check-in")
@blp.alt_response(201, schema=CheckinResultSchema, description="recorded", success=True)
@blp.alt_response(403, schema=ErrorSchema, description="out_of_scope")
@blp.alt_response(404, schema=ErrorSchema, description="not_found, user_not_found")
@blp.alt_response(409, schema=ErrorSchema, description="event_not_open, event_cancelled, not_checked_in")
def manual_checkin(body, event_id):
    """Check a resident in or out by hand (by user id, or by phone; a phone
    with a name registers a resident who has no WeChat account). Audited."""
    event = managed_event(event_id)
    organiser = current_user()
    person = manual.resident(organiser, event, user_id=body.get("user_id"), phone=body.get("phone"),
                             name=body.get("name"))
    return _scan_response(manual.record(event, person, body["direction"], organiser, note=body.get("note")))


@blp.route("/events/<int:event_id>/qrcode", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(QrcodeArgs, location="query")
@blp.response(200, QrcodeSchema, description="format=json: the token to draw and when to redraw it")
@blp.alt_response(200, schema=BINARY, content_type="image/png", success=True)
@blp.alt_response(200, schema=TEXT, content_type="image/svg+xml", success=True)
@blp.alt_response(403, schema=ErrorSchema, description="forbidden, out_of_scope")
def qrcode(args, event_id):
    """The rotating check-in (or check-out) code; draw a new one by ``refresh_in``."""
    event = managed_event(event_id)
    issued = tokens.issue(event.id, args["purpose"])
    headers = {**NO_STORE, "X-Token-Expires-At": _iso(issued.expires_at),
               "X-Token-Refresh-In": f"{issued.refresh_in:.3f}"}
    url = tokens.scan_url(issued.token)  # WeChat's own scanner opens the mini-program from it
    if args["format"] == "png":
        return Response(qr.png(url), mimetype="image/png", headers=headers)
    if args["format"] == "svg":
        return Response(qr.svg(url), mimetype="image/svg+xml", headers=headers)
    return {
        "event_id": event.id,
        "purpose": args["purpose"],
        "token": issued.token,
        "url": url,
        "expires_at": datetime.fromtimestamp(issued.expires_at, timezone.utc),
        "refresh_in": round(issued.refresh_in, 3),
        "window_seconds": current_app.config["CHECKIN_TOKEN_WINDOW"],
        "grace_seconds": current_app.config["CHECKIN_TOKEN_GRACE"],
    }, 200, NO_STORE


def _iso(unix_time):
    return iso(datetime.fromtimestamp(unix_time, timezone.utc))


@blp.route("/events/<int:event_id>/projector-link", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(PurposeArgs)
@blp.response(201, ProjectorLinkSchema)
@blp.alt_response(403, schema=ErrorSchema, description="forbidden, out_of_scope")
def projector_link(body, event_id):
    """A link for the lecture hall's computer: the code full screen, redrawn
    before it expires, with the live count. Works for a few hours, no login."""
    from app import audit

    event = managed_event(event_id)
    organiser = current_user()
    link = projector.issue(event.id, body["purpose"], organiser.id)
    audit.record("checkin.projector_link", actor=organiser, target=event,
                 detail={"purpose": body["purpose"], "expires_at": link.expires_at.isoformat()})
    db.session.commit()
    path = url_for("projector.page", signed=link.signed)
    return {"url": url_for("projector.page", signed=link.signed, _external=True), "path": path,
            "expires_at": link.expires_at}


@blp.route("/projector/<string:signed>/state", methods=["GET"])
@blp.response(200, ProjectorStateSchema)
@blp.alt_response(403, schema=ErrorSchema, description="projector_link_invalid")
def projector_state(signed):
    """What the projector page polls (authorised by its signed link alone)."""
    event, purpose = projector.open_link(signed)
    return projector.state(event, purpose), 200, NO_STORE


@blp.route("/events/<int:event_id>/poster", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(PurposeArgs, location="query")
@blp.response(200, BINARY, content_type="image/png", description="the mini-program code to print")
@blp.alt_response(403, schema=ErrorSchema, description="forbidden, out_of_scope")
@blp.alt_response(409, schema=ErrorSchema, description="event_location_missing")
@blp.alt_response(502, schema=ErrorSchema, description="wechat_unavailable, wechat_error")
def poster_code(args, event_id):
    """The poster's mini-program code; scanning it opens the check-in page.
    Check-ins from it need the phone inside the event's radius."""
    event = managed_event(event_id)
    image = poster.poster_png(event, args["purpose"])
    return Response(image, mimetype="image/png",
                    headers={"Cache-Control": "private, max-age=86400",
                             "Content-Disposition": f'inline; filename="poster-{event.id}-{args["purpose"]}.png"'})
