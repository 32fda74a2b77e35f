"""Volunteer teams: a team is managed by whoever manages its community or member unit."""
from app.auth.policy.scope import host_clause, scope_of
from app.models import Team


def may_manage(user, team):
    return scope_of(user).covers(community_id=team.community_id, member_unit_id=team.member_unit_id)


def managed_clause(user, team=Team):
    return host_clause(scope_of(user), team.community_id, team.member_unit_id)


def may_place(user, community_id, member_unit_id):
    """May ``user`` set up (or hand) a squad under this community or unit?"""
    return scope_of(user).covers(community_id=community_id, member_unit_id=member_unit_id)


def may_shape_tree(user):
    """Corps and brigades, and where a team hangs, are the office's to shape."""
    return scope_of(user).everything
