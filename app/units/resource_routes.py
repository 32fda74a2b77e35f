"""/api/v1/resources: 资源清单, on the units blueprint."""
from app.auth.permissions import current_user, login_required
from app.units import resources
from app.units.list_schemas import (
    ResourceCreateSchema,
    ResourceListArgs,
    ResourcePageSchema,
    ResourcePatchSchema,
    ResourceSchema,
)
from app.units.routes import blp


@blp.route("/resources", methods=["GET"])
@login_required
@blp.arguments(ResourceListArgs, location="query")
@blp.response(200, ResourcePageSchema)
def list_resources(args):
    """What units offer, by kind, service, community served or unit (everyone signed in)."""
    return resources.present_page(resources.list_resources(args), current_user())


@blp.route("/resources", methods=["POST"])
@login_required
@blp.arguments(ResourceCreateSchema)
@blp.response(201, ResourceSchema)
@blp.alt_response(409, schema="Error", description="unit_not_active")
def create_resource(body):
    """Add a resource to a unit's list (its contacts and the office)."""
    user = current_user()
    return resources.present(resources.create_resource(user, body), user)


@blp.route("/resources/<int:resource_id>", methods=["GET"])
@login_required
@blp.response(200, ResourceSchema)
def get_resource(resource_id):
    """One resource."""
    return resources.present(resources.get_resource(resource_id), current_user())


@blp.route("/resources/<int:resource_id>", methods=["PATCH"])
@login_required
@blp.arguments(ResourcePatchSchema)
@blp.response(200, ResourceSchema)
def update_resource(changes, resource_id):
    """Change a resource (its unit's contacts and the office); ``is_active: false`` takes it off the list."""
    user = current_user()
    return resources.present(resources.update_resource(user, resources.get_resource(resource_id), changes), user)


@blp.route("/resources/<int:resource_id>", methods=["DELETE"])
@login_required
@blp.response(204)
def delete_resource(resource_id):
    """Remove a resource entered by mistake (its unit's contacts and the office)."""
    resources.delete_resource(current_user(), resources.get_resource(resource_id))
