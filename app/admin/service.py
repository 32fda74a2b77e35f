"""Admin actions. Every one leaves an audit row in the same transaction."""
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import tokens
from app.errors import APIError
from app.extensions import db
from app.models import ROLES, Community, MemberUnit, OrganiserScope, User


def create_admin(openid, name=None, actor=None, actor_label="cli"):
    """Make (or promote) the user with ``openid`` an admin."""
    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        user = User(openid=openid, role="admin", name=name)
        db.session.add(user)
        db.session.flush()
    else:
        user.role = "admin"
        if name:
            user.name = name
    audit.record("admin.create", actor=actor, actor_label=actor_label, target=user, detail={"openid": openid})
    db.session.commit()
    return user


def set_role(user, role, actor=None, actor_label=None):
    if role not in ROLES:
        raise APIError("validation_failed", "角色不存在")
    if actor is not None and actor.id == user.id and role != "admin":
        raise APIError("conflict", "不能取消自己的管理员身份", status=409)
    previous = user.role
    user.role = role
    audit.record("user.set_role", actor=actor, actor_label=actor_label, target=user,
                 detail={"from": previous, "to": role})
    db.session.commit()
    if previous in ("organiser", "admin") and role not in ("organiser", "admin"):
        # Staff powers are taken away at once, not when the token expires.
        tokens.revoke_all(user.id)
    return user


def grant_scope(user, community_id=None, member_unit_id=None, actor=None, actor_label=None):
    """Let ``user`` organise one community or member unit (and make them an organiser)."""
    if (community_id is None) == (member_unit_id is None):
        raise APIError("validation_failed", "请选择一个社区或一个共建单位")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise APIError("not_found", "社区不存在")
    if member_unit_id is not None and db.session.get(MemberUnit, member_unit_id) is None:
        raise APIError("not_found", "共建单位不存在")
    existing = db.session.execute(
        db.select(OrganiserScope).filter_by(user_id=user.id, community_id=community_id, member_unit_id=member_unit_id)
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    scope = OrganiserScope(user_id=user.id, community_id=community_id, member_unit_id=member_unit_id,
                           granted_by_id=getattr(actor, "id", None))
    db.session.add(scope)
    if user.role in ("resident", "volunteer"):
        user.role = "organiser"
    try:
        db.session.flush()
    except IntegrityError:
        # Another admin granted the same scope a moment ago: theirs stands.
        db.session.rollback()
        return db.session.execute(
            db.select(OrganiserScope).filter_by(user_id=user.id, community_id=community_id,
                                                member_unit_id=member_unit_id)
        ).scalar_one()
    audit.record("organiser.grant_scope", actor=actor, actor_label=actor_label, target=user,
                 detail={"community_id": community_id, "member_unit_id": member_unit_id})
    db.session.commit()
    return scope


def revoke_scope(scope, actor=None, actor_label=None):
    audit.record("organiser.revoke_scope", actor=actor, actor_label=actor_label, target=scope.user,
                 detail={"community_id": scope.community_id, "member_unit_id": scope.member_unit_id})
    db.session.delete(scope)
    db.session.commit()


def list_audit(limit=100, before_id=None):
    from app.models import AuditLog

    query = db.select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if before_id:
        query = query.where(AuditLog.id < before_id)
    return db.session.execute(query).scalars().all()
