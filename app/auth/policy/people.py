"""People: whom a member of staff may reach (message, check in by hand, look up).

A person is within reach when they live in a community the staff member
manages, their volunteer profile's home community is managed, or they are an
approved volunteer of a squad the staff member manages.
"""
from app.auth.policy import events, teams
from app.auth.policy.scope import is_admin, scope_of
from app.extensions import db
from app.models import CheckIn, Registration, VolunteerProfile


def may_reach(user, person, profile=None, team=None):
    scope = scope_of(user)
    if scope.covers(community_id=person.community_id):
        return True
    if profile is not None and scope.covers(community_id=profile.community_id):
        return True
    return team is not None and profile is not None and profile.status == "approved" and \
        teams.may_manage(user, team)


def may_administer(user):
    """People and their roles are the subdistrict office's to manage."""
    return is_admin(user)


def may_record_attendance(user, event, person):
    """May ``user`` check ``person`` in or out of ``event`` by hand? The event
    must be theirs, and the person someone they may reach, or someone who
    registered for or already scanned into this very event."""
    if not events.may_manage(user, event):
        return False
    profile = db.session.execute(
        db.select(VolunteerProfile).where(VolunteerProfile.user_id == person.id)).scalar_one_or_none()
    if may_reach(user, person, profile, profile.team if profile is not None else None):
        return True
    registered = db.session.execute(db.select(Registration.id).where(
        Registration.event_id == event.id, Registration.user_id == person.id,
        Registration.status.in_(("registered", "waitlisted"))).limit(1)).first()
    if registered is not None:
        return True
    scanned = db.session.execute(db.select(CheckIn.id).where(
        CheckIn.event_id == event.id, CheckIn.user_id == person.id).limit(1)).first()
    return scanned is not None
