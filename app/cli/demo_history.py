"""A past year for the demo, so every screen has something true to show:
12 months of welfare days (planned by the real planner), volunteer
activities and shared lectures, check-ins and check-outs (the check-in
area's own insert), service records (made from the scans the way the
check-out handler makes them), approvals into the ledger (by the host's
organiser, as the hours page does), a certificate, and a notice that was
sent, with its deliveries.

Idempotent: events carry a plan_key, scans are exactly once per (event,
person, direction), records once per (event, person), only still-pending
records are approved, and the certificate and the notice are made once.
The newest activity is left for the organiser to approve (and one
check-out missing), so the 审核时长 page has work too.
"""
from datetime import datetime, timedelta

from app.events.times import current_month, default_windows, months_from
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import (
    Certificate,
    Community,
    Event,
    Notice,
    NoticeDelivery,
    ServiceRecord,
    Team,
    TeamMembership,
    User,
    VolunteerProfile,
    utcnow,
)

MONTHS = 12
# (openid, name, squad, community code)
VOLUNTEERS = [
    ("demo-volunteer", None, None, None),  # 张志愿, made by seed_demo
    ("demo-history-1", "王秀英", "铭和社区党员中队", "minghe"),
    ("demo-history-2", "李志强", "柠檬社区文明中队", "ningmeng"),
    ("demo-history-3", "吴海燕", "柠檬社区文明中队", "ningmeng"),
    ("demo-history-4", "赵建国", "智格社区巡防中队", "zhige"),
    ("demo-history-5", "孙丽华", "杭铎社区青年中队", "hangduo"),
    ("demo-history-6", "周桂芳", "钱塘阿姨调解中队", "qige"),
]
RESIDENTS = ("demo-resident", "demo-resident-2")
# Monthly volunteer activities, hosted in turn (title, host community code, venue, hour, hours long)
ACTIVITIES = [
    ("楼道清洁志愿服务", "minghe", "铭和社区党群服务中心", 9, 2),
    ("垃圾分类宣传引导", "ningmeng", "柠檬社区文化广场", 14, 3),
    ("独居老人上门探访", "minghe", "铭和社区党群服务中心", 9, 2),
]
NOTICE_KEY = "demo:history:notice:volunteer-call"


def seed_history():
    """Load the past year; returns a line for the demo's summary."""
    from app.events.welfare import plan_welfare_days

    now = utcnow()
    communities = {c.code: c for c in db.session.execute(db.select(Community)).scalars()}
    people = {openid: _volunteer(i, openid, name, squad, code, communities)
              for i, (openid, name, squad, code) in enumerate(VOLUNTEERS)}
    residents = [_user(openid) for openid in RESIDENTS]
    admin = _user("demo-admin")
    organisers = {"minghe": _user("demo-organiser-minghe"), "ningmeng": _user("demo-organiser-ningmeng")}

    year, month = current_month(now)
    start = (year - 1, month)  # the twelve months before this one
    # The planner plans from a moment before each month's day, as it did then.
    planned_at = datetime(start[0], start[1], 1, tzinfo=CHINA_TZ)
    plan_welfare_days(start_month=start, months=MONTHS, now=planned_at)

    events = []
    for index, (y, m) in enumerate(months_from(*start, MONTHS)):
        events += _welfare_activities(y, m)
        events.append(_activity(y, m, index, communities, organisers))
        if index % 2 == 0:
            events.append(_lecture(y, m))
    events = [e for e in events if e.ends_at < now]
    db.session.commit()

    newest = max((e for e in events if e.kind == "volunteer_activity"), key=lambda e: e.starts_at)
    volunteers = list(people.values())
    for n, event in enumerate(sorted(events, key=lambda e: e.starts_at)):
        _attend(event, n, volunteers, residents, admin, leave_open=event.id == newest.id)

    approved = _approve(events, newest, organisers, admin)
    certificate = _certificate(people["demo-volunteer"])
    notice = _sent_notice(organisers["minghe"], communities, events, now)
    return (f"history: {len(events)} past events over {MONTHS} months, {approved} records approved now, "
            f"certificate {certificate}, notice #{notice}")


