"""Request builders for the hall's rows of the authorisation table: each
makes the world's contest (community A's team and the world's member unit's
team, one 抢答 round, no judges: judges map to no persona and are tested in
tests/hall) and a valid body."""
from datetime import date

from app.extensions import db
from app.hall import scoreboard
from app.models import HallContest, ContestRound, ContestTeam, ScoreEntry


def _contest(w, entry=False):
    contest = HallContest(title="党史学习亮初心知识竞赛", held_on=date(2026, 12, 20), place="下沙中学礼堂",
                      created_by_id=w.people["admin"].id)
    contest.rounds.append(ContestRound(position=1, name="第一轮 抢答题", kind="buzz", points_correct=10,
                                       penalty_wrong=5, risk_tiers=[], question_count=10))
    contest.teams.extend([ContestTeam(position=1, name="七格社区代表队", community_id=w.a.id, members=["陈阿姨"]),
                          ContestTeam(position=2, name="下沙中学代表队", member_unit_id=w.unit.id, members=[])])
    db.session.add(contest)
    db.session.flush()
    ids = {"contest_id": contest.id, "round_id": contest.rounds[0].id, "contest_team_id": contest.teams[0].id}
    if entry:
        row = ScoreEntry(contest_id=contest.id, round_id=ids["round_id"], team_id=ids["contest_team_id"],
                         question_no=1, revision=0, outcome="correct", points=10)
        db.session.add(row)
        db.session.flush()
        ids["entry_id"] = row.id
    db.session.commit()
    return ids


def _path(**extra):
    def build(w, actor, wechat):
        ids = _contest(w, entry="entry" in extra)
        request = {"path": {k: v for k, v in ids.items() if k != "round_id"}}
        if extra.get("json"):
            request["json"] = extra["json"](ids) if callable(extra["json"]) else extra["json"]
        return request
    return build


def _board(w, actor, wechat):
    ids = _contest(w)
    contest = db.session.get(HallContest, ids["contest_id"])
    return {"path": {"board": scoreboard.issue(contest, w.people["admin"]).signed}}


HALL_BUILDERS = {
    "hall_contest": lambda w, actor, wechat: {"json": {
        "title": "党史学习亮初心知识竞赛", "held_on": "2026-12-20", "place": "下沙中学礼堂",
        "rounds": [{"kind": "required"}, {"kind": "buzz"}, {"kind": "risk"}],
        "teams": [{"name": "下沙中学代表队", "member_unit_id": w.unit.id, "members": ["王老师"]},
                  {"name": "七格社区代表队", "community_id": w.a.id}]}},
    "hall_path": _path(),
    "hall_team": lambda w, actor, wechat: dict(_path()(w, actor, wechat), json={
        "name": "新增代表队", "members": ["李阿姨"], "community_id": w.b.id}),
    "hall_judge": lambda w, actor, wechat: dict(_path()(w, actor, wechat),
                                                json={"user_id": w.people["resident"].id, "head": True}),
    "hall_entry": _path(json=lambda ids: {"round_id": ids["round_id"], "team_id": ids["contest_team_id"],
                                          "question_no": 2, "outcome": "correct"}),
    "hall_correction": _path(entry=True, json={"outcome": "void", "reason": "录入错误"}),
    "hall_board": _board,
}
