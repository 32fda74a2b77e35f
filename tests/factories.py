"""Build real rows in the test database; one place, no copy-paste."""
import itertools
from datetime import timedelta

from app.auth import tokens
from app.extensions import db
from app.models import (
    CheckIn,
    Community,
    Event,
    MemberUnit,
    OrganiserScope,
    Registration,
    SubscriptionQuota,
    Team,
    TeamMembership,
    User,
    VolunteerProfile,
    utcnow,
)

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


def make_event(kind="lecture", community=None, member_unit=None, starts_in=timedelta(minutes=10),
               duration=timedelta(hours=2), **fields):
    """An event starting ``starts_in`` from now; check-in opens 30 minutes
    before the start and check-out closes an hour after the end unless given."""
    starts_at = utcnow() + starts_in
    ends_at = starts_at + duration
    values = {
        "title": f"活动{next(_seq)}",
        "venue": "下沙中学礼堂",
        "latitude": 30.3095,
        "longitude": 120.3550,
        "radius_m": 300,
        "checkin_opens_at": starts_at - timedelta(minutes=30),
        "checkin_closes_at": ends_at,
        "checkout_opens_at": starts_at,
        "checkout_closes_at": ends_at + timedelta(hours=1),
        "credits_hours": kind == "volunteer_activity",
    }
    values.update(fields)
    event = Event(kind=kind, starts_at=starts_at, ends_at=ends_at,
                  host_community_id=community.id if community else None,
                  host_member_unit_id=member_unit.id if member_unit else None, **values)
    db.session.add(event)
    db.session.commit()
    return event


def make_registration(event, user, status="registered"):
    registration = Registration(event_id=event.id, user_id=user.id, status=status)
    db.session.add(registration)
    db.session.commit()
    return registration


def make_checkin(event, user, direction="in", at=None, method="qr"):
    checkin = CheckIn(event_id=event.id, user_id=user.id, direction=direction, method=method,
                      scanned_at=at or utcnow())
    db.session.add(checkin)
    db.session.commit()
    return checkin


def make_volunteer(team=None, community=None, status="approved", **user_fields):
    """A user with an approved volunteer profile in ``team``."""
    user = make_user(role="volunteer" if status == "approved" else "resident", community=community, **user_fields)
    profile = VolunteerProfile(user_id=user.id, real_name=user.name, phone=user.phone or "13800000000",
                               community_id=community.id if community else None,
                               team_id=team.id if team else None, status=status, skills=[])
    db.session.add(profile)
    if team is not None and status == "approved":
        db.session.add(TeamMembership(user_id=user.id, team_id=team.id))
    db.session.commit()
    return user


def make_quota(user, template_id, remaining=1):
    """Our ledger's side of ``remaining`` acceptances (tests/notices/conftest.py's
    ``accept`` does both sides, as the phone and WeChat would)."""
    quota = SubscriptionQuota(user_id=user.id, template_id=template_id, remaining=remaining,
                              accepted_total=remaining, last_answer="accept", last_answered_at=utcnow())
    db.session.add(quota)
    db.session.commit()
    return quota
