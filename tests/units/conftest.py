"""Rows the units tests share: a unit with its contact, and the office."""
from dataclasses import dataclass

import pytest

from app.auth import roles
from app.models import UnitStatusChange
from app.extensions import db
from tests.factories import grant, make_community, make_member_unit, make_user


@dataclass
class Alliance:
    community: object
    other_community: object
    unit: object
    other_unit: object
    contact: object
    other_contact: object
    admin: object
    resident: object


def make_unit(name=None, community=None, level="subdistrict", kind="school", **fields):
    unit = make_member_unit(name, level=level, community=community)
    unit.kind = kind
    for key, value in fields.items():
        setattr(unit, key, value)
    db.session.add(UnitStatusChange(unit_id=unit.id, to_status="active", reason="加入联盟"))
    db.session.commit()
    return unit


@pytest.fixture()
def alliance(ctx):
    community, other = make_community("七格社区"), make_community("杭铎社区")
    unit = make_unit("下沙中学", community=community, level="community")
    other_unit = make_unit("下沙供电所", kind="enterprise")
    contact = grant(make_user(name="李老师", phone="13800000011"), roles.UNIT_CONTACT, unit)
    other_contact = grant(make_user(name="王师傅", phone="13800000022"), roles.UNIT_CONTACT, other_unit)
    return Alliance(community, other, unit, other_unit, contact, other_contact, make_user(role="admin"),
                    make_user(community=community, name="七格居民"))
