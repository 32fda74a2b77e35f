"""Export jobs: a job's progress and file are the requester's (the file holds
what their scope let them export) and the office's; to anyone else the job
does not exist (404, not 403: its number says nothing)."""
from app.auth.policy.scope import is_admin


def may_read(user, job):
    return job.requester_id == user.id or is_admin(user)
