from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.events import listing, registration, service
from app.events.schemas import (
    CancelSchema,
    EventCreateSchema,
    EventDetailSchema,
    EventListArgs,
    EventPageSchema,
    EventPatchSchema,
    MyRegistrationArgs,
    MyRegistrationPageSchema,
    RegistrantPageSchema,
    RegistrationListArgs,
    RegistrationSchema,
)
from app.events.views import DETAIL_LOAD_OPTIONS, present_detail

blp = Blueprint("events", __name__, url_prefix="/api/v1",
                description="Events (共享党课, 市民公益日, volunteer activities) and registration (报名)")

# Reading events needs no login; a token, when sent, adds "my registration".
OPTIONAL_LOGIN = {"security": [{}, {"bearerAuth": []}]}


@blp.route("/events", methods=["GET"])
@blp.doc(**OPTIONAL_LOGIN)
@blp.arguments(EventListArgs, location="query")
@blp.response(200, EventPageSchema)
def list_events(args):
    """Events in start order, filtered; page with limit/offset or next_cursor."""
    return listing.list_events(args, current_user())


@blp.route("/events", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(EventCreateSchema)
@blp.response(201, EventDetailSchema)
def create_event(body):
    """Publish an event hosted by a community or member unit in my scope.

    Times are ISO 8601 with any offset. Left out: check-in opens 30 minutes
    before the start and closes at the end; check-out opens at the start and
    closes an hour after the end; a location's radius is 300 m."""
    user = current_user()
    return present_detail(service.create_event(user, body), user)


@blp.route("/events/<int:event_id>", methods=["GET"])
@blp.doc(**OPTIONAL_LOGIN)
@blp.response(200, EventDetailSchema)
def get_event(event_id):
    """One event with its registration counts, my registration, its host, and
    a welfare day's community activities (or an activity's welfare day)."""
    return present_detail(service.get_event_or_404(event_id, DETAIL_LOAD_OPTIONS), current_user())


@blp.route("/events/<int:event_id>", methods=["PATCH"])
@roles_required(*STAFF)
@blp.arguments(EventPatchSchema)
@blp.response(200, EventDetailSchema)
def update_event(changes, event_id):
    """Change an event in my scope. Check-in/out windows left at their
    defaults move with new times; windows set by hand are kept and checked."""
    user = current_user()
    return present_detail(service.update_event(user, event_id, changes), user)


@blp.route("/events/<int:event_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(CancelSchema)
@blp.response(200, EventDetailSchema)
def cancel_event(body, event_id):
    """Cancel an event in my scope, saying why. Registrations are kept; a
    welfare day's community activities are cancelled with it."""
    user = current_user()
    return present_detail(service.cancel_event(user, event_id, body["reason"].strip()), user)


@blp.route("/events/<int:event_id>/registration", methods=["POST"])
@login_required
@blp.response(201, RegistrationSchema)
def register(event_id):
    """Register (报名): ``registered``, or ``waitlisted`` when the places are
    taken. For events without registration it records interest (binding=false)."""
    return registration.register(event_id, current_user())


@blp.route("/events/<int:event_id>/registration", methods=["DELETE"])
@login_required
@blp.response(200, RegistrationSchema)
def cancel_registration(event_id):
    """Cancel my registration; the first person waiting takes the place."""
    return registration.cancel(event_id, current_user())


@blp.route("/events/<int:event_id>/registrations", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(RegistrationListArgs, location="query")
@blp.response(200, RegistrantPageSchema)
def list_registrations(args, event_id):
    """Who registered, in queue order (organisers of the event's host)."""
    event = service.get_event_or_404(event_id)
    service.require_manages(current_user(), event)
    return registration.list_for_event(event, status=args.get("status"), limit=args["limit"],
                                       offset=args["offset"])


@blp.route("/me/registrations", methods=["GET"])
@login_required
@blp.arguments(MyRegistrationArgs, location="query")
@blp.response(200, MyRegistrationPageSchema)
def my_registrations(args):
    """My registrations, latest events first."""
    return registration.list_for_user(current_user(), include_cancelled=args["include_cancelled"],
                                      limit=args["limit"], offset=args["offset"])
