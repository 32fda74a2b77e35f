from flask_smorest import Blueprint
from marshmallow import validate

from app.auth.permissions import current_user, login_required
from app.extensions import db
from app.models import Community
from app.schemas import CommunitySchema, Id, Schema, Text, UserSchema
from app.users import service

blp = Blueprint("users", __name__, url_prefix="/api/v1", description="The signed-in user")


class ProfilePatchSchema(Schema):
    """Only what a user may change about themself; anything else is refused."""

    name = Text(validate=validate.Length(min=1, max=32))
    community_id = Id(allow_none=True)


@blp.route("/me", methods=["GET"])
@login_required
@blp.response(200, UserSchema)
def me():
    """The signed-in user."""
    return current_user()


@blp.route("/me", methods=["PATCH"])
@login_required
@blp.arguments(ProfilePatchSchema)
@blp.response(200, UserSchema)
def update_me(changes):
    """Change my name or community."""
    return service.update_profile(current_user(), changes)


@blp.route("/communities", methods=["GET"])
@blp.response(200, CommunitySchema(many=True))
def communities():
    """Every community, for pickers."""
    return db.session.execute(db.select(Community).order_by(Community.id)).scalars().all()
