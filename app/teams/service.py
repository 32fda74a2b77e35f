"""The volunteer team tree: corps (总队) → brigades (大队) → squads (中队),
the "1+5+X" system.

Admins shape the whole tree. Organisers manage their own squads: squads of a
community or member unit in their scope; they may create, rename and delete
them (when empty), but placing a squad under another brigade is the admins'
call. Every change is audited.
"""
from sqlalchemy import func

from app import audit
from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import Community, HoursLedgerEntry, MemberUnit, Team, TeamMembership, VolunteerProfile

PARENT_LEVEL = {"corps": None, "brigade": "corps", "squad": "brigade"}


def get_team(team_id):
    team = db.session.get(Team, team_id)
    if team is None:
        raise APIError("team_not_found")
    return team


def team_tree():
    """Every team as nested nodes, roots first, each level ordered by id;
    ``member_count`` is the number of current members (squads only)."""
    teams = db.session.execute(db.select(Team).order_by(Team.id)).scalars().all()
    counts = dict(db.session.execute(
        db.select(TeamMembership.team_id, func.count())
        .where(TeamMembership.left_at.is_(None))
        .group_by(TeamMembership.team_id)
    ).all())
    nodes = {t.id: dict(t.to_dict(), member_count=counts.get(t.id, 0), children=[]) for t in teams}
    roots = []
    for team in teams:
        parent = nodes.get(team.parent_id)
        (parent["children"] if parent else roots).append(nodes[team.id])
    return roots


def _check_owner(community_id, member_unit_id):
    if community_id is not None and member_unit_id is not None:
        raise APIError("validation_failed", "中队只能属于一个社区或一个共建单位")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise APIError("not_found", "社区不存在")
    if member_unit_id is not None and db.session.get(MemberUnit, member_unit_id) is None:
        raise APIError("not_found", "共建单位不存在")


def _check_parent(level, parent_id):
    wanted = PARENT_LEVEL[level]
    if wanted is None:
        if parent_id is not None:
            raise APIError("team_parent_invalid")
        return None
    if parent_id is None:
        raise APIError("team_parent_invalid")
    parent = db.session.get(Team, parent_id)
    if parent is None or parent.level != wanted:
        raise APIError("team_parent_invalid")
    return parent


def _check_name_free(name, parent_id, level, exclude_id=None):
    query = db.select(Team.id).where(Team.name == name, Team.level == level)
    query = query.where(Team.parent_id.is_(None) if parent_id is None else Team.parent_id == parent_id)
    if exclude_id is not None:
        query = query.where(Team.id != exclude_id)
    if db.session.execute(query.limit(1)).first() is not None:
        raise APIError("team_name_taken")


def _require_manages(actor, team):
    """Admins manage every team; organisers only squads in their scope. A
    brigade an admin placed under a community is still the admins' to shape."""
    if not policy.teams.may_shape_tree(actor) and team.level != "squad":
        raise APIError("forbidden", "只有管理员可以调整总队和大队")
    policy.require(policy.teams.may_manage(actor, team))


def create_team(actor, name, level, parent_id=None, community_id=None, member_unit_id=None):
    if not policy.teams.may_shape_tree(actor):
        if level != "squad":
            raise APIError("forbidden", "只有管理员可以设立总队和大队")
        policy.require(policy.teams.may_place(actor, community_id, member_unit_id))
    _check_owner(community_id, member_unit_id)
    _check_parent(level, parent_id)
    name = name.strip()
    _check_name_free(name, parent_id, level)
    team = Team(name=name, level=level, parent_id=parent_id, community_id=community_id,
                member_unit_id=member_unit_id)
    db.session.add(team)
    db.session.flush()
    audit.record("team.create", actor=actor, target=team, detail=team.to_dict())
    db.session.commit()
    return team


def update_team(actor, team, changes):
    """Rename, move (admins) or hand a squad to another community or unit."""
    _require_manages(actor, team)
    before = team.to_dict()
    if "parent_id" in changes and changes["parent_id"] != team.parent_id:
        if not policy.teams.may_shape_tree(actor):
            raise APIError("forbidden", "调整队伍隶属关系请联系管理员")
        _check_parent(team.level, changes["parent_id"])
        team.parent_id = changes["parent_id"]
    if "community_id" in changes or "member_unit_id" in changes:
        community_id = changes.get("community_id", team.community_id)
        member_unit_id = changes.get("member_unit_id", team.member_unit_id)
        if "community_id" in changes and "member_unit_id" not in changes and community_id is not None:
            member_unit_id = None
        if "member_unit_id" in changes and "community_id" not in changes and member_unit_id is not None:
            community_id = None
        _check_owner(community_id, member_unit_id)
        # An organiser may hand a squad only to another place they also manage.
        policy.require(policy.teams.may_place(actor, community_id, member_unit_id))
        team.community_id, team.member_unit_id = community_id, member_unit_id
    if "name" in changes:
        team.name = changes["name"].strip()
    _check_name_free(team.name, team.parent_id, team.level, exclude_id=team.id)
    after = team.to_dict()
    if after != before:
        audit.record("team.update", actor=actor, target=team, detail={"from": before, "to": after})
    db.session.commit()
    return team


def delete_team(actor, team):
    """Remove a team that never had anything under it: no sub-teams, no
    member ever (history must stay), no hours counted to it."""
    _require_manages(actor, team)
    used = (
        db.session.execute(db.select(Team.id).where(Team.parent_id == team.id).limit(1)).first()
        or db.session.execute(db.select(TeamMembership.id).where(TeamMembership.team_id == team.id).limit(1)).first()
        or db.session.execute(db.select(VolunteerProfile.id).where(VolunteerProfile.team_id == team.id).limit(1)).first()
        or db.session.execute(db.select(HoursLedgerEntry.id).where(HoursLedgerEntry.team_id == team.id).limit(1)).first()
    )
    if used:
        raise APIError("team_not_empty")
    audit.record("team.delete", actor=actor, target=team, detail=team.to_dict())
    db.session.delete(team)
    db.session.commit()


def descendant_ids(team):
    """``team`` and every team under it (at most three levels)."""
    ids, frontier = [team.id], [team.id]
    while frontier:
        frontier = db.session.execute(db.select(Team.id).where(Team.parent_id.in_(frontier))).scalars().all()
        ids.extend(frontier)
    return ids
