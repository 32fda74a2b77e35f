"""Build real rows in the test database; one place, no copy-paste."""
import itertools

from app.auth import tokens
from app.extensions import db
from app.models import Community, MemberUnit, OrganiserScope, Team, User

_seq = itertools.count(1)


def make_community(name=None, code=None):
    n = next(_seq)
    community = Community(name=name or f"测试社区{n}", code=code or f"c{n}")
    db.session.add(community)
    db.session.commit()
    return community


def make_member_unit(name=None, level="subdistrict", community=None):
    unit = MemberUnit(name=name or f"共建单位{next(_seq)}", level=level,
                      community_id=community.id if community else None)
    db.session.add(unit)
    db.session.commit()
    return unit


def make_user(role="resident", community=None, openid=None, name=None, phone=None, organises=()):
    n = next(_seq)
    user = User(openid=openid or f"o-test-{n:06d}", role=role, name=name or f"用户{n}", phone=phone,
                community_id=community.id if community else None)
    db.session.add(user)
    db.session.flush()
    for target in organises:
        if isinstance(target, Community):
            db.session.add(OrganiserScope(user_id=user.id, community_id=target.id))
        else:
            db.session.add(OrganiserScope(user_id=user.id, member_unit_id=target.id))
    db.session.commit()
    return user


def make_organiser(*targets, **kwargs):
    return make_user(role="organiser", organises=targets, **kwargs)


def make_team(name=None, level="squad", parent=None, community=None):
    team = Team(name=name or f"队伍{next(_seq)}", level=level, parent_id=parent.id if parent else None,
                community_id=community.id if community else None)
    db.session.add(team)
    db.session.commit()
    return team


def auth_headers(user, ttl=3600):
    """A bearer header for ``user`` without a WeChat round trip (login itself
    is tested end to end in tests/auth)."""
    return {"Authorization": f"Bearer {tokens.issue(user, ttl)}"}
