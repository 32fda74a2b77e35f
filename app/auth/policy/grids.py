"""Grids (网格): everyone signed in sees a grid's name, community, leader and
workers (residents should know their 网格员); its boundary is shown to those
who work it (its leader and workers, the community's staff, the office).
Grids are drawn and redrawn, and their people appointed, by the community's
staff and the office."""
from sqlalchemy import or_, true

from app.auth.policy.scope import grid_ids_worked, is_admin, staffed_community_ids, staffs_community, works_grid
from app.models import Grid


def may_see_boundary(user, grid):
    return works_grid(user, grid)


def may_manage(user, community_id):
    """Create, redraw, rename a grid of this community; appoint its people."""
    return staffs_community(user, community_id)


def worked_clause(user, grid=Grid):
    """The SQL twin of ``may_see_boundary``: grids whose boundary ``user`` sees."""
    if is_admin(user):
        return true()
    return or_(grid.id.in_(sorted(grid_ids_worked(user)) or [-1]),
               grid.community_id.in_(sorted(staffed_community_ids(user)) or [-1]))
