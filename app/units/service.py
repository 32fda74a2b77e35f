"""Member units: create, edit, change status (with history), list, and who
their contacts are. Knows nothing of Flask's request."""
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import policy, roles
from app.errors import APIError
from app.extensions import db
from app.models import Community, MemberUnit, RoleGrant, UnitStatusChange, User, utcnow
from app.units.errors import refuse

JOINED_REASON = "加入联盟"


def get_unit(unit_id):
    unit = db.session.get(MemberUnit, unit_id)
    if unit is None:
        raise refuse("unit_not_found")
    return unit


def _check_community(fields):
    """A community-level unit names its community; the community exists."""
    community_id = fields.get("community_id")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise APIError("validation_failed", "社区不存在", details={"json": {"community_id": ["社区不存在"]}})
    if fields.get("level") == "community" and community_id is None:
        raise APIError("validation_failed", "社区级单位须选择所属社区",
                       details={"json": {"community_id": ["社区级单位须选择所属社区"]}})


def _name_free(name, unit_id=None):
    query = db.select(MemberUnit.id).where(MemberUnit.name == name)
    if unit_id is not None:
        query = query.where(MemberUnit.id != unit_id)
    if db.session.execute(query).first() is not None:
        raise refuse("unit_name_taken")


def record_status(unit, to_status, reason, actor, from_status=None):
    db.session.add(UnitStatusChange(unit_id=unit.id, from_status=from_status, to_status=to_status, reason=reason,
                                    changed_by_id=getattr(actor, "id", None), changed_at=utcnow()))


def create_unit(actor, fields):
    policy.require(policy.units.may_manage_units(actor))
    fields = dict(fields)
    reason = fields.pop("reason", None) or JOINED_REASON
    _check_community(fields)
    _name_free(fields["name"])
    unit = MemberUnit(status="active", **fields)
    db.session.add(unit)
    try:
        db.session.flush()
    except IntegrityError as exc:  # the same name, created a moment ago
        db.session.rollback()
        raise refuse("unit_name_taken") from exc
    record_status(unit, "active", reason, actor)
    audit.record("unit.create", actor=actor, detail={"unit_id": unit.id, "name": unit.name})
    db.session.commit()
    return unit


def update_unit(actor, unit, changes):
    if not changes:
        return unit
    if not policy.units.may_edit_profile(actor, unit, changes):
        if policy.units.may_act_for(actor, unit.id):
            raise refuse("profile_fields_only")
        raise APIError("out_of_scope")
    merged = {"level": unit.level, "community_id": unit.community_id, **changes}
    _check_community(merged)
    if "name" in changes:
        _name_free(changes["name"], unit.id)
    for key, value in changes.items():
        setattr(unit, key, value)
    if unit.level == "subdistrict" and "level" in changes and "community_id" not in changes:
        unit.community_id = None
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise refuse("unit_name_taken") from exc
    audit.record("unit.update", actor=actor, detail={"unit_id": unit.id, "fields": sorted(changes)})
    db.session.commit()
    return unit


def change_status(actor, unit, status, reason):
    policy.require(policy.units.may_manage_units(actor))
    if unit.status == status:
        raise refuse("unit_status_unchanged")
    previous, unit.status = unit.status, status
    record_status(unit, status, reason, actor, from_status=previous)
    audit.record("unit.status", actor=actor, detail={"unit_id": unit.id, "from": previous, "to": status})
    db.session.commit()
    return unit


def status_history(actor, unit):
    policy.require(policy.units.may_read_report(actor, unit))
    return db.session.execute(
        db.select(UnitStatusChange).where(UnitStatusChange.unit_id == unit.id)
        .order_by(UnitStatusChange.changed_at, UnitStatusChange.id)).scalars().all()


def list_units(args):
    query = db.select(MemberUnit)
    if "kind" in args:
        query = query.where(MemberUnit.kind == args["kind"])
    if "level" in args:
        query = query.where(MemberUnit.level == args["level"])
    if "community" in args:
        query = query.where(MemberUnit.community_id == args["community"])
    if "status" in args:
        query = query.where(MemberUnit.status == args["status"])
    if args.get("q"):
        pattern = "%" + args["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(MemberUnit.name.like(pattern, escape="\\"))
    return paged(query, MemberUnit.id, args, MemberUnit.level.desc(), MemberUnit.name, MemberUnit.id)


def paged(query, id_column, args, *order):
    """One page of ``query`` (limit / offset from ``args``) and the count of all its rows."""
    total = db.session.execute(query.with_only_columns(func.count(id_column))).scalar_one()
    rows = db.session.execute(query.order_by(*order).limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}


def contacts_of(unit_id):
    """The people holding a live unit_contact grant over the unit, by name."""
    return db.session.execute(
        db.select(User).join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role == roles.UNIT_CONTACT, RoleGrant.scope_kind == roles.MEMBER_UNIT,
               RoleGrant.scope_id == unit_id, RoleGrant.revoked_at.is_(None), User.is_active.is_(True))
        .order_by(RoleGrant.id)).scalars().all()


def present_detail(unit, user):
    phones = policy.units.may_see_contact_phones(user, unit)
    return {
        **{column: getattr(unit, column) for column in (
            "id", "name", "kind", "level", "community", "party_org_name", "address", "latitude", "longitude",
            "joined_on", "status", "introduction")},
        "contacts": [{"name": person.name, "phone": person.phone if phones else None}
                     for person in contacts_of(unit.id)],
        "can_edit_profile": policy.units.may_act_for(user, unit.id),
        "can_manage": policy.units.may_manage_units(user),
    }
