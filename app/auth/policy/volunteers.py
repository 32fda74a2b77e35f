"""Volunteers: both the home community's office and the current squad's
community or unit look after a volunteer (review, profile, certificates)."""
from sqlalchemy import or_

from app.auth.policy import teams
from app.auth.policy.scope import scope_of
from app.models import Team, VolunteerProfile


def may_manage(user, profile):
    if scope_of(user).covers(community_id=profile.community_id):
        return True
    return profile.team is not None and teams.may_manage(user, profile.team)


def may_review(user, profile):
    """Approve or reject an application: managed, and not one's own. Nobody
    vouches for themself, as nobody approves their own hours."""
    return may_manage(user, profile) and profile.user_id != user.id


def managed_clause(user, team=Team):
    """A condition on VolunteerProfile outer-joined to ``team`` on its squad."""
    scope = scope_of(user)
    home = VolunteerProfile.community_id.in_(sorted(scope.community_ids)) if scope.community_ids else None
    squad = teams.managed_clause(user, team)
    return squad if home is None or scope.everything else or_(squad, home)
