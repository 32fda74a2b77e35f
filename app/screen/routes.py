"""/api/v1/screen: the 数据大屏's snapshot, its live stream, and the screen
links (display keys) admins hand out."""
from flask import Response, current_app
from flask_smorest import Blueprint

from app.auth.permissions import BEARER_DOC, current_user, roles_required
from app.auth.policy import holds
from app.auth.roles import ADMIN, STAFF, UNIT_CONTACT
from app.errors import APIError
from app.screen import links, live, snapshot
from app.screen.schemas import (
    NewScreenLinkSchema,
    ScreenArgs,
    ScreenLinkRequest,
    ScreenLinkSchema,
    ScreenSnapshotSchema,
)

blp = Blueprint("screen", __name__, url_prefix="/api/v1/screen", description="数据大屏 (the hall display)")

SCREEN_PAGE = "/console/screen"
# Everyone who may use the console: the screen shows aggregates only.
VIEWERS = STAFF + (UNIT_CONTACT,)


def _admitted(args):
    """The display key's link id, or None for a signed-in console user
    (staff or a unit contact); anyone else is refused."""
    key = args.get("key")
    if key is not None:
        link_id = links.active_link_id(key)
        if link_id is None:
            raise APIError("screen_key_invalid")
        return link_id
    user = current_user()
    if user is None:
        raise APIError("unauthenticated")
    if not any(holds(user, role) for role in VIEWERS):
        raise APIError("forbidden")
    return None


@blp.route("/summary", methods=["GET"])
@blp.doc(**BEARER_DOC)
@blp.arguments(ScreenArgs, location="query")
@blp.response(200, ScreenSnapshotSchema)
@blp.alt_response(403, schema="Error", description="screen_key_invalid")
def summary(args):
    """Everything the screen shows, now (cached a few seconds): a display
    key (``?key=``) or the token of a console user (staff, unit contact)."""
    _admitted(args)
    return snapshot.current()


@blp.route("/stream", methods=["GET"])
@blp.doc(**BEARER_DOC)
@blp.arguments(ScreenArgs, location="query")
@blp.response(200, description="text/event-stream: ``snapshot`` (as /summary), ``checkin`` "
              "({event_id, community_id, at}), ``revoked``, ``bye``; heartbeat comments; ``retry:``")
@blp.alt_response(403, schema="Error", description="screen_key_invalid")
def stream(args):
    """Server-sent events for the screen. EventSource cannot send headers,
    so a display passes its key in the query (kept out of every log)."""
    link_id = _admitted(args)
    body = live.stream(current_app._get_current_object(), link_id)
    return Response(body, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@blp.route("/links", methods=["GET"])
@roles_required(ADMIN)
@blp.response(200, ScreenLinkSchema(many=True))
def list_links():
    """Every screen link, live and revoked."""
    return links.listed()


@blp.route("/links", methods=["POST"])
@roles_required(ADMIN)
@blp.arguments(ScreenLinkRequest)
@blp.response(201, NewScreenLinkSchema)
def create_link(body):
    """A display key for one hall screen; the key is in this answer only."""
    link, key = links.create(current_user(), body["label"])
    return {"id": link.id, "label": link.label, "created_by_id": link.created_by_id, "created_at": link.created_at,
            "revoked_at": None, "key": key, "path": f"{SCREEN_PAGE}?key={key}"}


@blp.route("/links/<int:link_id>", methods=["DELETE"])
@roles_required(ADMIN)
@blp.response(200, ScreenLinkSchema)
@blp.alt_response(404, schema="Error", description="screen_link_not_found")
def revoke_link(link_id):
    """Revoke a link: its display stops at its next snapshot (within a minute)."""
    return links.revoke(current_user(), link_id)