def _user(openid):
    return db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()


def _volunteer(n, openid, name, squad_name, code, communities):
    """An approved volunteer who joined their squad before the year began."""
    from app.volunteers import identity
    from app.volunteers.consent import CONSENT_VERSION

    if name is None:
        return _user(openid)
    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        user = User(openid=openid, name=name, community_id=communities[code].id)
        db.session.add(user)
        db.session.flush()
    if db.session.execute(db.select(VolunteerProfile.id).filter_by(user_id=user.id)).scalar() is None:
        squad = db.session.execute(db.select(Team).filter_by(name=squad_name)).scalar_one()
        first17 = f"33011419850315{n:03d}"  # demo ID numbers with a valid check character
        id_number = first17 + identity.id_check_char(first17)
        joined = utcnow() - timedelta(days=400)
        db.session.add(VolunteerProfile(
            user_id=user.id, real_name=name, phone=f"138000001{n:02d}", community_id=user.community_id,
            team_id=squad.id, status="approved", skills=["助老", "文明劝导"],
            id_number_encrypted=identity.encrypt_id_number(id_number),
            id_number_masked=identity.mask_id_number(id_number), id_number_digest=identity.id_number_digest(id_number),
            consent_version=CONSENT_VERSION, consented_at=joined, reviewed_at=joined))
        db.session.add(TeamMembership(user_id=user.id, team_id=squad.id, joined_at=joined))
        db.session.commit()
    return user


def _welfare_activities(year, month):
    """The month's welfare-day activities in the communities (as planned)."""
    from app.events.welfare import plan_key

    day = db.session.execute(db.select(Event).filter_by(plan_key=plan_key(year, month))).scalar_one_or_none()
    if day is None:
        return []
    return db.session.execute(db.select(Event).where(Event.parent_id == day.id)).scalars().all()


def _event_once(plan_key, **values):
    event = db.session.execute(db.select(Event).filter_by(plan_key=plan_key)).scalar_one_or_none()
    if event is None:
        event = Event(plan_key=plan_key, status="published", registration_required=False,
                      **default_windows(values["starts_at"], values["ends_at"]), **values)
        db.session.add(event)
        db.session.flush()
        event.scene = f"e{event.id}.demo{event.id:04d}"[:32]
    return event


def _activity(year, month, index, communities, organisers):
    title, code, venue, hour, hours = ACTIVITIES[index % len(ACTIVITIES)]
    day = datetime(year, month, 20 + index % 6, hour, tzinfo=CHINA_TZ)
    return _event_once(
        f"demo:{year}-{month:02d}:activity", kind="volunteer_activity", title=f"{title}（{month}月）",
        host_community_id=communities[code].id, venue=venue, latitude=30.3120, longitude=120.3480, radius_m=200,
        starts_at=day, ends_at=day + timedelta(hours=hours), credits_hours=True,
        created_by_id=organisers[code].id)


def _lecture(year, month):
    day = datetime(year, month, 25, 14, tzinfo=CHINA_TZ)
    return _event_once(
        f"demo:{year}-{month:02d}:lecture", kind="lecture", title=f"聚沙讲堂：{month}月共享党课",
        speaker="下沙宣讲团", audience="联盟成员单位党员", venue="下沙中学礼堂", latitude=30.3095,
        longitude=120.3550, radius_m=300, starts_at=day, ends_at=day + timedelta(hours=2), credits_hours=False)


def _attend(event, n, volunteers, residents, admin, leave_open):
    """Scans through the check-in area's own exactly-once insert; records from
    them as the check-out handler makes them."""
    from app.checkin.service import record_row
    from app.hours.records import record_hours_from_checkins

    if event.kind == "lecture":
        people = residents + volunteers[:3]
    elif event.parent_id is not None:
        # Welfare day: the volunteers of that community, and 张志愿 at home in 铭和.
        people = [v for v in volunteers if v.community_id == event.host_community_id]
    else:
        people = [v for i, v in enumerate(volunteers) if (i + n) % 3 != 0 or v.openid == "demo-volunteer"]
    for i, person in enumerate(people):
        arrived = event.starts_at + timedelta(minutes=(i * 7 + n) % 20 - 8)
        left = event.ends_at + timedelta(minutes=(i * 11 + n) % 25 - 15)
        method = "manual" if person.openid == "demo-resident" else "qr"
        recorder = admin.id if method == "manual" else None
        record_row(db.session, event, person.id, "in", method, arrived, None, None, recorded_by_id=recorder)
        if not (leave_open and i == len(people) - 1):  # someone forgot to scan out
            record_row(db.session, event, person.id, "out", method, left, None, None, recorded_by_id=recorder)
    db.session.commit()
    if event.credits_hours:
        record_hours_from_checkins(event.id)


