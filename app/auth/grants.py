"""Giving and taking roles. Every change leaves an audit row in the same
transaction, and a taken grant stays as history (``revoked_at``)."""
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import roles, tokens
from app.auth.policy import is_staff
from app.errors import APIError, invalid
from app.extensions import db
from app.models import Community, Grid, MemberUnit, PartyBranch, RoleGrant, utcnow

# Where a scope's id points, per kind that has a table today.
_SCOPE_TABLES = {
    roles.COMMUNITY: (Community, "社区不存在"),
    roles.MEMBER_UNIT: (MemberUnit, "共建单位不存在"),
    roles.GRID: (Grid, "网格不存在"),
    roles.PARTY_BRANCH: (PartyBranch, "党组织不存在"),
}


def _check(role, scope_kind, scope_id):
    if role not in roles.GRANTABLE:
        raise invalid("role", "该角色不能授予")
    if scope_kind not in roles.GRANTABLE[role]:
        allowed = "、".join(roles.SCOPE_LABELS[k] for k in roles.GRANTABLE[role])
        raise invalid("scope_kind", f"{roles.ROLE_LABELS[role]}只能授予在{allowed}范围内")
    if scope_kind == roles.SUBDISTRICT:
        if scope_id is not None:
            raise invalid("scope_id", "街道范围不需要指定对象")
        return
    if scope_id is None:
        raise invalid("scope_id", "请选择授权的对象")
    model, missing = _SCOPE_TABLES[scope_kind]
    if db.session.get(model, scope_id) is None:
        raise APIError("not_found", missing)


def live_grant(user_id, role, scope_kind, scope_id):
    return db.session.execute(
        db.select(RoleGrant).filter_by(user_id=user_id, role=role, scope_kind=scope_kind, scope_id=scope_id,
                                       revoked_at=None)
    ).scalar_one_or_none()


def give(user, role, scope_kind, scope_id=None, actor=None, actor_label=None, commit=True):
    """Grant ``role`` over the scope; (grant, created). Giving a grant the
    person already holds returns the live one. ``commit=False`` leaves the
    grant in the caller's transaction (a batch that must land whole, such as
    ``flask jusha import-units``); a concurrent identical grant then fails
    the caller's commit instead of being absorbed here."""
    _check(role, scope_kind, scope_id)
    existing = live_grant(user.id, role, scope_kind, scope_id)
    if existing is not None:
        return existing, False
    grant = RoleGrant(user_id=user.id, role=role, scope_kind=scope_kind, scope_id=scope_id,
                      granted_by_id=getattr(actor, "id", None), granted_at=utcnow())
    db.session.add(grant)
    try:
        db.session.flush()
    except IntegrityError:
        if not commit:
            raise
        # Someone gave the same grant a moment ago: theirs stands.
        db.session.rollback()
        return live_grant(user.id, role, scope_kind, scope_id), False
    audit.record("grant.give", actor=actor, actor_label=actor_label, target=user,
                 detail={"grant_id": grant.id, "role": role, "scope_kind": scope_kind, "scope_id": scope_id})
    if commit:
        db.session.commit()
    db.session.expire(user, ["grants"])
    return grant, True


def take(grant, actor=None, actor_label=None):
    """Revoke a live grant. Losing one's last staff grant logs the person out
    everywhere, so a phone left signed in holds no stale tools."""
    if grant.revoked_at is not None:
        return grant
    user = grant.user
    if actor is not None and actor.id == user.id and grant.role == roles.ADMIN:
        raise APIError("conflict", "不能取消自己的管理员身份", status=409)
    updated = db.session.execute(
        db.update(RoleGrant).where(RoleGrant.id == grant.id, RoleGrant.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_by_id=getattr(actor, "id", None))
    ).rowcount
    if updated:
        audit.record("grant.take", actor=actor, actor_label=actor_label, target=user,
                     detail={"grant_id": grant.id, "role": grant.role, "scope_kind": grant.scope_kind,
                             "scope_id": grant.scope_id})
    db.session.commit()
    db.session.expire(user, ["grants"])
    db.session.refresh(grant)
    if updated and not is_staff(user):
        tokens.revoke_all(user.id)
    return grant


def history(user_id):
    """Every grant the person has held, live and taken, oldest first."""
    return db.session.execute(
        db.select(RoleGrant).where(RoleGrant.user_id == user_id).order_by(RoleGrant.id)
    ).scalars().all()


def take_all(user, actor=None, actor_label=None):
    for grant in list(user.grants):
        take(grant, actor=actor, actor_label=actor_label)
