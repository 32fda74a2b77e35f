"""Events: organisers manage the events their community or member unit hosts;
subdistrict-wide events (no host) belong to the office. Anyone may read an
event; managing covers editing, cancelling, registrants, check-in by hand,
attendance, exports and the hours served at it."""
from app.auth.policy.scope import host_clause, is_admin, scope_of
from app.models import Event


def may_manage(user, event):
    """``event`` may be a row or the check-in cache's snapshot of one."""
    return scope_of(user).covers(community_id=event.host_community_id, member_unit_id=event.host_member_unit_id)


def managed_clause(user, event=Event):
    return host_clause(scope_of(user), event.host_community_id, event.host_member_unit_id)


def may_host(user, community_id, member_unit_id):
    """May ``user`` create an event hosted by this community or unit (both
    None: a subdistrict-wide event, the office's alone)?"""
    if community_id is None and member_unit_id is None:
        return is_admin(user)
    return scope_of(user).covers(community_id=community_id, member_unit_id=member_unit_id)