def _approve(events, newest, organisers, admin):
    """Approve what is still pending, as the host's organiser would; the
    newest activity waits for its organiser."""
    from app.hours.records import approve

    approved = 0
    for event in events:
        if not event.credits_hours or event.id == newest.id:
            continue
        pending = db.session.execute(db.select(ServiceRecord).where(
            ServiceRecord.event_id == event.id, ServiceRecord.status == "pending")).scalars().all()
        if not pending:
            continue
        code = next((c for c, o in organisers.items()
                     if event.host_community_id is not None and _organises(o, event.host_community_id)), None)
        done, _ = approve(organisers[code] if code else admin, pending)
        approved += len(done)
    return approved


def _organises(user, community_id):
    from app.auth import roles
    from app.auth.policy import holds

    return holds(user, roles.ORGANISER, roles.COMMUNITY, community_id)


def _certificate(holder):
    """张志愿's 志愿服务证明 of the year's approved hours, issued once."""
    from app.hours.certificates import issue

    existing = db.session.execute(db.select(Certificate.serial).filter_by(user_id=holder.id)).scalar()
    return existing or issue(holder, holder).serial


def _sent_notice(organiser, communities, events, now):
    """A volunteer call that went out last month: composed and checked by the
    notices area's own rules, its deliveries as the workers left them."""
    from app.notices import compose as composing

    existing = db.session.execute(db.select(Notice.id).filter_by(source_key=NOTICE_KEY)).scalar()
    if existing is not None:
        return existing
    squad = db.session.execute(db.select(Team).filter_by(name="铭和社区党员中队")).scalar_one()
    event = max((e for e in events if e.host_community_id == communities["minghe"].id and e.parent_id is None),
                key=lambda e: e.starts_at)
    composed = composing.compose(organiser, {
        "template_id": "volunteer_call", "page": f"pages/event/detail?id={event.id}",
        "audience": {"kind": "team", "team_id": squad.id},
        "values": {"thing1": event.title[:20], "date2": event.starts_at.astimezone(CHINA_TZ).strftime("%Y年%m月%d日"),
                   "thing3": (event.venue or "铭和社区")[:20], "name4": "王书记", "phone_number5": "0571-86000000"},
    })
    sent_at = event.starts_at - timedelta(days=3)
    notice = Notice(kind="manual", template_name=composed.template.name, template_id=composed.template.id,
                    data=composed.values, page=composed.page, audience=composed.audience.spec,
                    community_id=composed.audience.community_id, event_id=event.id, status="done",
                    send_at=sent_at, started_at=sent_at, finished_at=sent_at + timedelta(seconds=4),
                    source_key=NOTICE_KEY, created_by_id=organiser.id, created_at=sent_at, updated_at=sent_at)
    db.session.add(notice)
    db.session.flush()
    recipients = sorted(db.session.execute(composed.audience.user_ids).scalars())
    for i, user_id in enumerate(recipients):
        delivered = i % 3 != 2  # one in three had not allowed the message
        db.session.add(NoticeDelivery(
            notice_id=notice.id, user_id=user_id, template_id=composed.template.id,
            state="sent" if delivered else "skipped", reason=None if delivered else "no_subscription",
            attempts=1 if delivered else 0, msgid=700000 + notice.id * 100 + i if delivered else None,
            sent_at=sent_at + timedelta(seconds=2) if delivered else None, created_at=sent_at, updated_at=sent_at))
    db.session.commit()
    return notice.id
