"""Build real rows in the test database; one place, no copy-paste."""
import itertools
from datetime import datetime, time, timedelta

from app.auth import roles, tokens
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import (
    CheckIn,
    Community,
    Event,
    MemberUnit,
    Registration,
    RoleGrant,
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
    user = User(openid=openid or f"o-test-{n:06d}", name=name or f"用户{n}", phone=phone,
                community_id=community.id if community else None)
    db.session.add(user)
    db.session.flush()
    # "volunteer" and "resident" are not granted: being a volunteer follows
    # from an approved profile (make_volunteer).
    if role == roles.ADMIN:
        grant(user, roles.ADMIN)
    for target in organises:
        grant(user, roles.ORGANISER, target)
    db.session.commit()
    return user


def grant(user, role, target=None):
    """Give ``user`` a live grant of ``role`` over ``target`` (a community,
    a member unit, or None for the subdistrict), as an admin would."""
    if target is None:
        kind, target_id = roles.SUBDISTRICT, None
    elif isinstance(target, Community):
        kind, target_id = roles.COMMUNITY, target.id
    else:
        kind, target_id = roles.MEMBER_UNIT, target.id
    db.session.add(RoleGrant(user_id=user.id, role=role, scope_kind=kind, scope_id=target_id))
    db.session.commit()
    db.session.expire(user, ["grants"])
    return user


def make_organiser(*targets, **kwargs):
    return make_user(role="organiser", organises=targets, **kwargs)


def make_team(name=None, level="squad", parent=None, community=None, member_unit=None):
    team = Team(name=name or f"队伍{next(_seq)}", level=level, parent_id=parent.id if parent else None,
                community_id=community.id if community else None,
                member_unit_id=member_unit.id if member_unit else None)
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
    n = next(_seq)
    values = {
        "title": f"活动{n}",
        "scene": f"e{n}.test",
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
    """A check-in row, and for a check-out what the check-in area then does:
    send ``checked_out`` (so a volunteer activity gets its service record)."""
    from flask import current_app

    from app import signals

    checkin = CheckIn(event_id=event.id, user_id=user.id, direction=direction, method=method,
                      scanned_at=at or utcnow())
    db.session.add(checkin)
    db.session.commit()
    if direction == "out":
        checked_in_at = db.session.execute(db.select(CheckIn.scanned_at).filter_by(
            event_id=event.id, user_id=user.id, direction="in")).scalar()
        if checked_in_at is not None:
            signals.checked_out.send(current_app._get_current_object(), event_id=event.id, user_id=user.id,
                                     credits_hours=event.credits_hours, checked_in_at=checked_in_at,
                                     checked_out_at=checkin.scanned_at)
    return checkin


def checkin_token(event, purpose="checkin", at=None):
    """The token the event's screen shows now (or at unix time ``at``)."""
    from app.checkin import tokens as checkin_tokens

    return checkin_tokens.issue(event.id, purpose, now=at).token


def make_id_number(birth=None, region="330114"):
    """A distinct 18-character ID number with a correct check character."""
    from datetime import date

    from app.volunteers.identity import id_check_char

    n = next(_seq)
    birth = birth or (date(1950, 1, 1) + timedelta(days=n % 20000)).strftime("%Y%m%d")
    first17 = f"{region}{birth}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def make_volunteer(team=None, community=None, status="approved", id_number=None, **user_fields):
    """A user with an approved volunteer profile in ``team`` (ID number stored
    as the application stores it: encrypted, masked, digested)."""
    user = make_user(role="volunteer" if status == "approved" else "resident", community=community, **user_fields)
    make_profile(user, team=team, community=community, status=status, id_number=id_number)
    return user


def make_profile(user, team=None, community=None, status="approved", id_number=None):
    """``user``'s volunteer profile (``status="pending"``: an application
    waiting for review), with a squad membership when approved into a team."""
    from app.volunteers import identity
    from app.volunteers.consent import CONSENT_VERSION

    id_number = id_number or make_id_number()
    profile = VolunteerProfile(user_id=user.id, real_name=user.name, phone=user.phone or "13800000000",
                               community_id=community.id if community else None,
                               team_id=team.id if team else None, status=status, skills=[],
                               id_number_encrypted=identity.encrypt_id_number(id_number),
                               id_number_masked=identity.mask_id_number(id_number),
                               id_number_digest=identity.id_number_digest(id_number),
                               consent_version=CONSENT_VERSION, consented_at=utcnow())
    db.session.add(profile)
    if team is not None and status == "approved":
        db.session.add(TeamMembership(user_id=user.id, team_id=team.id))
    db.session.commit()
    return profile


def event_body(kind="lecture", starts_in_days=3, hours=2, **fields):
    """A POST /api/v1/events body: an event at 09:00 Shanghai time in
    ``starts_in_days`` days, times written with a +08:00 offset."""
    day = (utcnow() + timedelta(days=starts_in_days)).astimezone(CHINA_TZ).date()
    starts_at = datetime.combine(day, time(9), tzinfo=CHINA_TZ)
    body = {
        "kind": kind,
        "title": f"活动{next(_seq)}",
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(hours=hours)).isoformat(),
        "venue": "下沙中学礼堂",
    }
    if kind == "lecture":
        body.update(speaker="王老师", audience="全体党员")
    body.update(fields)
    return body


def make_hours(volunteer, event=None, hours=2.0, approver=None, community=None, days_ago=1, approve=True):
    """A volunteer activity ``days_ago`` in the past with ``volunteer`` checked
    in at its start and out ``hours`` later, its record created by the hours
    service and (unless ``approve=False``) approved. Returns the record."""
    from app.hours.records import approve as approve_records
    from app.hours.records import record_hours_from_checkins

    if event is None:
        event = make_event(kind="volunteer_activity", community=community,
                           starts_in=-timedelta(days=days_ago), duration=timedelta(hours=max(hours, 1) + 1))
    make_checkin(event, volunteer, "in", at=event.starts_at)
    make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(hours=hours))
    (record,) = record_hours_from_checkins(event.id, volunteer.id)
    if approve:
        approver = approver or make_user(role="admin")
        approve_records(approver, [record])
    return record


def make_quota(user, template_id, remaining=1):
    """Our ledger's side of ``remaining`` acceptances (tests/notices/conftest.py's
    ``accept`` does both sides, as the phone and WeChat would)."""
    quota = SubscriptionQuota(user_id=user.id, template_id=template_id, remaining=remaining,
                              accepted_total=remaining, last_answer="accept", last_answered_at=utcnow())
    db.session.add(quota)
    db.session.commit()
    return quota
