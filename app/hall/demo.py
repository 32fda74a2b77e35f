"""A demo offline contest (党史学习亮初心) held today in the 下沙中学 hall: six
teams of member units and communities, three rounds (必答, 抢答, 风险题), two
rounds scored and the third under way, one entry corrected by the head judge,
so the projector's board and the judge's page have something live to show.
The head judge is 张志愿 (demo-volunteer), the other judge 刘大伯
(demo-resident-2). Running it twice adds nothing (found by its title)."""
import random

from app.extensions import db
from app.hall import service
from app.localtime import local
from app.models import Community, HallContest, MemberUnit, User, utcnow

TITLE = "党史学习亮初心·百年党史知多少知识竞赛"
UNIT_TEAMS = [("下沙中学代表队", "下沙中学", ["王晓燕", "李建国", "周敏"]),
              ("人民医院代表队", "钱塘区人民医院", ["陈医生", "吴护士长", "郑晓东"]),
              ("供电所代表队", "下沙供电所", ["赵师傅", "孙立新", "钱朝阳"])]
COMMUNITY_TEAMS = [("铭和社区代表队", "minghe", ["王书记", "陈阿姨", "林志强"]),
                   ("七格社区代表队", "qige", ["沈阿姨", "蒋红梅", "韩建军"]),
                   ("智格社区代表队", "zhige", ["何晓丽", "冯卫东", "许萍"])]


def _person(openid):
    return db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()


def seed_hall():
    if db.session.execute(db.select(HallContest.id).filter_by(title=TITLE)).scalar() is not None:
        return "hall: the demo contest is there already"
    admin, head, judge = _person("demo-admin"), _person("demo-volunteer"), _person("demo-resident-2")
    units = {u.name: u.id for u in db.session.execute(db.select(MemberUnit)).scalars()}
    communities = {c.code: c.id for c in db.session.execute(db.select(Community)).scalars()}
    teams = [{"name": n, "member_unit_id": units[u], "members": m} for n, u, m in UNIT_TEAMS]
    teams += [{"name": n, "community_id": communities[c], "members": m} for n, c, m in COMMUNITY_TEAMS]
    contest = service.create_contest(admin, {
        "title": TITLE, "held_on": local(utcnow()).date(), "place": "下沙中学礼堂", "award_places": 3,
        "rounds": [{"kind": "required", "points_correct": 10, "question_count": 5},
                   {"kind": "buzz", "points_correct": 10, "penalty_wrong": 10, "question_count": 20},
                   {"kind": "risk", "risk_tiers": [10, 20, 30], "question_count": 2}],
        "teams": teams,
        "judges": [{"user_id": head.id, "head": True}, {"user_id": judge.id}],
    })
    required, buzz, risk = contest.rounds
    ids = [t.id for t in contest.teams]
    chance = random.Random(1921)  # the same demo every time
    for team_id in ids:  # 必答: five questions each
        for question in range(1, 6):
            service.enter_score(judge, contest.id, {"round_id": required.id, "team_id": team_id,
                                                    "question_no": question,
                                                    "outcome": "correct" if chance.random() < 0.75 else "wrong"})
    for question in range(1, 21):  # 抢答: one team buzzes each question
        service.enter_score(head if question % 2 else judge, contest.id, {
            "round_id": buzz.id, "team_id": chance.choice(ids), "question_no": question,
            "outcome": "correct" if chance.random() < 0.7 else "wrong"})
    last = None
    for team_id in ids[:3]:  # 风险题: under way, three teams have answered
        last = service.enter_score(judge, contest.id, {
            "round_id": risk.id, "team_id": team_id, "question_no": 1, "tier": chance.choice((10, 20, 30)),
            "outcome": "correct" if chance.random() < 0.6 else "wrong"})
    service.correct_score(head, contest.id, last.id, {
        "outcome": "correct" if last.outcome == "wrong" else "wrong", "tier": last.tier,
        "reason": "复核现场录像后更正"})
    return f"hall: contest 「{TITLE}」, 6 teams, 3 rounds, {len(service.entries_of(contest.id))} entries; " \
           f"head judge demo-volunteer, judge demo-resident-2"
