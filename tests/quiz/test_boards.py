"""Leaderboards (top N, my rank, groups, published at close or live), the
organisers' results and XLSX (community staff: their people only), the
certificate of honour, the learning record and erasure on account closing."""
import subprocess
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from app.auth import roles
from app.extensions import db
from app.models import Attempt, ContestScore, utcnow
from app.quiz import attempts, record
from tests.factories import auth_headers, grant, make_community, make_organiser, make_user
from tests.quiz.conftest import make_bank, make_contest, right_places


def play(contest, person, right, seconds, started):
    """A whole attempt: the first ``right`` answers right, each after ``seconds``."""
    attempt = attempts.start(person, contest.id, len(db.session.execute(db.select(Attempt.id).filter_by(
        contest_id=contest.id, user_id=person.id)).all()) + 1, now=started)
    moment = started
    for position in range(len(attempt.question_ids)):
        places = right_places(attempt, position) if position < right else []
        moment += timedelta(seconds=seconds)
        attempt = attempts.answer(person, attempt.id, position, places, now=moment)
    return attempt


def test_leaderboards_rank_by_correct_then_time_and_show_only_when_published(client, tmp_path):
    make_bank()
    a, b = make_community("七格社区"), make_community("杭铎社区")
    contest = make_contest(count=4, attempts=2, starts_in=timedelta(hours=-2), lasts=timedelta(days=1))
    t = utcnow() - timedelta(hours=1)
    people = {name: make_user(name=name, community=community) for name, community in
              (("王小明", a), ("李红", a), ("张强", b), ("赵敏", b))}
    play(contest, people["王小明"], 3, 5, t)
    play(contest, people["李红"], 3, 4, t)       # as many right, faster: ahead
    play(contest, people["张强"], 4, 9, t)       # most right: first however slow
    play(contest, people["赵敏"], 1, 2, t)
    play(contest, people["王小明"], 4, 3, t + timedelta(minutes=5))  # a better second try replaces the first
    play(contest, people["李红"], 0, 1, t + timedelta(minutes=5))    # a worse one does not

    me = auth_headers(people["李红"])
    path = f"/api/v1/quiz/contests/{contest.id}/leaderboard"
    hidden = client.get(path, headers=me)
    assert (hidden.status_code, hidden.get_json()["error"]["code"]) == (409, "leaderboard_not_published")
    office = grant(make_user(), roles.LECTURE_OFFICE)
    board = client.get(path, query_string={"limit": 2}, headers=auth_headers(office)).get_json()
    assert [(r["name"], r["rank"]) for r in board["top"]] == [("王**", 1), ("张*", 2)]
    assert board["participants"] == 4 and board["published"] is False

    client.patch(f"/api/v1/quiz/contests/{contest.id}", json={"leaderboard": "live"}, headers=auth_headers(office))
    board = client.get(path, query_string={"limit": 2}, headers=me).get_json()
    assert board["mine"]["rank"] == 3 and board["mine"]["correct_count"] == 3
    in_b = client.get(path, query_string={"community_id": b.id}, headers=me).get_json()
    assert [r["name"] for r in in_b["top"]] == ["张*", "赵*"] and in_b["mine"] is None
    groups = client.get(path, query_string={"by": "community"}, headers=me).get_json()
    assert [(g["name"], g["participants"], g["average_correct"]) for g in groups["top"]] == [
        ("七格社区", 2, 3.5), ("杭铎社区", 2, 2.5)]
    assert groups["mine"]["name"] == "七格社区"

    # results: the office sees all; community A's staff only A's people, also in the XLSX
    staff_a = make_organiser(a)
    everyone = client.get(f"/api/v1/quiz/contests/{contest.id}/results", headers=auth_headers(office)).get_json()
    assert [r["name"] for r in everyone["items"]] == ["王小明", "张强", "李红", "赵敏"]
    assert everyone["items"][0]["attempts"] == 2
    mine = client.get(f"/api/v1/quiz/contests/{contest.id}/results", headers=auth_headers(staff_a)).get_json()
    assert [(r["name"], r["rank"]) for r in mine["items"]] == [("王小明", 1), ("李红", 3)]
    sheet = client.get(f"/api/v1/quiz/contests/{contest.id}/results.xlsx", headers=auth_headers(staff_a))
    rows = list(load_workbook(BytesIO(sheet.data), read_only=True).active.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[4]) for r in rows] == [(1, "王小明", 4), (3, "李红", 3)]
    refused = client.get(f"/api/v1/quiz/contests/{contest.id}/results", headers=me)
    assert refused.status_code == 403

    # the certificate: top 3 only, once closed; the PDF is a real page (look at it with pdftoppm)
    cert = f"/api/v1/quiz/contests/{contest.id}/certificate.pdf"
    assert client.get(cert, headers=me).get_json()["error"]["code"] == "contest_not_closed"
    contest.ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(cert, headers=auth_headers(people["赵敏"])).get_json()["error"]["code"] == "not_in_top"
    assert client.get(cert, query_string={"user_id": people["李红"].id},
                      headers=auth_headers(people["张强"])).status_code == 403
    pdf = client.get(cert, headers=me)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    (tmp_path / "c.pdf").write_bytes(pdf.data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(tmp_path / "c.pdf"), str(tmp_path / "c")], check=True)
    assert list(tmp_path.glob("c*.png"))

    # the learning record, then closing the account takes the person off every board
    section = record.learning_record(people["李红"].id, utcnow().astimezone().year)
    assert section["contests_entered"] == 1 and section["contests"][0]["rank"] == 3
    assert record.personal_data(people["李红"])["attempts"][0]["correct_count"] == 3
    record.erase(user_id=people["李红"].id)
    assert db.session.execute(db.select(ContestScore).filter_by(user_id=people["李红"].id)).first() is None
    assert db.session.execute(db.select(Attempt).filter_by(user_id=people["李红"].id)).first() is None
