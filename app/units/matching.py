"""Which units can answer a need: the needs area's dispatch suggestions start here.

``units_offering(kind, service=None, community_id=None)`` returns the active
units holding an active resource of ``kind`` (one of
``app.models.RESOURCE_KINDS``; with ``service`` that exact service, e.g.
家电维修) that serves ``community_id`` (the resource lists that community, or
lists none: every community) and is available today. The answer is a list of
``Offer(unit, resources)``, units by name, each with its matching resources;
the caller ranks them (distance, open duties, past ratings).
"""
from collections import namedtuple

from app.extensions import db
from app.models import MemberUnit, UnitResource
from app.units.resources import available_on, serves, today

Offer = namedtuple("Offer", "unit resources")


def units_offering(kind, service=None, community_id=None, day=None):
    query = (db.select(UnitResource, MemberUnit).join(MemberUnit, MemberUnit.id == UnitResource.unit_id)
             .where(MemberUnit.status == "active", UnitResource.is_active.is_(True), UnitResource.kind == kind,
                    available_on(day or today()))
             .order_by(MemberUnit.name, MemberUnit.id, UnitResource.id))
    if service:
        query = query.where(UnitResource.service == service)
    if community_id is not None:
        query = query.where(serves(community_id))
    offers = {}
    for resource, unit in db.session.execute(query).all():
        offers.setdefault(unit.id, Offer(unit, []))[1].append(resource)
    return list(offers.values())
