"""Service records and hours: managed with the event they were served at;
nobody approves, settles or corrects their own."""
from app.auth.policy import events, volunteers
from app.models import Event


def may_manage(user, record):
    return events.may_manage(user, record.event)


def may_settle(user, record):
    """Approve, reject or correct: managed, and not one's own hours."""
    return may_manage(user, record) and record.user_id != user.id


def is_own(user, record):
    return user is not None and record.user_id == user.id


def managed_clause(user, event=Event):
    """A condition on the record's event (records joined to ``event``)."""
    return events.managed_clause(user, event)


def may_see(user, record, profile=None):
    """The record's own volunteer, whoever manages its event, and whoever
    manages the volunteer (their home community or squad)."""
    if is_own(user, record) or may_manage(user, record):
        return True
    return profile is not None and volunteers.may_manage(user, profile)
