"""Demo data drawn from the seed article. Running it twice adds nothing."""
import time
from datetime import datetime, timedelta

import requests

from app.auth import grants, roles
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import Community, Event, MemberUnit, Team, TeamMembership, User, VolunteerProfile, utcnow

XIASHA_MIDDLE_SCHOOL = {"venue": "下沙中学礼堂", "latitude": 30.3095, "longitude": 120.3550, "radius_m": 300}

COMMUNITIES = [
    ("铭和社区", "minghe"),
    ("柠檬社区", "ningmeng"),
    ("智格社区", "zhige"),
    ("杭铎社区", "hangduo"),
    ("七格社区", "qige"),
    ("滟澜社区", "yanlan"),
    ("新沙社区", "xinsha"),
]

# Approximate (GCJ-02) positions of the community offices in 下沙, Qiantang
# district, for the 数据大屏's map; good to a few hundred metres.
COMMUNITY_LOCATIONS = {
    "minghe": (30.3185, 120.3420),
    "ningmeng": (30.3120, 120.3530),
    "zhige": (30.3050, 120.3625),
    "hangduo": (30.2985, 120.3470),
    "qige": (30.3140, 120.3300),
    "yanlan": (30.2925, 120.3375),
    "xinsha": (30.2870, 120.3580),
}

# (name, level, community code or None)
MEMBER_UNITS = [
    ("下沙中学", "subdistrict", None),
    ("钱塘区人民医院", "subdistrict", None),
    ("金沙湖实验学校", "community", "minghe"),
    ("下沙供电所", "subdistrict", None),
    ("柠檬社区卫生服务站", "community", "ningmeng"),
]

CORPS = "下沙街道志愿服务总队"
BRIGADES = ["党员先锋大队", "文明实践大队", "平安巡防大队", "邻里互助大队", "青春志愿大队"]
# (squad, brigade, community code)
SQUADS = [
    ("铭和社区党员中队", "党员先锋大队", "minghe"),
    ("柠檬社区文明中队", "文明实践大队", "ningmeng"),
    ("智格社区巡防中队", "平安巡防大队", "zhige"),
    ("杭铎社区青年中队", "青春志愿大队", "hangduo"),
    ("钱塘阿姨调解中队", "邻里互助大队", "qige"),
]

# (openid, name, role, community code, organiser of community code)
PEOPLE = [
    ("demo-admin", "街道管理员", "admin", None, None),
    ("demo-organiser-minghe", "铭和社区王书记", "organiser", "minghe", "minghe"),
    ("demo-organiser-ningmeng", "柠檬社区李主任", "organiser", "ningmeng", "ningmeng"),
    ("demo-volunteer", "张志愿", "volunteer", "minghe", None),
    ("demo-resident", "陈阿姨", "resident", "minghe", None),
    ("demo-resident-2", "刘大伯", "resident", "zhige", None),
    # Unit contacts: their grant over the unit is given by the units demo (下沙中学) and the needs demo (下沙供电所).
    ("demo-unit-contact", "下沙中学李老师", "unit_contact", None, None),
    ("demo-unit-power", "下沙供电所赵师傅", "unit_contact", None, None),
    # Branch organiser of 铭和社区党委: the grant is given by the party demo (app/party/demo.py).
    ("demo-branch-secretary", "铭和社区党委刘书记", "branch_organiser", "minghe", None),
    ("demo-patroller", "周巡防", "volunteer", "zhige", None),  # 智格社区巡防中队's patroller: app/patrols/demo.py
    # 钱塘阿姨 mediation in 七格社区 (app/mediation/demo.py gives the lead's grant and the mediators' squad)
    ("demo-mediation-lead", "七格社区孙主任", "mediation_lead", "qige", None),
    ("demo-mediator", "周阿姨", "mediator", "qige", None),
    ("demo-mediator-2", "吴阿姨", "mediator", "qige", None),
    # 议事 in 新沙社区 (app/consultations/demo.py)
    ("demo-organiser-xinsha", "新沙社区黄书记", "organiser", "xinsha", "xinsha"),
    ("demo-resident-xinsha", "新沙社区郑大姐", "resident", "xinsha", None),
    ("demo-grid-worker", "网格员小周", "grid_worker", "minghe", None),  # granted a grid by app/reports/demo.py
]

DEMO_LOGIN_OPENID = "demo-resident"


def _get_or_create(model, lookup, **values):
    row = db.session.execute(db.select(model).filter_by(**lookup)).scalar_one_or_none()
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        db.session.flush()
    return row


