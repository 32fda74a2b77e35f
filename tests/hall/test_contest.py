"""A contest from creation to certificates: who may make it, what each kind
of round scores, the head judge's corrections (superseding, audited), ranks
with the tie rule, the close, the results workbook and the certificate."""
import shutil
import subprocess
from io import BytesIO

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import AuditLog, ScoreEntry, ScoresAreAppendOnly
from tests.factories import auth_headers, make_community, make_member_unit
from tests.hall.conftest import contest_body, enter


def test_only_the_lecture_office_and_the_office_make_contests(client, hall):
    units = [make_member_unit(f"单位{n}") for n in range(3)]
    body = contest_body(make_community("杭铎社区"), units, [hall.judge, hall.head, hall.judge2])
    for user in (hall.judge, hall.outsider):
        refused = client.post("/api/v1/hall/contests", json=body, headers=auth_headers(user))
        assert refused.status_code == 403
    shown = client.get(f"/api/v1/hall/contests/{hall.contest.id}", headers=auth_headers(hall.judge)).get_json()
    assert [r["name"] for r in shown["rounds"]] == ["第一轮 必答题", "第二轮 抢答题", "第三轮 风险题"]
    assert shown["rounds"][2]["risk_tiers"] == [10, 20, 30]
    assert shown["teams"][2]["represents"] == "七格社区"
    assert shown["my_role"] == {"judge": True, "head_judge": False, "manager": False}
    assert [j["head"] for j in shown["judges"]] == [True, False, False]
    two_heads = dict(body, judges=[{"user_id": hall.judge.id, "head": True}, {"user_id": hall.judge2.id, "head": True}])
    answer = client.post("/api/v1/hall/contests", json=two_heads, headers=auth_headers(hall.office))
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "head_judge_exists"


