"""Notices: staff see the notices they wrote and those addressed from their
community or unit; the office sees all. An audience may only be what the
sender manages."""
from sqlalchemy import or_, true

from app.auth.policy import communities, events, people, teams
from app.auth.policy.scope import scope_of
from app.models import Notice


def visible_clause(user):
    """Which notices ``user`` sees, for lists and details alike (a detail
    out of sight answers 404, as if there were no such notice)."""
    scope = scope_of(user)
    if scope.everything:
        return true()
    return or_(
        Notice.created_by_id == user.id,
        Notice.community_id.in_(sorted(scope.community_ids) or [-1]),
        Notice.member_unit_id.in_(sorted(scope.member_unit_ids) or [-1]),
    )


def may_address_community(user, community):
    return communities.may_manage(user, community)


def may_address_team(user, team):
    return teams.may_manage(user, team)


def may_address_event(user, event):
    return events.may_manage(user, event)


def may_address_person(user, person, profile, team):
    return people.may_reach(user, person, profile, team)
