"""Demo quiz: the 百年党史 bank (app/quiz/data/questions.json, 132 questions
written for it), a running contest with a live leaderboard, and a closed one
whose top places have certificates; demo people's finished attempts in both.
Running it twice adds nothing (contests are found by title, questions by stem)."""
import random
from datetime import timedelta

from app.extensions import db
from app.models import Attempt, Contest, Question, User, utcnow
from app.quiz import attempts, importer, sample

RUNNING = "百年党史知多少 · 冬季线上知识竞赛"
CLOSED = "庆祝建党105周年党史知识竞赛"
QUOTAS = [{"topic": "建党伟业", "difficulty": None, "count": 2}, {"topic": "土地革命与长征", "difficulty": None, "count": 2},
          {"topic": "抗日战争", "difficulty": None, "count": 1}, {"topic": "新中国成立", "difficulty": None, "count": 1},
          {"topic": "社会主义建设", "difficulty": None, "count": 1}, {"topic": "改革开放", "difficulty": None, "count": 1},
          {"topic": "新时代", "difficulty": None, "count": 2}]
# (openid, how many they get right of 10, seconds per answer): the finished attempts.
PLAYERS = [("demo-resident", 8, 9), ("demo-resident-2", 6, 14), ("demo-organiser-ningmeng", 9, 11),
           ("demo-unit-contact", 7, 8)]


def _contest(title, starts_at, ends_at, leaderboard, description):
    contest = db.session.execute(db.select(Contest).filter_by(title=title)).scalar_one_or_none()
    if contest is None:
        contest = Contest(title=title, description=description, starts_at=starts_at, ends_at=ends_at, quotas=QUOTAS,
                          question_count=sum(q["count"] for q in QUOTAS), seconds_per_question=30,
                          attempts_allowed=2, entry="everyone", unit_ids=[], leaderboard=leaderboard,
                          certificate_top=3)
        db.session.add(contest)
        db.session.commit()
    return contest


def _play(contest, person, right, seconds, started):
    """A whole attempt as the person would play it, at the times given."""
    if db.session.execute(db.select(Attempt.id).filter_by(contest_id=contest.id, user_id=person.id)).first():
        return 0
    attempt = attempts.start(person, contest.id, 1, now=started)
    moment = started
    for position in range(len(attempt.question_ids)):
        question = db.session.get(Question, attempt.question_ids[position])
        order = attempt.option_orders[position]
        places = sorted(order.index(i) for i in question.answer)
        if position >= right:  # the rest wrong: a place that is not the key
            places = [next(p for p in range(len(order)) if p not in places)]
        moment += timedelta(seconds=seconds + random.random())
        attempt = attempts.answer(person, attempt.id, position, places, now=moment)
    return 1


def seed_quiz():
    summary = importer.apply(importer.rows_from_records(sample.records()))
    db.session.commit()
    now = utcnow()
    running = _contest(RUNNING, now - timedelta(days=3), now + timedelta(days=11), "live",
                       "每人 2 次机会，每次从题库按主题抽 10 题，每题限时 30 秒；排行榜实时公布。")
    closed = _contest(CLOSED, now - timedelta(days=160), now - timedelta(days=150), "at_close",
                      "竞赛已结束，前 3 名可下载荣誉证书。")
    played = 0
    for index, (openid, right, seconds) in enumerate(PLAYERS):
        person = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
        if person is None:
            continue
        played += _play(closed, person, right, seconds, closed.starts_at + timedelta(hours=2 + index))
        if openid != "demo-unit-contact":
            played += _play(running, person, max(right - 1, 3), seconds, now - timedelta(days=2, hours=index))
    total = db.session.execute(db.select(db.func.count()).select_from(Question)).scalar()
    return (f"quiz: {total} questions ({len(summary.created)} new), contests 「{RUNNING}」 (running, live board) and "
            f"「{CLOSED}」 (closed), {played} new finished attempts")
