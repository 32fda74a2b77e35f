"""A small party world: community A with its staff (organiser, not a branch
organiser), branch A (community A's) with its branch organiser, a unit
branch with its own organiser, a member unit in A, a party member living in
A who works in the unit, a neighbour, community B's staff and the office."""
from dataclasses import dataclass
from datetime import date

import pytest

from app.auth import roles
from app.extensions import db
from app.models import PartyBranch, PartyMembership, RoleGrant
from tests.factories import auth_headers, make_community, make_member_unit, make_organiser, make_user


def organise_branch(user, branch):
    db.session.add(RoleGrant(user_id=user.id, role=roles.BRANCH_ORGANISER, scope_kind=roles.PARTY_BRANCH,
                             scope_id=branch.id))
    db.session.commit()
    db.session.expire(user, ["grants"])
    return user


def make_branch(name, community=None, unit=None):
    branch = PartyBranch(name=name, kind="unit" if unit else "community",
                         community_id=community.id if community else None, member_unit_id=unit.id if unit else None)
    db.session.add(branch)
    db.session.commit()
    return branch


def make_membership(user, branch, status="confirmed", in_service=False, unit=None, joined_on=date(2005, 7, 1)):
    membership = PartyMembership(user_id=user.id, branch_id=branch.id, status=status, in_service=in_service,
                                 work_unit_id=unit.id if unit else None, joined_on=joined_on)
    db.session.add(membership)
    db.session.commit()
    return membership


@dataclass
class PartyWorld:
    a: object
    b: object
    unit: object
    branch: object  # community A's branch
    unit_branch: object  # the member unit's branch
    secretary: object  # branch_organiser of branch A
    unit_secretary: object  # branch_organiser of the unit branch
    staff: object  # organiser of community A, not a branch organiser
    staff_b: object  # organiser of community B
    member: object  # lives in A, works in the unit
    neighbour: object  # another resident of A
    admin: object

    def headers(self, person):
        return auth_headers(getattr(self, person) if isinstance(person, str) else person)


@pytest.fixture()
def world(ctx):
    a, b = make_community("铭和社区"), make_community("柠檬社区")
    unit = make_member_unit("下沙中学", community=a)
    branch = make_branch("铭和社区党总支", community=a)
    unit_branch = make_branch("下沙中学党支部", unit=unit)
    return PartyWorld(
        a=a, b=b, unit=unit, branch=branch, unit_branch=unit_branch,
        secretary=organise_branch(make_user(community=a, name="铭和党总支书记"), branch),
        unit_secretary=organise_branch(make_user(name="下沙中学党支部书记"), unit_branch),
        staff=make_organiser(a, name="铭和社区王主任"), staff_b=make_organiser(b, name="柠檬社区李主任"),
        member=make_user(community=a, name="赵党员"), neighbour=make_user(community=a, name="陈阿姨"),
        admin=make_user(role="admin", name="街道管理员"))
