"""Communities: an organiser of a community manages its residents' affairs
(notices to everyone there, its rows on leaderboards); the office all."""
from app.auth.policy.scope import host_clause, scope_of
from app.models import Community


def may_manage(user, community):
    return scope_of(user).covers(community_id=community.id)


def managed_clause(user, column=Community.id):
    return host_clause(scope_of(user), column, None)
