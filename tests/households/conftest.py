"""A 党员联户 world: 滟澜社区 with two grids, a household of grid 1 paired with
a confirmed party member, and everyone around it (grid workers of each grid,
staff of each community, the office, a resident, another party member)."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.auth import roles
from app.extensions import db
from app.models import (
    Grid, Household, HouseholdMember, HouseholdPairing, PartyBranch, PartyMembership, RoleGrant, utcnow,
)
from tests.factories import make_community, make_organiser, make_user


def make_grid(community, name):
    grid = Grid(community_id=community.id, name=name, code=f"{community.code}-{name}")
    db.session.add(grid)
    db.session.commit()
    return grid


def grant_grid(user, role, grid):
    db.session.add(RoleGrant(user_id=user.id, role=role, scope_kind=roles.GRID, scope_id=grid.id))
    db.session.commit()
    db.session.expire(user, ["grants"])
    return user


def make_party_member(branch, status="confirmed", **fields):
    user = make_user(**fields)
    db.session.add(PartyMembership(user_id=user.id, branch_id=branch.id, status=status))
    db.session.commit()
    return user


def make_household(grid, address="滟澜苑 3 幢 2 单元 501", members=None, notes="独居老人，行动不便"):
    household = Household(grid_id=grid.id, community_id=grid.community_id, address=address, notes=notes)
    household.members = [HouseholdMember(position=i, **m) for i, m in enumerate(members or [
        {"name": "陈桂英", "relation": "head", "age_band": "elderly", "phone": "13700001111"}])]
    db.session.add(household)
    db.session.commit()
    return household


def pair_now(household, member, days_ago=0):
    pairing = HouseholdPairing(household_id=household.id, party_member_id=member.id,
                               started_at=utcnow() - timedelta(days=days_ago))
    db.session.add(pairing)
    db.session.commit()
    return pairing


@dataclass
class HouseholdWorld:
    a: object
    b: object
    grid: object
    other_grid: object
    branch: object
    household: object
    people: dict


def build(pairing_days_ago=0):
    a, b = make_community("滟澜社区", "yanlan"), make_community("新沙社区", "xinsha")
    grid, other_grid = make_grid(a, "第一网格"), make_grid(a, "第二网格")
    branch = PartyBranch(name="滟澜社区第一党支部", community_id=a.id)
    db.session.add(branch)
    db.session.commit()
    member = make_party_member(branch, community=a, name="王建国")
    household = make_household(grid)
    pair_now(household, member, pairing_days_ago)
    people = {
        "member": member,
        "other_member": make_party_member(branch, community=a, name="李红梅"),
        "pending_member": make_party_member(branch, status="pending", community=a, name="赵申请"),
        "grid_worker": grant_grid(make_user(name="第一网格员"), roles.GRID_WORKER, grid),
        "grid_leader": grant_grid(make_user(name="第一网格长"), roles.GRID_LEADER, grid),
        "other_grid_worker": grant_grid(make_user(name="第二网格员"), roles.GRID_WORKER, other_grid),
        "staff": make_organiser(a, name="滟澜社工"),
        "other_staff": make_organiser(b, name="新沙社工"),
        "admin": make_user(role="admin", name="街道管理员"),
        "resident": make_user(community=a, name="滟澜居民"),
    }
    return HouseholdWorld(a, b, grid, other_grid, branch, household, people)


@pytest.fixture()
def world(ctx):
    return build()
