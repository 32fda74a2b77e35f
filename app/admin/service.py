"""Admin actions. Every one leaves an audit row in the same transaction."""
from app import audit
from app.auth import grants, roles
from app.errors import APIError
from app.extensions import db
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


def list_users(role=None, limit=50, after_id=None):
    query = db.select(User).order_by(User.id).limit(limit)
    if after_id:
        query = query.where(User.id > after_id)
    if role == roles.VOLUNTEER:
        query = query.where(User.id.in_(
            db.select(VolunteerProfile.user_id).where(VolunteerProfile.status == "approved")))
    elif role in roles.GRANTED_ROLES:
        query = query.where(User.id.in_(
            db.select(RoleGrant.user_id).where(RoleGrant.role == role, RoleGrant.revoked_at.is_(None))))
    return db.session.execute(query).scalars().all()


def list_audit(limit=100, before_id=None):
    query = db.select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if before_id:
        query = query.where(AuditLog.id < before_id)
    return db.session.execute(query).scalars().all()
