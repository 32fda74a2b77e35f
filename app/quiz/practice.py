"""每日一练 and my wrong answers (错题本).

Each person gets DAILY_COUNT questions a day, the same all day (the draw is
seeded by person and Beijing date), checked at once with the explanation.
A wrong answer (here or in a contest) puts the question on the person's
wrong-answer list; answering it right later, here or in a contest, takes it off.
"""
import random

from app.errors import APIError, invalid
from app.extensions import db
from app.localtime import local_date
from app.models import PracticeAnswer, Question, WrongAnswer, utcnow
from app.models.base import insert_unless_exists
from app.quiz import views
from app.quiz.attempts import note_answers

DAILY_COUNT = 5


def daily_question_ids(user_id, day):
    ids = [row.id for row in db.session.execute(
        db.select(Question.id).where(Question.is_active.is_(True)).order_by(Question.id))]
    # A str seed is hashed with SHA-512: the same set in every process, every day a new one.
    return random.Random(f"daily:{user_id}:{day.isoformat()}").sample(ids, min(DAILY_COUNT, len(ids)))


def daily(user, now=None):
    day = local_date(now or utcnow())
    ids = daily_question_ids(user.id, day)
    questions = {q.id: q for q in db.session.execute(db.select(Question).where(Question.id.in_(ids))).scalars()}
    answered = {a.question_id: a for a in db.session.execute(db.select(PracticeAnswer).where(
        PracticeAnswer.user_id == user.id, PracticeAnswer.day == day)).scalars()}
    items = [views.practice_question(questions[i], answered.get(i)) for i in ids]
    return {"day": day.isoformat(), "items": items, "answered": len(answered),
            "correct": sum(1 for a in answered.values() if a.is_correct)}


def answer(user, question_id, chosen, now=None):
    """Check an answer to today's question or one on my wrong-answer list."""
    now = now or utcnow()
    day = local_date(now)
    question = db.session.get(Question, question_id)
    if question is None:
        raise APIError("question_not_found")
    chosen = sorted(set(chosen))
    if any(i >= len(question.options) for i in chosen):
        raise invalid("choice", "所选选项不存在")
    on_list = db.session.execute(db.select(WrongAnswer.id).where(
        WrongAnswer.user_id == user.id, WrongAnswer.question_id == question.id)).first() is not None
    correct = chosen == sorted(question.answer)
    if question.id in daily_question_ids(user.id, day):
        made = db.session.execute(insert_unless_exists(PracticeAnswer.__table__, {
            "user_id": user.id, "day": day, "question_id": question.id, "chosen": chosen, "is_correct": correct,
            "answered_at": now}, ["user_id", "day", "question_id"], returning=[PracticeAnswer.id])).first()
        if made is None and not on_list:
            db.session.rollback()
            raise APIError("already_practised")
    elif not on_list:
        raise APIError("question_not_in_practice")
    note_answers(user.id, [(question.id, correct)], now)
    db.session.commit()
    return {"question_id": question.id, "chosen": chosen, "is_correct": correct, "answer": list(question.answer),
            "explanation": question.explanation, "source": question.source,
            "on_wrong_list": not correct}


def wrong_answers(user, limit, offset):
    query = (db.select(WrongAnswer, Question).join(Question, Question.id == WrongAnswer.question_id)
             .where(WrongAnswer.user_id == user.id))
    total = db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(WrongAnswer.last_wrong_at.desc(), WrongAnswer.id.desc())
                              .limit(limit).offset(offset)).all()
    items = []
    for wrong, question in rows:
        item = views.practice_question(question)
        item.update(answer=list(question.answer), explanation=question.explanation, source=question.source,
                    wrong_count=wrong.wrong_count, last_wrong_at=wrong.last_wrong_at)
        items.append(item)
    return {"items": items, "total": total, "limit": limit, "offset": offset}