def seed_demo():
    communities = {code: _get_or_create(Community, {"code": code}, name=name) for name, code in COMMUNITIES}
    for code, community in communities.items():
        if community.latitude is None:  # an admin's own position stays
            community.latitude, community.longitude = COMMUNITY_LOCATIONS[code]
    for name, level, code in MEMBER_UNITS:
        _get_or_create(MemberUnit, {"name": name}, level=level,
                       community_id=communities[code].id if code else None)
    corps = _get_or_create(Team, {"name": CORPS}, level="corps")
    brigades = {name: _get_or_create(Team, {"name": name}, level="brigade", parent_id=corps.id) for name in BRIGADES}
    for squad, brigade, code in SQUADS:
        _get_or_create(Team, {"name": squad}, level="squad", parent_id=brigades[brigade].id,
                       community_id=communities[code].id)
    for openid, name, role, code, organises in PEOPLE:
        user = _get_or_create(User, {"openid": openid}, name=name,
                              community_id=communities[code].id if code else None)
        db.session.commit()
        if role == roles.ADMIN:
            grants.give(user, roles.ADMIN, roles.SUBDISTRICT, actor_label="demo")
        if organises:
            grants.give(user, roles.ORGANISER, roles.COMMUNITY, communities[organises].id, actor_label="demo")
    db.session.commit()
    _seed_volunteer("demo-volunteer", "铭和社区党员中队")
    events = _seed_events(communities)
    from app.events.welfare import plan_welfare_days

    planned = plan_welfare_days(months=3)
    from app.cli.demo_history import seed_history

    history = seed_history()
    from app.needs.demo import seed_needs
    from app.residents.demo import seed_front_door
    from app.units.demo import seed_units
    from app.whistles.demo import seed_whistles
    from app.party.demo import seed_party
    from app.lectures.demo import seed_lectures
    from app.patrols.demo import seed_grids_and_patrols
    from app.mediation.demo import seed_mediation
    from app.consultations.demo import seed_consultations
    from app.hall.demo import seed_hall
    from app.reports.demo import seed_reports
    from app.quiz.demo import seed_quiz
    from app.households.demo import seed_households

    return [
        f"communities: {len(COMMUNITIES)}",
        f"member units: {len(MEMBER_UNITS)}",
        f"teams: 1 corps, {len(BRIGADES)} brigades, {len(SQUADS)} squads",
        f"people: {', '.join(p[0] for p in PEOPLE)}",
        f"events: {', '.join(events)}",
        f"welfare days planned: {len(planned['created'])} new rows for {', '.join(planned['months'])}",
        history,
        seed_units(),
        seed_needs(),  # after the units: it dispatches to them
        seed_whistles(),  # after the units: it calls them
        seed_front_door(),
        seed_party(),  # after the history: its volunteers become party members with records
        seed_lectures(),  # after the units: it invites them to a 共享党课
        seed_grids_and_patrols(),
        seed_mediation(),
        seed_consultations(),  # after the needs: a resolution names 下沙供电所
        seed_hall(),  # after the units: their teams play
        seed_reports(),  # after the people and communities: it files their reports
        seed_quiz(),  # after the people: their finished attempts
        seed_households(),  # after the needs: a visit raises one
    ]


def _seed_volunteer(openid, squad_name):
    """张志愿, an approved volunteer of a squad (as an organiser would have approved)."""
    from app.volunteers import identity
    from app.volunteers.consent import CONSENT_VERSION

    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()
    if db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user.id)).scalar_one_or_none():
        return
    squad = db.session.execute(db.select(Team).filter_by(name=squad_name)).scalar_one()
    first17 = "33011419900101123"  # a demo ID number with a valid check character
    id_number = first17 + identity.id_check_char(first17)
    db.session.add(VolunteerProfile(
        user_id=user.id, real_name=user.name, phone="13800000003", community_id=user.community_id,
        team_id=squad.id, status="approved", skills=["助老", "环境整治"],
        id_number_encrypted=identity.encrypt_id_number(id_number),
        id_number_masked=identity.mask_id_number(id_number), id_number_digest=identity.id_number_digest(id_number),
        consent_version=CONSENT_VERSION, consented_at=utcnow(), reviewed_at=utcnow()))
    db.session.add(TeamMembership(user_id=user.id, team_id=squad.id))
    db.session.commit()


def _seed_events(communities):
    """A shared lecture next Saturday, and today's volunteer activity with its
    check-in open now (one per day, so a demo run on any day has one)."""
    from app.events.service import create_event

    organiser = db.session.execute(db.select(User).filter_by(openid="demo-organiser-minghe")).scalar_one()
    today = datetime.now(CHINA_TZ).date()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    lecture_start = datetime.combine(saturday, datetime.min.time(), CHINA_TZ).replace(hour=14)
    activity_start = utcnow() + timedelta(minutes=20)
    wanted = [
        {"kind": "lecture", "title": "聚沙讲堂：学习百年党史，牢记初心使命", "speaker": "下沙宣讲团 王教授",
         "audience": "联盟成员单位党员", "starts_at": lecture_start, "ends_at": lecture_start + timedelta(hours=2),
         "capacity": 300, "registration_required": True, **XIASHA_MIDDLE_SCHOOL},
        {"kind": "volunteer_activity", "title": f"铭和社区楼道清洁志愿服务（{today:%m月%d日}）",
         "starts_at": activity_start, "ends_at": activity_start + timedelta(hours=2),
         "venue": "铭和社区党群服务中心", "latitude": 30.3120, "longitude": 120.3480, "radius_m": 200},
    ]
    titles = []
    for body in wanted:
        exists = db.session.execute(db.select(Event.id).filter_by(title=body["title"])).scalar()
        if exists is None:
            create_event(organiser, {**body, "host_community_id": communities["minghe"].id})
        titles.append(body["title"])
    return titles


def wait_for(urls, timeout):
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        try:
            if requests.get(pending[0], timeout=2).status_code == 200:
                pending.pop(0)
                continue
        except requests.RequestException:
            pass
        time.sleep(0.2)
    return not pending


def mint_demo_codes(emulator_url, app_url):
    """A one-time wx.login code per demo person, as the emulator would hand
    the phone; each works once, like WeChat's."""
    lines = ["  Ready-made login codes (one use each; `flask jusha demo-codes` mints more):"]
    codes = {}
    for openid, name, role, _, _ in PEOPLE:
        response = requests.post(f"{emulator_url}/_emulator/login-codes", json={"openid": openid}, timeout=5)
        response.raise_for_status()
        codes[openid] = response.json()["code"]
        lines.append(f"    {role:<10} {name:<10} code {codes[openid]}")
    code = codes[DEMO_LOGIN_OPENID]
    lines.append("")
    lines.append("  Log in, e.g.:")
    lines.append(f"    curl -s -X POST {app_url}/api/v1/auth/login -H 'Content-Type: application/json' "
                 f"-d '{{\"code\": \"{code}\"}}'")
    return lines
