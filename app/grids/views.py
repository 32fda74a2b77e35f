"""Grids as the API shows them: people by role, the boundary only to those
who work the grid (app/auth/policy/grids.py)."""
from app.auth import policy, roles
from app.grids import service


def grid_views(grids, user):
    people = service.people_of({g.id for g in grids})
    answer = []
    for grid in grids:
        held = [{"grant_id": grant.id, "user_id": person.id, "name": person.name, "role": grant.role,
                 "role_label": roles.ROLE_LABELS[grant.role]} for grant, person in people.get(grid.id, [])]
        answer.append({
            "id": grid.id, "community_id": grid.community_id, "community_name": grid.community.name,
            "name": grid.name, "code": grid.code,
            "boundary": grid.boundary if policy.grids.may_see_boundary(user, grid) else None,
            "leaders": [p for p in held if p["role"] == roles.GRID_LEADER],
            "workers": [p for p in held if p["role"] == roles.GRID_WORKER],
            "may_manage": policy.grids.may_manage(user, grid.community_id),
        })
    return answer


def grid_view(grid, user):
    return grid_views([grid], user)[0]
