"""May this person do this to that: every answer comes from here.

One module per kind of object. Each pairs the check for one object
(``may_manage(user, obj)``) with the SQL condition for lists
(``managed_clause(user, ...)``), both built on the person's Scope, so a list
never shows what a detail would refuse. Handlers and services ask; nothing
else decides.
"""
from app.auth.policy import (  # noqa: F401
    communities, events, needs, notices, people, records, residents, teams, units, uploads, volunteers, whistles,
)
from app.auth.policy import party  # noqa: F401
from app.auth.policy import lectures  # noqa: F401
from app.auth.policy import grids  # noqa: F401
from app.auth.policy import patrols  # noqa: F401
from app.auth.policy import mediation  # noqa: F401
from app.auth.policy import hall  # noqa: F401
from app.auth.policy import reports  # noqa: F401
from app.auth.policy import quiz  # noqa: F401
from app.auth.policy import households  # noqa: F401
from app.auth.policy import exports  # noqa: F401
from app.auth.policy.scope import (  # noqa: F401
    EVERYTHING,
    NOTHING,
    Scope,
    branch_ids_organised,
    grid_ids_worked,
    holds,
    holds_any_grant,
    host_clause,
    is_admin,
    is_staff,
    mediation_led_community_ids,
    organises_branch,
    primary_role,
    roles_held,
    runs_lecture_office,
    scope_of,
    speaks_for,
    staffed_community_ids,
    staffs_community,
    unit_ids_spoken_for,
    works_grid,
)
from app.errors import APIError


def require(condition, code="out_of_scope", message=None):
    """Raise ``code`` (403 out_of_scope by default) unless ``condition``."""
    if not condition:
        raise APIError(code, message) if message else APIError(code)
