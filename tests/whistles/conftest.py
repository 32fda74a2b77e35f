"""Whistles fixtures: a community with its staff, units with contacts, and
helpers that raise a whistle and report through the API."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.auth import roles
from app.extensions import db
from app.models import MemberUnit, utcnow
from tests.factories import auth_headers, grant, make_community, make_organiser, make_user
from tests.notices.conftest import notice_worker  # noqa: F401  (the queue worker, for end-to-end calls)


@dataclass
class Alliance:
    community: object
    other_community: object
    staff: object
    other_staff: object
    admin: object
    units: list          # three active units of the alliance
    contacts: dict       # unit id -> [its contact users]
    left_unit: object    # a unit that left the alliance
    resident: object


def make_unit(name, status="active", community=None):
    unit = MemberUnit(name=name, level="community" if community else "subdistrict", status=status,
                      community_id=community.id if community else None)
    db.session.add(unit)
    db.session.commit()
    return unit


@pytest.fixture()
def alliance(ctx):
    community, other = make_community("智格社区"), make_community("柠檬社区")
    units = [make_unit("下沙中学"), make_unit("钱塘区人民医院"), make_unit("下沙供电所")]
    contacts = {}
    for unit in units:
        contacts[unit.id] = [grant(make_user(name=f"{unit.name}联络人"), roles.UNIT_CONTACT, unit)]
    # The school has a second contact: a unit organiser speaks for it too.
    contacts[units[0].id].append(make_organiser(units[0], name="下沙中学组织者"))
    return Alliance(community=community, other_community=other, staff=make_organiser(community, name="智格书记"),
                    other_staff=make_organiser(other, name="柠檬主任"), admin=make_user(role="admin"),
                    units=units, contacts=contacts, left_unit=make_unit("已退出单位", status="left"),
                    resident=make_user(community=community, name="智格居民"))


def whistle_body(community, **changes):
    body = {"community_id": community.id, "title": "暴雨后小区积水清理", "description": "3 号楼地下车库进水",
            "place": "智格社区 3 号楼", "latitude": 30.3101, "longitude": 120.3612,
            "needed_by": (utcnow() + timedelta(hours=3)).isoformat(), "to_all_units": True}
    body.update(changes)
    return body


def raise_whistle(client, user, community, **changes):
    response = client.post("/api/v1/whistles", json=whistle_body(community, **changes), headers=auth_headers(user))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def report(client, user, whistle_id, unit, **changes):
    body = {"unit_id": unit.id, "people_count": 5, "brings": "抽水泵 2 台",
            "arrive_at": (utcnow() + timedelta(hours=1)).isoformat()}
    body.update(changes)
    return client.post(f"/api/v1/whistles/{whistle_id}/reports", json=body, headers=auth_headers(user))

