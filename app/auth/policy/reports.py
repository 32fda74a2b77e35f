"""随手拍 work orders (app/reports).

Who sees an order: whoever reported it; the leader and workers of its grid
(grid_leader / grid_worker grants), also after it climbed above them; the
staff of its community; the office. Another resident never learns it
exists (404).

Who acts on it: the people of its current level — the grid's leader and
workers (and, standing in for them, the community's staff and the office)
at grid level, the community's staff (and the office) at community level,
the office at office level. The reporter rates and reopens it.

Figures: the office sees every community; community staff theirs; grid
leaders and workers their grids' rows.
"""
from sqlalchemy import false, or_, true

from app.auth.policy.scope import grid_ids_worked, is_admin, staffed_community_ids, staffs_community
from app.models import WorkOrder


def _works_grid_of(user, order):
    return order.grid_id is not None and (order.grid_id in grid_ids_worked(user)
                                          or staffs_community(user, order.community_id))


def may_see(user, order):
    if user is None:
        return False
    return (order.reporter_id == user.id or is_admin(user) or staffs_community(user, order.community_id)
            or (order.grid_id is not None and order.grid_id in grid_ids_worked(user)))


def visible_clause(user, order=WorkOrder):
    """Which orders ``user`` sees, for lists: the SQL twin of ``may_see``."""
    if is_admin(user):
        return true()
    return or_(order.reporter_id == user.id,
               order.grid_id.in_(sorted(grid_ids_worked(user)) or [-1]),
               order.community_id.in_(sorted(staffed_community_ids(user)) or [-1]))


def may_act(user, order):
    """Accept, progress, close, escalate, reject, whistle, raise a need: the
    people of the order's current level."""
    if order.level == "grid":
        return _works_grid_of(user, order)
    if order.level == "community":
        return staffs_community(user, order.community_id)
    return is_admin(user)


def acting_clause(user, order=WorkOrder):
    """The orders ``user`` may act on now (the grid worker's 我的工单), for lists."""
    if is_admin(user):
        return true()
    communities = sorted(staffed_community_ids(user)) or [-1]
    return or_(
        (order.level == "grid") & order.grid_id.in_(sorted(grid_ids_worked(user)) or [-1]),
        order.level.in_(("grid", "community")) & order.community_id.in_(communities),
    )


def may_follow(user, order):
    """Rate and reopen: the reporter."""
    return user is not None and order.reporter_id is not None and order.reporter_id == user.id


def may_read_figures(user):
    return is_admin(user) or bool(staffed_community_ids(user)) or bool(grid_ids_worked(user))


def figures_clause(user, order=WorkOrder):
    """The orders counted in ``user``'s figures."""
    if is_admin(user):
        return true()
    if not may_read_figures(user):
        return false()
    return or_(order.grid_id.in_(sorted(grid_ids_worked(user)) or [-1]),
               order.community_id.in_(sorted(staffed_community_ids(user)) or [-1]))