def test_scoring_correcting_ranking_and_closing(client, hall):
    # 必答: team 0 gets 10 + 10 + 6 (partial marks); team 1 10 + 0; team 2 10 + 10.
    for team, question, outcome, extra in ((0, 1, "correct", {}), (0, 2, "correct", {}),
                                           (0, 3, "points", {"points": 6}), (1, 1, "correct", {}),
                                           (1, 2, "wrong", {}), (2, 1, "correct", {}), (2, 2, "correct", {})):
        assert enter(client, hall, hall.judge, 0, team, question, outcome, **extra).status_code == 201
    # 抢答: a wrong answer costs 5; 风险题: team 1 wins 30, team 2 loses 20.
    assert enter(client, hall, hall.judge2, 1, 3, 1, "wrong").get_json()["points"] == -5
    assert enter(client, hall, hall.judge2, 1, 2, 1, "correct").get_json()["points"] == 10
    assert enter(client, hall, hall.judge, 2, 1, 1, "correct", tier=30).get_json()["points"] == 30
    wrong_points = enter(client, hall, hall.judge, 2, 2, 1, "wrong", tier=20)
    assert wrong_points.get_json()["points"] == -20
    bad = enter(client, hall, hall.judge, 2, 0, 1, "correct", tier=25)
    assert bad.status_code == 422 and "10/20/30" in bad.get_json()["error"]["message"]
    assert enter(client, hall, hall.judge, 1, 0, 11, "correct").status_code == 422  # only 10 questions
    assert enter(client, hall, hall.outsider, 1, 0, 2, "correct").get_json()["error"]["code"] == "not_a_judge"

    # A judge may not correct; the head judge corrects team 2's risk answer to
    # right: a new entry supersedes the old one, which stays as it was.
    entry_id = wrong_points.get_json()["id"]
    path = f"/api/v1/hall/contests/{hall.contest.id}/entries/{entry_id}/correction"
    correction = {"outcome": "correct", "tier": 20, "reason": "复核录像，回答正确"}
    assert client.post(path, json=correction, headers=auth_headers(hall.judge)).get_json()["error"]["code"] == \
        "not_head_judge"
    corrected = client.post(path, json=correction, headers=auth_headers(hall.head))
    assert corrected.status_code == 201 and corrected.get_json()["revision"] == 1
    again = client.post(path, json=correction, headers=auth_headers(hall.head))
    assert again.status_code == 409 and again.get_json()["error"]["details"]["recorded"]["id"] == \
        corrected.get_json()["id"]
    audit = db.session.execute(db.select(AuditLog).where(AuditLog.action == "hall.entry_corrected")).scalar_one()
    assert audit.actor_id == hall.head.id and audit.detail["from"]["points"] == -20 and audit.detail["to"]["points"] == 20
    log = client.get(f"/api/v1/hall/contests/{hall.contest.id}/entries?team_id={hall.teams[2]['id']}",
                     headers=auth_headers(hall.judge2)).get_json()
    assert [(e["points"], e["current"]) for e in log if e["round_id"] == hall.rounds[2]["id"]] == \
        [(-20, False), (20, True)]
    assert client.get(f"/api/v1/hall/contests/{hall.contest.id}/entries",
                      headers=auth_headers(hall.outsider)).status_code == 403
    old = db.session.get(ScoreEntry, entry_id)
    old.points = 99
    with pytest.raises(ScoresAreAppendOnly):
        db.session.commit()
    db.session.rollback()

    # Totals: team 2 = 20 + 10 + 20 = 50; team 1 = 10 + 30 = 40; team 0 = 26; team 3 = -5.
    # Team 0 and a tie: give team 3 enough to tie team 0 at 26 with more in the last round.
    for question, tier in ((2, 30),):
        assert enter(client, hall, hall.judge, 2, 3, question, "correct", tier=tier).status_code == 201
    assert enter(client, hall, hall.judge2, 1, 3, 2, "points", points=1).status_code == 422  # buzz: no marks
    assert enter(client, hall, hall.judge2, 1, 3, 2, "correct").status_code == 201
    assert enter(client, hall, hall.judge2, 1, 3, 3, "wrong").status_code == 201
    assert enter(client, hall, hall.judge2, 1, 3, 4, "correct").status_code == 201
    # team 3: -5 + 10 - 5 + 10 + 30 = 40 ... equal to team 1 (40): team 1 has 30 in the last round, team 3 30:
    # then the 抢答 round: team 1 has 0, team 3 has 10, so team 3 ranks above team 1.
    results = client.get(f"/api/v1/hall/contests/{hall.contest.id}/results",
                         headers=auth_headers(hall.outsider)).get_json()
    table = [(row["team"]["name"], row["rank"], row["total"]) for row in results["rows"]]
    assert table == [("七格社区代表队", 1, 50), ("医院代表队", 2, 40), ("供电所代表队", 3, 40),
                     ("下沙中学代表队", 4, 26)]
    assert results["final"] is False and all(row["award"] is None for row in results["rows"])

    # Closing: the office only; afterwards no entry, no correction.
    close = f"/api/v1/hall/contests/{hall.contest.id}/close"
    assert client.post(close, headers=auth_headers(hall.head)).status_code == 403
    assert client.post(close, headers=auth_headers(hall.office)).get_json()["status"] == "closed"
    late = enter(client, hall, hall.judge, 1, 0, 9, "correct")
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "contest_closed"
    results = client.get(f"/api/v1/hall/contests/{hall.contest.id}/results",
                         headers=auth_headers(hall.outsider)).get_json()
    assert [row["award"] for row in results["rows"]] == ["一等奖", "二等奖", "三等奖", None]

    workbook = client.get(f"/api/v1/hall/contests/{hall.contest.id}/results.xlsx", headers=auth_headers(hall.office))
    assert workbook.status_code == 200
    book = load_workbook(BytesIO(workbook.data), read_only=True)
    rows = list(book["成绩"].iter_rows(values_only=True))
    assert rows[0][:7] == ("名次", "队伍", "代表单位/社区", "第一轮 必答题", "第二轮 抢答题", "第三轮 风险题", "总分")
    assert rows[1][:7] == (1, "七格社区代表队", "七格社区", 20, 10, 20, 50)
    assert rows[1][8] == "一等奖" and rows[1][9] == "陈阿姨、刘大伯"
    log_rows = list(book["得分记录"].iter_rows(values_only=True))
    assert any(r[9] == "复核录像，回答正确" and r[10] == "裁判长老周" for r in log_rows)
    assert client.get(f"/api/v1/hall/contests/{hall.contest.id}/results.xlsx",
                      headers=auth_headers(hall.judge)).status_code == 403

    winner = hall.teams[2]["id"]
    pdf = client.get(f"/api/v1/hall/contests/{hall.contest.id}/teams/{winner}/certificate.pdf",
                     headers=auth_headers(hall.office))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    if shutil.which("pdftotext"):  # poppler-utils, as tests/hours does
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
        for words in ("荣誉证书", "七格社区代表队", "一等奖", "50分", "陈阿姨、刘大伯"):
            assert words in text, text
    fourth = client.get(f"/api/v1/hall/contests/{hall.contest.id}/teams/{hall.teams[0]['id']}/certificate.pdf",
                        headers=auth_headers(hall.office))
    assert fourth.status_code == 409 and fourth.get_json()["error"]["code"] == "not_top_place"
