"""Hall fixtures: the lecture office, three judges (one the head judge), and
a contest made through the API with a 必答, a 抢答 and a 风险题 round and four
teams of member units and communities."""
from dataclasses import dataclass

import pytest

from app.auth import roles
from app.extensions import db
from app.models import HallContest
from tests.factories import auth_headers, grant, make_community, make_member_unit, make_user


@dataclass
class Hall:
    office: object
    head: object
    judge: object
    judge2: object
    outsider: object
    contest: object
    rounds: list
    teams: list


def contest_body(community, units, judges):
    return {
        "title": "党史学习亮初心知识竞赛", "held_on": "2026-12-20", "place": "下沙中学礼堂", "award_places": 3,
        "rounds": [{"kind": "required", "points_correct": 10, "question_count": 3},
                   {"kind": "buzz", "points_correct": 10, "penalty_wrong": 5, "question_count": 10},
                   {"kind": "risk", "risk_tiers": [10, 20, 30], "question_count": 2}],
        "teams": [{"name": "下沙中学代表队", "member_unit_id": units[0].id, "members": ["王老师", "李老师", "张老师"]},
                  {"name": "供电所代表队", "member_unit_id": units[1].id, "members": ["赵师傅"]},
                  {"name": "七格社区代表队", "community_id": community.id, "members": ["陈阿姨", "刘大伯"]},
                  {"name": "医院代表队", "member_unit_id": units[2].id}],
        "judges": [{"user_id": judges[0].id, "head": True}, {"user_id": judges[1].id}, {"user_id": judges[2].id}],
    }


@pytest.fixture()
def hall(client):
    community = make_community("七格社区")
    units = [make_member_unit(name) for name in ("下沙中学", "下沙供电所", "钱塘区人民医院")]
    office = grant(make_user(name="讲堂办公室"), roles.LECTURE_OFFICE)
    head, judge, judge2 = (make_user(name=name) for name in ("裁判长老周", "评委小王", "评委小李"))
    response = client.post("/api/v1/hall/contests", json=contest_body(community, units, [head, judge, judge2]),
                           headers=auth_headers(office))
    assert response.status_code == 201, response.get_json()
    shown = response.get_json()
    return Hall(office=office, head=head, judge=judge, judge2=judge2, outsider=make_user(name="旁观居民"),
                contest=db.session.get(HallContest, shown["id"]), rounds=shown["rounds"], teams=shown["teams"])


def enter(client, hall, judge, round_index, team_index, question_no, outcome, **extra):
    body = {"round_id": hall.rounds[round_index]["id"], "team_id": hall.teams[team_index]["id"],
            "question_no": question_no, "outcome": outcome, **extra}
    return client.post(f"/api/v1/hall/contests/{hall.contest.id}/entries", json=body, headers=auth_headers(judge))
