"""/api/v1/projects: 项目清单 and the office's mandatory projects, on the units blueprint."""
from app.auth.permissions import current_user, login_required
from app.units import projects
from app.units.project_schemas import (
    LinkEventSchema,
    MandatoryInSchema,
    MandatoryListArgs,
    MandatoryOutSchema,
    MandatoryPatchSchema,
    MilestoneInSchema,
    ProjectCreateSchema,
    ProjectListArgs,
    ProjectPageSchema,
    ProjectPatchSchema,
    ProjectSchema,
)
from app.units.project_views import present_page, present_project
from app.units.routes import blp


@blp.route("/projects/mandatory", methods=["GET"])
@login_required
@blp.arguments(MandatoryListArgs, location="query")
@blp.response(200, MandatoryOutSchema(many=True))
def list_mandatory(args):
    """The year's mandatory projects (必选项目) set by the office."""
    return projects.list_mandatory(args.get("year") or projects.current_year())


@blp.route("/projects/mandatory", methods=["POST"])
@login_required
@blp.arguments(MandatoryInSchema)
@blp.response(201, MandatoryOutSchema)
@blp.alt_response(409, schema="Error", description="mandatory_limit_reached / mandatory_title_taken")
def create_mandatory(body):
    """Set one of the year's mandatory projects (the office; at most five a year)."""
    return projects.create_mandatory(current_user(), body)


@blp.route("/projects/mandatory/<int:mandatory_id>", methods=["PATCH"])
@login_required
@blp.arguments(MandatoryPatchSchema)
@blp.response(200, MandatoryOutSchema)
def update_mandatory(changes, mandatory_id):
    """Rename or describe a mandatory project (the office)."""
    return projects.update_mandatory(current_user(), projects.get_mandatory(mandatory_id), changes)


@blp.route("/projects/mandatory/<int:mandatory_id>", methods=["DELETE"])
@login_required
@blp.response(204)
@blp.alt_response(409, schema="Error", description="mandatory_in_use")
def delete_mandatory(mandatory_id):
    """Remove a mandatory project no unit has taken up (the office)."""
    projects.delete_mandatory(current_user(), projects.get_mandatory(mandatory_id))


@blp.route("/projects", methods=["GET"])
@login_required
@blp.arguments(ProjectListArgs, location="query")
@blp.response(200, ProjectPageSchema)
def list_projects(args):
    """Units' projects with their progress (public to everyone signed in)."""
    user = current_user()
    return present_page(projects.list_projects(args), user)


@blp.route("/projects", methods=["POST"])
@login_required
@blp.arguments(ProjectCreateSchema)
@blp.response(201, ProjectSchema)
@blp.alt_response(409, schema="Error", description="optional_limit_reached / mandatory_already_taken")
def create_project(body):
    """Lead a project for a year: 必选 (one of the office's, once) or 自选 (at most five a year)."""
    user = current_user()
    return present_project(projects.create_project(user, body), user)


@blp.route("/projects/<int:project_id>", methods=["GET"])
@login_required
@blp.response(200, ProjectSchema)
def get_project(project_id):
    """One project with its milestones, linked events and progress."""
    return present_project(projects.get_project(project_id), current_user())


@blp.route("/projects/<int:project_id>", methods=["PATCH"])
@login_required
@blp.arguments(ProjectPatchSchema)
@blp.response(200, ProjectSchema)
def update_project(changes, project_id):
    """Change a project's title, goals, status or community (its unit's contacts and the office)."""
    user = current_user()
    return present_project(projects.update_project(user, projects.get_project(project_id), changes), user)


@blp.route("/projects/<int:project_id>/milestones", methods=["POST"])
@login_required
@blp.arguments(MilestoneInSchema)
@blp.response(201, ProjectSchema)
def add_milestone(body, project_id):
    """Add a milestone."""
    user = current_user()
    return present_project(projects.add_milestone(user, projects.get_project(project_id), **body), user)


@blp.route("/projects/<int:project_id>/milestones/<int:milestone_id>/complete", methods=["POST"])
@login_required
@blp.response(200, ProjectSchema)
@blp.alt_response(409, schema="Error", description="milestone_already_done")
def complete_milestone(project_id, milestone_id):
    """Mark a milestone done today."""
    user = current_user()
    return present_project(projects.complete_milestone(user, projects.get_project(project_id), milestone_id), user)


@blp.route("/projects/<int:project_id>/events", methods=["POST"])
@login_required
@blp.arguments(LinkEventSchema)
@blp.response(201, ProjectSchema)
@blp.alt_response(409, schema="Error", description="event_not_linkable / event_already_linked")
def link_event(body, project_id):
    """Link an event of the project's year: the unit's own, its community's, or a whistle's it reported to."""
    user = current_user()
    return present_project(projects.link_event(user, projects.get_project(project_id), body["event_id"]), user)


@blp.route("/projects/<int:project_id>/events/<int:event_id>", methods=["DELETE"])
@login_required
@blp.response(200, ProjectSchema)
def unlink_event(project_id, event_id):
    """Unlink an event from the project."""
    user = current_user()
    return present_project(projects.unlink_event(user, projects.get_project(project_id), event_id), user)
