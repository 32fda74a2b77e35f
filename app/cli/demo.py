"""Demo data drawn from the seed article. Running it twice adds nothing."""
import time

import requests

from app.extensions import db
from app.models import Community, MemberUnit, OrganiserScope, Team, User

COMMUNITIES = [
    ("铭和社区", "minghe"),
    ("柠檬社区", "ningmeng"),
    ("智格社区", "zhige"),
    ("杭铎社区", "hangduo"),
    ("七格社区", "qige"),
    ("滟澜社区", "yanlan"),
    ("新沙社区", "xinsha"),
]

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
    for name, level, code in MEMBER_UNITS:
        _get_or_create(MemberUnit, {"name": name}, level=level,
                       community_id=communities[code].id if code else None)
    corps = _get_or_create(Team, {"name": CORPS}, level="corps")
    brigades = {name: _get_or_create(Team, {"name": name}, level="brigade", parent_id=corps.id) for name in BRIGADES}
    for squad, brigade, code in SQUADS:
        _get_or_create(Team, {"name": squad}, level="squad", parent_id=brigades[brigade].id,
                       community_id=communities[code].id)
    for openid, name, role, code, organises in PEOPLE:
        user = _get_or_create(User, {"openid": openid}, name=name, role=role,
                              community_id=communities[code].id if code else None)
        if organises:
            _get_or_create(OrganiserScope, {"user_id": user.id, "community_id": communities[organises].id})
    db.session.commit()
    return [
        f"communities: {len(COMMUNITIES)}",
        f"member units: {len(MEMBER_UNITS)}",
        f"teams: 1 corps, {len(BRIGADES)} brigades, {len(SQUADS)} squads",
        f"people: {', '.join(p[0] for p in PEOPLE)}",
    ]


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
