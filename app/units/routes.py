"""/api/v1/units: member units (共建单位). The area's one blueprint; the
resources, projects, report and rating routes add themselves to it
(resource_routes, project_routes, report_routes)."""
from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.units import service
from app.units.schemas import (
    StatusChangeOutSchema,
    StatusChangeSchema,
    UnitCreateSchema,
    UnitDetailSchema,
    UnitListArgs,
    UnitPageSchema,
    UnitPatchSchema,
)

blp = Blueprint("units", __name__, url_prefix="/api/v1",
                description="Member units (共建单位), 资源清单, 项目清单, yearly reports and 双向评价")


@blp.route("/units", methods=["GET"])
@login_required
@blp.arguments(UnitListArgs, location="query")
@blp.response(200, UnitPageSchema)
def list_units(args):
    """Member units by level and name, filtered by kind, level, community, status or part of the name."""
    return service.list_units(args)


@blp.route("/units", methods=["POST"])
@login_required
@blp.arguments(UnitCreateSchema)
@blp.response(201, UnitDetailSchema)
@blp.alt_response(409, schema="Error", description="unit_name_taken")
def create_unit(body):
    """Admit a unit to the alliance (the office): its history starts with 加入联盟."""
    user = current_user()
    return service.present_detail(service.create_unit(user, body), user)


@blp.route("/units/<int:unit_id>", methods=["GET"])
@login_required
@blp.response(200, UnitDetailSchema)
def get_unit(unit_id):
    """One unit with its contacts (names; phone numbers only to its own people, its community's staff and the office)."""
    user = current_user()
    return service.present_detail(service.get_unit(unit_id), user)


@blp.route("/units/<int:unit_id>", methods=["PATCH"])
@login_required
@blp.arguments(UnitPatchSchema)
@blp.response(200, UnitDetailSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope / profile_fields_only")
def update_unit(changes, unit_id):
    """Edit a unit: the office anything but its status; the unit's contacts its
    introduction, address, location and party organisation's name."""
    user = current_user()
    return service.present_detail(service.update_unit(user, service.get_unit(unit_id), changes), user)


@blp.route("/units/<int:unit_id>/status", methods=["POST"])
@login_required
@blp.arguments(StatusChangeSchema)
@blp.response(200, UnitDetailSchema)
@blp.alt_response(409, schema="Error", description="unit_status_unchanged")
def change_status(body, unit_id):
    """Suspend a unit, record that it left, or take it back (the office), with the reason."""
    user = current_user()
    unit = service.change_status(user, service.get_unit(unit_id), body["status"], body["reason"])
    return service.present_detail(unit, user)


@blp.route("/units/<int:unit_id>/status-history", methods=["GET"])
@login_required
@blp.response(200, StatusChangeOutSchema(many=True))
def status_history(unit_id):
    """The unit's status changes, oldest first (its own people and the office)."""
    return service.status_history(current_user(), service.get_unit(unit_id))


# The other routes of the area hang on the same blueprint.
from app.units import project_routes, report_routes, resource_routes  # noqa: E402,F401
