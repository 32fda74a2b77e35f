"""Demo mediation in 七格社区: the 钱塘阿姨调解中队 (app/cli/demo.py's squad)
is the community's mediation squad, 周阿姨 and 吴阿姨 are its mediators,
孙主任 leads; five cases with made-up parties, one in every state (one
settled with its agreement). Running it twice adds nothing (cases are made
only while the community has none)."""
from datetime import timedelta

from sqlalchemy import func, select

from app.auth import grants, roles
from app.extensions import db
from app.mediation import cases
from app.models import Community, MediationCase, MediationSquad, Team, TeamMembership, User, VolunteerProfile, utcnow

SQUAD = "钱塘阿姨调解中队"
LEAD, MEDIATORS = "demo-mediation-lead", ("demo-mediator", "demo-mediator-2")  # in app/cli/demo.py PEOPLE

# (kind, summary, parties [(side, name, phone, address)], days ago, what happened)
STORIES = [
    ("noise", "楼上住户夜间装修，楼下老人无法休息，双方多次争吵。",
     [("applicant", "赵桂芳", "13900001001", "七格社区 5 幢 302"), ("respondent", "孙建国", "13900001002", "七格社区 5 幢 402")],
     40, "settled"),
    ("leak", "卫生间漏水殃及楼下吊顶，维修费用分担有争议。",
     [("applicant", "李秀英", "13900001003", "七格社区 2 幢 101"), ("respondent", "周志强", "13900001004", "七格社区 2 幢 201")],
     25, "in_mediation"),
    ("parking", "电动车长期停放楼道，邻居担心消防安全。",
     [("applicant", "吴美华", "13900001005", "七格社区 8 幢 601"), ("respondent", "郑小军", "13900001006", "七格社区 8 幢 602")],
     3, "open"),
    ("family", "子女对老人赡养费分担意见不一。",
     [("applicant", "王阿婆", "13900001007", "七格社区 1 幢 105"), ("respondent", "王海", "13900001008", "下沙街道文海苑"),
      ("respondent", "王丽", "13900001009", "下沙街道金沙湖")],
     60, "referred"),
    ("property", "物业服务费调价，部分业主拒缴，与物业公司僵持。",
     [("applicant", "七格社区某物业服务中心", "0571-86000001", None), ("respondent", "陈立新", "13900001010", "七格社区 6 幢 903")],
     90, "closed"),
]


def _person(openid):
    return db.session.execute(select(User).filter_by(openid=openid)).scalar_one()


def _make_mediator(user, squad):
    """An approved volunteer of the squad (as the squad's organiser would approve)."""
    if db.session.execute(select(VolunteerProfile.id).filter_by(user_id=user.id)).scalar() is None:
        db.session.add(VolunteerProfile(user_id=user.id, real_name=user.name, phone="13800000010",
                                        community_id=user.community_id, team_id=squad.id, status="approved",
                                        skills=["矛盾调解"], reviewed_at=utcnow()))
        db.session.add(TeamMembership(user_id=user.id, team_id=squad.id))
        db.session.commit()


def _tell(story, lead, mediators):
    kind, summary, parties, days, ending = story
    start = utcnow() - timedelta(days=days)
    actor = mediators[0] if ending != "open" else mediators[1]
    case = cases.open_case(actor, {"community_id": lead.community_id, "kind": kind, "summary": summary, "parties": [
        {"side": s, "name": n, "phone": p, "address": a} for s, n, p, a in parties]}, now=start)
    if ending == "open":
        return
    cases.assign(lead, case.id, mediators[1].id, now=start + timedelta(hours=2))
    cases.log_session(actor, case.id, {"place": "七格社区调解室", "notes": "双方到场各自陈述，钱塘阿姨耐心劝解，约定再次面谈。"},
                      now=start + timedelta(days=2))
    if ending == "in_mediation":
        return
    outcome = {"settled": {"outcome": "settled", "terms": "一、装修施工时间限于工作日 8:00 至 18:00，周末不施工。\n"
                                                          "二、孙建国向赵桂芳当面致歉。\n三、双方今后有事先沟通，和睦相处。"},
               "referred": {"outcome": "referred", "referred_to": "下沙街道人民调解委员会", "note": "涉及财产分割，移交处理。"},
               "closed": {"outcome": "not_settled", "note": "双方分歧较大，建议通过业主大会协商。"}}[ending]
    cases.record_outcome(actor, case.id, outcome, now=start + timedelta(days=5))
    cases.log_follow_up(actor, case.id, {"notes": "一周后回访，双方情绪平稳。"}, now=start + timedelta(days=12))
    if ending == "closed":
        cases.close(lead, case.id, now=start + timedelta(days=14))


def seed_mediation():
    community = db.session.execute(select(Community).filter_by(code="qige")).scalar_one()
    squad = db.session.execute(select(Team).filter_by(name=SQUAD)).scalar_one()
    lead, mediators = _person(LEAD), [_person(openid) for openid in MEDIATORS]
    grants.give(lead, roles.MEDIATION_LEAD, roles.COMMUNITY, community.id, actor_label="demo")
    for mediator in mediators:
        _make_mediator(mediator, squad)
    if db.session.get(MediationSquad, community.id) is None:
        cases.set_squad(_person("demo-admin"), community.id, squad.id)
    existing = db.session.execute(select(func.count()).select_from(MediationCase)
                                  .where(MediationCase.community_id == community.id)).scalar_one()
    if not existing:
        for story in STORIES:
            _tell(story, lead, mediators)
    count = db.session.execute(select(func.count()).select_from(MediationCase)).scalar_one()
    return f"mediation: {SQUAD} for {community.name}, lead {LEAD}, mediators {', '.join(MEDIATORS)}; {count} cases"
