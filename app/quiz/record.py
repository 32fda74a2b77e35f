"""The quiz in other areas' pages: the party learning record's ``contests``
section, the ``quiz`` section of see-my-data, and erasure on account closing."""
from datetime import datetime, time, timezone

from app.extensions import db
from app.localtime import CHINA_TZ, iso
from app.models import Attempt, Contest, ContestScore, PracticeAnswer, WrongAnswer
from app.quiz import contests, leaderboard


def _year_bounds(year):
    return (datetime.combine(datetime(year, 1, 1).date(), time.min, tzinfo=CHINA_TZ).astimezone(timezone.utc),
            datetime.combine(datetime(year + 1, 1, 1).date(), time.min, tzinfo=CHINA_TZ).astimezone(timezone.utc))


def learning_record(user_id, year):
    """Contests entered in ``year``: best score, attempts, and the rank once published."""
    start, end = _year_bounds(year)
    rows = db.session.execute(
        db.select(Contest, ContestScore).join(ContestScore, ContestScore.contest_id == Contest.id)
        .where(ContestScore.user_id == user_id, ContestScore.finished_at >= start, ContestScore.finished_at < end)
        .order_by(Contest.starts_at)).all()
    entered = []
    for contest, score in rows:
        rank = None
        if contests.leaderboard_published(contest):
            rank = leaderboard.people(contest.id, user_id, limit=0)["mine"]["rank"]
        attempts = db.session.execute(db.select(db.func.count()).select_from(Attempt).where(
            Attempt.contest_id == contest.id, Attempt.user_id == user_id)).scalar_one()
        entered.append({"contest_id": contest.id, "title": contest.title, "question_count": contest.question_count,
                        "best_correct": score.correct_count, "best_ms": score.total_ms, "attempts": attempts,
                        "rank": rank})
    practised = db.session.execute(db.select(db.func.count(db.distinct(PracticeAnswer.day))).where(
        PracticeAnswer.user_id == user_id, PracticeAnswer.answered_at >= start,
        PracticeAnswer.answered_at < end)).scalar_one()
    # title / summary / items: the shape the learning record shows in its table and XLSX (app/party).
    items = [{"title": f"{c['title']}：答对 {c['best_correct']}/{c['question_count']}"
                       + (f"，第 {c['rank']} 名" if c["rank"] else "")} for c in entered]
    return {"title": "党史知识竞赛", "summary": f"{year}年参赛 {len(entered)} 场，每日一练 {practised} 天",
            "items": items, "contests_entered": len(entered), "contests": entered, "practice_days": practised}


def personal_data(user):
    """Everything the quiz keeps about the person."""
    attempts = db.session.execute(db.select(Attempt, Contest.title).join(Contest, Contest.id == Attempt.contest_id)
                                  .where(Attempt.user_id == user.id).order_by(Attempt.id)).all()
    practice = db.session.execute(db.select(db.func.count()).select_from(PracticeAnswer).where(
        PracticeAnswer.user_id == user.id)).scalar_one()
    wrong = db.session.execute(db.select(db.func.count()).select_from(WrongAnswer).where(
        WrongAnswer.user_id == user.id)).scalar_one()
    return {"attempts": [{"contest": title, "number": a.number, "status": a.status, "started_at": iso(a.started_at),
                          "finished_at": iso(a.finished_at), "correct_count": a.correct_count,
                          "total_ms": a.total_ms} for a, title in attempts],
            "practice_answers": practice, "wrong_answers": wrong}


def erase(sender=None, user_id=None, **kwargs):
    """Receiver of ``account_closed``: the person's attempts (with their
    answers), scores, practice and wrong answers are deleted, so they leave
    every leaderboard and result."""
    for model in (ContestScore, WrongAnswer, PracticeAnswer):
        db.session.execute(db.delete(model).where(model.user_id == user_id))
    from app.models import AttemptAnswer

    attempt_ids = db.select(Attempt.id).where(Attempt.user_id == user_id)
    db.session.execute(db.delete(AttemptAnswer).where(AttemptAnswer.attempt_id.in_(attempt_ids)))
    db.session.execute(db.delete(Attempt).where(Attempt.user_id == user_id))
    db.session.commit()
