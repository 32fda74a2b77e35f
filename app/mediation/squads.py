"""A community's 钱塘阿姨 squad and its mediators (its current members)."""
from sqlalchemy import select

from app.extensions import db
from app.mediation.errors import refuse
from app.models import Community, MediationSquad, TeamMembership, User


def squad_view(community_id):
    squad = db.session.get(MediationSquad, community_id)
    if squad is None:
        raise refuse("squad_not_set")
    community = db.session.get(Community, community_id)
    mediators = db.session.execute(
        select(User.id, User.name).join(TeamMembership, TeamMembership.user_id == User.id)
        .where(TeamMembership.team_id == squad.team_id, TeamMembership.left_at.is_(None), User.is_active.is_(True))
        .order_by(User.id)).all()
    return {"community": {"id": community.id, "name": community.name},
            "team": {"id": squad.team.id, "name": squad.team.name},
            "mediators": [{"id": i, "name": name} for i, name in mediators]}
