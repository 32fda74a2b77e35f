"""A small alliance for the needs tests: community A with its staff and a
resident, community B's staff, three units (two serving A), their contacts."""
from dataclasses import dataclass

import pytest

from app.auth import roles
from app.extensions import db
from app.models import NeedStep, UnitResource
from app.needs import service
from tests.factories import auth_headers, grant, make_community, make_member_unit, make_organiser, make_user


@dataclass
class Alliance:
    a: object
    b: object
    staff: object  # organiser of community A
    staff_b: object  # organiser of community B
    resident: object
    neighbour: object  # another resident of A
    units: list
    contacts: list  # contacts[i] speaks for units[i]
    admin: object


def make_unit(name, community=None, lat=None, lng=None, kind="professional", service_name=None):
    unit = make_member_unit(name, level="community" if community else "subdistrict", community=community)
    unit.latitude, unit.longitude = lat, lng
    if kind:
        db.session.add(UnitResource(unit_id=unit.id, kind=kind, service=service_name, title=f"{name}{service_name or kind}"))
    db.session.commit()
    return unit


@pytest.fixture()
def world(ctx):
    a, b = make_community("智格社区"), make_community("七格社区")
    units = [
        make_unit("下沙供电所", a, 30.310, 120.350, service_name="家电维修"),
        make_unit("钱塘区人民医院", None, 30.330, 120.380, service_name="义诊"),
        make_unit("下沙中学", a, None, None, kind="venue"),
    ]
    contacts = [grant(make_user(name=f"{u.name}联络人"), roles.UNIT_CONTACT, u) for u in units]
    return Alliance(a=a, b=b, staff=make_organiser(a, name="智格王书记"), staff_b=make_organiser(b, name="七格李主任"),
                    resident=make_user(community=a, name="刘大伯", phone="13911112222"),
                    neighbour=make_user(community=a, name="陈阿姨"), units=units, contacts=contacts,
                    admin=make_user(role="admin", name="联盟办公室"))


def need_body(**fields):
    body = {"title": "空调不制冷", "description": "家里空调坏了，老人怕热", "kind": "professional",
            "service": "家电维修", "urgency": "high", "place": "智格社区3幢2单元301", "latitude": 30.311,
            "longitude": 120.351, "is_public": True}
    body.update(fields)
    return body


def raised(world, is_public=True, **fields):
    """A need raised by the world's resident, committed."""
    need = service.raise_need("resident", None, raised_by=world.resident, community_id=world.a.id,
                              contact_name="刘大伯", contact_phone="13911112222", is_public=is_public,
                              **{**dict(title="空调不制冷", kind="professional", service="家电维修",
                                        place="智格社区3幢2单元301", latitude=30.311, longitude=120.351), **fields})
    db.session.commit()
    return need


def photo(client, user, purpose="need_photo"):
    """The id of a photo ``user`` uploaded for ``purpose`` (POST /api/v1/uploads)."""
    from tests.files.conftest import uploaded

    return uploaded(client, user, purpose=purpose)["id"]


def post(client, user, path, body=None):
    return client.post(f"/api/v1{path}", json=body if body is not None else {}, headers=auth_headers(user))


def get(client, user, path, **query):
    return client.get(f"/api/v1{path}", query_string=query, headers=auth_headers(user))


def fresh(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def steps(need_id):
    db.session.expire_all()
    return db.session.execute(db.select(NeedStep).where(NeedStep.need_id == need_id)
                              .order_by(NeedStep.id)).scalars().all()

