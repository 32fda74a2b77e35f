"""Whose teams, volunteers and events an organiser manages, decided with
``scope_of`` / ``Scope.covers`` and nothing else.

- A team is in scope when its community or member unit is (admins: all).
- A volunteer is in scope when their home community is, or their current
  squad is: both the community office and the squad's unit look after them.
- An event (and the hours served at it) is in scope when its host is.
"""
from sqlalchemy import false, or_, true

from app.auth.permissions import Scope
from app.errors import APIError
from app.models import Team, VolunteerProfile


def team_in_scope(scope: Scope, team):
    return scope.covers(community_id=team.community_id, member_unit_id=team.member_unit_id)


def volunteer_in_scope(scope: Scope, profile):
    if scope.covers(community_id=profile.community_id):
        return True
    return profile.team is not None and team_in_scope(scope, profile.team)


def event_in_scope(scope: Scope, event):
    return scope.covers(community_id=event.host_community_id, member_unit_id=event.host_member_unit_id)


def require(condition):
    if not condition:
        raise APIError("out_of_scope")


def teams_in_scope_clause(scope: Scope, team=Team):
    """A SQL condition on ``team`` matching ``team_in_scope``."""
    if scope.everything:
        return true()
    clauses = []
    if scope.community_ids:
        clauses.append(team.community_id.in_(scope.community_ids))
    if scope.member_unit_ids:
        clauses.append(team.member_unit_id.in_(scope.member_unit_ids))
    return or_(*clauses) if clauses else false()


def volunteers_in_scope_clause(scope: Scope, team=Team):
    """A SQL condition on VolunteerProfile (outer-joined to ``team`` on its
    squad) matching ``volunteer_in_scope``."""
    if scope.everything:
        return true()
    clauses = [teams_in_scope_clause(scope, team)]
    if scope.community_ids:
        clauses.append(VolunteerProfile.community_id.in_(scope.community_ids))
    return or_(*clauses)
