"""The projector's scoreboard: a link for judges and the office, a page any
browser shows, a state that follows every entry and correction, and a link
that stops working when its issuer may no longer project the contest."""
from app.extensions import db
from app.models import ContestJudge
from tests.factories import auth_headers
from tests.hall.conftest import enter


def _link(client, hall, user):
    return client.post(f"/api/v1/hall/contests/{hall.contest.id}/scoreboard-link", headers=auth_headers(user))


def test_the_board_follows_entries_and_corrections(client, hall):
    assert _link(client, hall, hall.outsider).status_code == 403
    link = _link(client, hall, hall.judge)
    assert link.status_code == 201
    path = link.get_json()["path"]
    assert path.startswith("/hall/projector/")
    page = client.get(path)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "党史学习亮初心知识竞赛" in html and "下沙中学礼堂" in html
    state_url = f"/api/v1/hall/projector/{path.rsplit('/', 1)[1]}/state"
    empty = client.get(state_url).get_json()
    assert empty["last_change"] is None and {row["rank"] for row in empty["rows"]} == {1}

    entry = enter(client, hall, hall.judge, 2, 1, 1, "correct", tier=30).get_json()
    board = client.get(state_url).get_json()
    assert board["version"] != empty["version"]
    assert board["rows"][0]["name"] == "供电所代表队" and board["rows"][0]["total"] == 30
    assert board["rows"][0]["by_round"][2] == {"round_id": hall.rounds[2]["id"], "points": 30}
    assert board["last_change"]["team_id"] == hall.teams[1]["id"] and board["last_change"]["points"] == 30

    client.post(f"/api/v1/hall/contests/{hall.contest.id}/entries/{entry['id']}/correction",
                json={"outcome": "wrong", "tier": 30, "reason": "超时作答"}, headers=auth_headers(hall.head))
    board = client.get(state_url).get_json()
    assert board["rows"][-1]["total"] == -30 and board["last_change"]["revision"] == 1

    # The judge is taken off the contest: the links they handed out stop.
    db.session.execute(db.delete(ContestJudge).where(ContestJudge.user_id == hall.judge.id))
    db.session.commit()
    assert client.get(state_url).status_code == 403
    refused = client.get(path)
    assert refused.status_code == 403 and "比分大屏链接无效" in refused.get_data(as_text=True)
    assert client.get("/hall/projector/not-a-link").status_code == 403
    # The capability never reaches a log line (app/observability.py redacts /projector/<...>).
    from app.observability import redact

    assert redact(f"GET {state_url} 200") == "GET /api/v1/hall/projector/[redacted]/state 200"
    assert redact(f"GET {path} 200") == "GET /hall/projector/[redacted] 200"


def test_a_judge_of_another_contest_and_the_lecture_office_may_not_score_here(client, hall):
    from app.hall import service

    other = service.create_contest(hall.office, {"title": "另一场比赛", "held_on": hall.contest.held_on,
                                                 "rounds": [{"kind": "buzz"}],
                                                 "judges": [{"user_id": hall.outsider.id, "head": True}]})
    for user in (hall.outsider, hall.office):
        answer = enter(client, hall, user, 1, 0, 1, "correct")
        assert answer.status_code == 403 and answer.get_json()["error"]["code"] == "not_a_judge"
    entry = enter(client, hall, hall.judge, 1, 0, 1, "correct").get_json()
    fix = client.post(f"/api/v1/hall/contests/{hall.contest.id}/entries/{entry['id']}/correction",
                      json={"outcome": "void", "reason": "试试"}, headers=auth_headers(hall.outsider))
    assert fix.status_code == 403 and fix.get_json()["error"]["code"] == "not_head_judge"
    # An entry of this contest cannot be corrected through the other one.
    cross = client.post(f"/api/v1/hall/contests/{other.id}/entries/{entry['id']}/correction",
                        json={"outcome": "void", "reason": "试试"}, headers=auth_headers(hall.outsider))
    assert cross.status_code == 404 and cross.get_json()["error"]["code"] == "entry_not_found"
    # The lecture office sees every judge's log and opens the board; a plain judge manages nothing.
    assert client.get(f"/api/v1/hall/contests/{hall.contest.id}/entries", headers=auth_headers(hall.office)).status_code == 200
    assert client.post(f"/api/v1/hall/contests/{hall.contest.id}/judges", json={"user_id": hall.outsider.id},
                       headers=auth_headers(hall.head)).status_code == 403


def test_judging_is_in_see_my_data_and_ends_with_the_account(client, hall):
    enter(client, hall, hall.judge, 0, 0, 1, "correct")
    data = client.get("/api/v1/me/data", headers=auth_headers(hall.judge)).get_json()
    assert data["areas"]["hall"]["judging"][0]["title"] == "党史学习亮初心知识竞赛"
    assert data["areas"]["hall"]["score_entries"] == 1
    mine = client.get("/api/v1/hall/contests?judging=true", headers=auth_headers(hall.judge)).get_json()
    assert [c["id"] for c in mine["items"]] == [hall.contest.id]
    assert client.get("/api/v1/hall/contests?judging=true", headers=auth_headers(hall.outsider)).get_json()["total"] == 0
    assert client.get("/api/v1/hall/contests", headers=auth_headers(hall.outsider)).get_json()["total"] == 1

    closed = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(hall.judge))
    assert closed.status_code == 204, closed.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.execute(db.select(ContestJudge).where(ContestJudge.user_id == hall.judge.id)).first() is None
