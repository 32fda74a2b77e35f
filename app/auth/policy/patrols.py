"""Patrols (巡防).

* A patrol team (a volunteer squad patrolling a community) and its routes
  are set up by the community's staff and the office; the team's members,
  its community's staff, the grid's people (for a grid's team) and the
  office see them.
* A patroller is an approved volunteer of the squad: they start patrols on
  its active routes, pass checkpoints, send their track and end their own
  patrol.
* A patrol is seen by its patroller, the staff of the team's community, the
  workers of the team's grid, and the office; nobody else learns it exists.
* Checkpoint posters are printed by whoever sets the route up.
"""
from sqlalchemy import or_, select, true

from app.auth.policy.scope import grid_ids_worked, is_admin, staffed_community_ids, staffs_community
from app.extensions import db
from app.models import Patrol, PatrolTeam, VolunteerProfile


def squad_of(user):
    """The squad ``user`` serves in as an approved volunteer, or None."""
    if user is None:
        return None
    return db.session.execute(
        select(VolunteerProfile.team_id).where(VolunteerProfile.user_id == user.id,
                                               VolunteerProfile.status == "approved")
    ).scalar_one_or_none()


def is_patroller(user, patrol_team):
    return patrol_team.team_id is not None and squad_of(user) == patrol_team.team_id


def may_manage_team(user, patrol_team):
    return staffs_community(user, patrol_team.community_id)


def may_set_up(user, community_id):
    """Mark a squad as patrolling this community."""
    return staffs_community(user, community_id)


def _oversees(user, patrol_team):
    return may_manage_team(user, patrol_team) or (
        patrol_team.grid_id is not None and patrol_team.grid_id in grid_ids_worked(user))


def may_see_team(user, patrol_team):
    return is_patroller(user, patrol_team) or _oversees(user, patrol_team)


def teams_clause(user, team=PatrolTeam):
    if is_admin(user):
        return true()
    squad = squad_of(user)
    return or_(team.team_id == (squad if squad is not None else -1),
               team.community_id.in_(sorted(staffed_community_ids(user)) or [-1]),
               team.grid_id.in_(sorted(grid_ids_worked(user)) or [-1]))


def may_start(user, patrol_team):
    return is_patroller(user, patrol_team)


def may_see(user, patrol):
    return user is not None and (patrol.user_id == user.id or _oversees(user, patrol.patrol_team))


def may_walk(user, patrol):
    """Pass checkpoints, send the track, end: the patroller alone."""
    return patrol.user_id == user.id


def may_end(user, patrol):
    """The patroller ends it; the community's staff may close one left open."""
    return patrol.user_id == user.id or may_manage_team(user, patrol.patrol_team)


def visible_clause(user, patrol=Patrol):
    """The SQL twin of ``may_see``."""
    if is_admin(user):
        return true()
    overseen = select(PatrolTeam.id).where(or_(
        PatrolTeam.community_id.in_(sorted(staffed_community_ids(user)) or [-1]),
        PatrolTeam.grid_id.in_(sorted(grid_ids_worked(user)) or [-1])))
    return or_(patrol.user_id == user.id, patrol.patrol_team_id.in_(overseen))
