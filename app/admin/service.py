"""Admin actions. Every one leaves an audit row in the same transaction."""
from datetime import timedelta

from sqlalchemy import or_

from app import audit, paging
from app.auth import grants, roles
from app.errors import APIError, invalid
from app.extensions import db
from app.localtime import wall_clock
from app.models import AuditLog, RoleGrant, User, VolunteerProfile


def create_admin(openid, name=None, actor=None, actor_label="cli"):
    """Make (or promote) the user with ``openid`` an admin."""
    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        user = User(openid=openid, name=name)
        db.session.add(user)
        db.session.flush()
    elif name:
        user.name = name
    audit.record("admin.create", actor=actor, actor_label=actor_label, target=user, detail={"openid": openid})
    grants.give(user, roles.ADMIN, roles.SUBDISTRICT, actor=actor, actor_label=actor_label)
    db.session.commit()
    return user


def grant_scope(user, community_id=None, member_unit_id=None, actor=None, actor_label=None):
    """Let ``user`` organise one community or member unit."""
    if (community_id is None) == (member_unit_id is None):
        raise APIError("validation_failed", "请选择一个社区或一个共建单位")
    if community_id is not None:
        return grants.give(user, roles.ORGANISER, roles.COMMUNITY, community_id, actor=actor, actor_label=actor_label)
    return grants.give(user, roles.ORGANISER, roles.MEMBER_UNIT, member_unit_id, actor=actor, actor_label=actor_label)


def _user_matches(q):
    """People whose name or phone holds ``q``, or whose id it is."""
    found = or_(User.name.contains(q, autoescape=True), User.phone.contains(q, autoescape=True))
    return or_(found, User.id == int(q)) if q.isascii() and q.isdigit() and len(q) <= 9 else found


def list_users(role=None, q=None, limit=50, after_id=None, offset=0, sort="id", order="asc"):
    """(one page of people, how many match)."""
    query = db.select(User)
    if after_id:
        query = query.where(User.id > after_id)
    if q:
        query = query.where(_user_matches(q))
    if role == roles.VOLUNTEER:
        query = query.where(User.id.in_(
            db.select(VolunteerProfile.user_id).where(VolunteerProfile.status == "approved")))
    elif role in roles.GRANTED_ROLES:
        query = query.where(User.id.in_(
            db.select(RoleGrant.user_id).where(RoleGrant.role == role, RoleGrant.revoked_at.is_(None))))
    return paging.page(paging.ordered(query, getattr(User, sort), order, User.id), limit, offset)


def _midnight(day):
    return wall_clock(day.year, day.month, day.day)


def list_audit(actor_id=None, action=None, target_type=None, from_=None, to=None, limit=100, before_id=None,
               offset=0, sort="id", order="desc"):
    """(one page of the audit trail, how many rows match). ``action`` ending
    in a dot is a family (``grant.`` finds grant.give and grant.take)."""
    query = db.select(AuditLog)
    if before_id:
        query = query.where(AuditLog.id < before_id)
    if actor_id:
        query = query.where(AuditLog.actor_id == actor_id)
    if action:
        query = query.where(AuditLog.action.startswith(action, autoescape=True) if action.endswith(".")
                            else AuditLog.action == action)
    if target_type:
        query = query.where(AuditLog.target_type == target_type)
    start = _midnight(from_) if from_ else None
    end = _midnight(to + timedelta(days=1)) if to else None
    if start is not None and end is not None and end <= start:
        raise invalid("to", "结束日期不能早于开始日期", "query")
    if start is not None:
        query = query.where(AuditLog.created_at >= start)
    if end is not None:
        query = query.where(AuditLog.created_at < end)
    return paging.page(paging.ordered(query, getattr(AuditLog, sort), order, AuditLog.id), limit, offset)
