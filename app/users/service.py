from app.errors import APIError
from app.extensions import db
from app.models import Community


def update_profile(user, changes):
    """Apply the changes a user may make to themself (name, community)."""
    if "community_id" in changes:
        community_id = changes["community_id"]
        if community_id is not None and db.session.get(Community, community_id) is None:
            raise APIError("not_found", "所选社区不存在", status=404)
        user.community_id = community_id
    if "name" in changes:
        user.name = changes["name"].strip() or None
    db.session.commit()
    return user
