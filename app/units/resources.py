"""资源清单: what a unit offers. Everyone signed in browses them; the unit's
contacts and the office edit them."""
from sqlalchemy import exists, or_
from sqlalchemy.orm import contains_eager

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.localtime import local
from app.models import Community, MemberUnit, UnitResource, resource_communities, utcnow
from app.units.errors import refuse
from app.units.service import get_unit, paged


def get_resource(resource_id):
    resource = db.session.get(UnitResource, resource_id)
    if resource is None:
        raise refuse("resource_not_found")
    return resource


def _communities(ids):
    ids = sorted(set(ids))
    found = db.session.execute(db.select(Community).where(Community.id.in_(ids))).scalars().all() if ids else []
    if len(found) != len(ids):
        missing = sorted(set(ids) - {c.id for c in found})
        raise APIError("validation_failed", "社区不存在",
                       details={"json": {"community_ids": [f"社区不存在：{', '.join(map(str, missing))}"]}})
    return found


def _dates_in_order(resource):
    if resource.available_from and resource.available_until and resource.available_from > resource.available_until:
        raise APIError("validation_failed", "结束日期不能早于开始日期",
                       details={"json": {"available_until": ["结束日期不能早于开始日期"]}})


def create_resource(actor, fields):
    fields = dict(fields)
    unit = get_unit(fields.pop("unit_id"))
    policy.require(policy.units.may_act_for(actor, unit.id))
    if unit.status != "active":
        raise refuse("unit_not_active")
    communities = _communities(fields.pop("community_ids", []))
    resource = UnitResource(unit_id=unit.id, **fields)
    resource.communities = communities
    db.session.add(resource)
    db.session.commit()
    return resource


def update_resource(actor, resource, changes):
    policy.require(policy.units.may_act_for(actor, resource.unit_id))
    changes = dict(changes)
    if "community_ids" in changes:
        resource.communities = _communities(changes.pop("community_ids"))
    for key, value in changes.items():
        setattr(resource, key, value)
    _dates_in_order(resource)
    db.session.commit()
    return resource


def delete_resource(actor, resource):
    policy.require(policy.units.may_act_for(actor, resource.unit_id))
    db.session.delete(resource)
    db.session.commit()


def serves(community_id):
    """SQL: the resource serves ``community_id`` (it lists it, or lists none: every community)."""
    listed = db.select(resource_communities.c.resource_id).where(
        resource_communities.c.resource_id == UnitResource.id)
    return or_(~exists(listed), exists(listed.where(resource_communities.c.community_id == community_id)))


def available_on(day):
    return (or_(UnitResource.available_from.is_(None), UnitResource.available_from <= day)
            & or_(UnitResource.available_until.is_(None), UnitResource.available_until >= day))


def list_resources(args):
    query = (db.select(UnitResource).join(MemberUnit, MemberUnit.id == UnitResource.unit_id)
             .options(contains_eager(UnitResource.unit)))
    if args["active"]:
        query = query.where(UnitResource.is_active.is_(True), MemberUnit.status == "active")
    else:
        query = query.where(or_(UnitResource.is_active.is_(False), MemberUnit.status != "active"))
    if "kind" in args:
        query = query.where(UnitResource.kind == args["kind"])
    if args.get("service"):
        query = query.where(UnitResource.service == args["service"])
    if "unit_id" in args:
        query = query.where(UnitResource.unit_id == args["unit_id"])
    if "community" in args:
        query = query.where(serves(args["community"]))
    return paged(query, UnitResource.id, args, UnitResource.kind, MemberUnit.name, UnitResource.id)


def present(resource, user):
    return {**{c: getattr(resource, c) for c in (
        "id", "unit", "kind", "service", "title", "description", "capacity", "capacity_unit", "available_from",
        "available_until", "availability", "is_active", "communities")},
        "can_edit": policy.units.may_act_for(user, resource.unit_id)}


def present_page(page, user):
    return {**page, "items": [present(r, user) for r in page["items"]]}


def today():
    """Today in Xiasha."""
    return local(utcnow()).date()
