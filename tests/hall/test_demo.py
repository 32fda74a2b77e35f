"""The demo contest: six teams of units and communities, three rounds, scores
entered and one corrected, 张志愿 its head judge; loaded once."""
from app.extensions import db
from app.hall import demo, service
from app.models import HallContest, ContestJudge, Community, ScoreEntry
from tests.factories import auth_headers, make_community, make_member_unit, make_user


def test_the_demo_contest_is_live_and_loaded_once(client):
    for name, code in (("铭和社区", "minghe"), ("七格社区", "qige"), ("智格社区", "zhige")):
        make_community(name, code=code)
    for _, unit, _ in demo.UNIT_TEAMS:
        make_member_unit(unit)
    make_user(role="admin", openid="demo-admin")
    head = make_user(openid="demo-volunteer", name="张志愿")
    make_user(openid="demo-resident-2", name="刘大伯")
    assert "6 teams, 3 rounds" in demo.seed_hall()
    assert "already" in demo.seed_hall()
    contest = db.session.execute(db.select(HallContest)).scalar_one()
    assert len(contest.teams) == 6 and [r.kind for r in contest.rounds] == ["required", "buzz", "risk"]
    assert {t.community_id is not None for t in contest.teams} == {True, False}
    assert db.session.execute(db.select(ContestJudge.head).filter_by(user_id=head.id)).scalar() is True
    entries = service.entries_of(contest.id)
    assert len(entries) == 6 * 5 + 20 + 3 + 1 and sum(e.revision for e in entries) == 1
    mine = client.get("/api/v1/hall/contests?judging=true", headers=auth_headers(head)).get_json()
    assert mine["items"][0]["my_role"]["head_judge"] is True
    assert db.session.execute(db.select(db.func.count(Community.id))).scalar() == 3
    assert db.session.execute(db.select(db.func.count(ScoreEntry.id))).scalar() == len(entries)
