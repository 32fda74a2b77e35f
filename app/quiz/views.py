"""What the phone is shown. Before an attempt ends a question travels without
its key: no ``answer``, no ``explanation``, options in the attempt's own
order. Once finished, the review shows everything, in the places the person saw."""
from datetime import timedelta

from app.extensions import db
from app.localtime import iso
from app.models import Attempt, AttemptAnswer, Question, utcnow
from app.quiz import contests
from app.quiz.bank import DIFFICULTY_LABELS, KIND_LABELS


def contest_view(contest, user=None, now=None, may_enter=None):
    now = now or utcnow()
    view = {"id": contest.id, "title": contest.title, "description": contest.description,
            "starts_at": iso(contest.starts_at), "ends_at": iso(contest.ends_at),
            "state": contests.state(contest, now), "question_count": contest.question_count,
            "seconds_per_question": contest.seconds_per_question, "attempts_allowed": contest.attempts_allowed,
            "entry": contest.entry, "unit_ids": list(contest.unit_ids or ()), "quotas": list(contest.quotas),
            "leaderboard": contest.leaderboard, "leaderboard_published": contests.leaderboard_published(contest, now),
            "certificate_top": contest.certificate_top}
    if user is not None:
        mine = db.session.execute(db.select(Attempt).where(Attempt.contest_id == contest.id,
                                                           Attempt.user_id == user.id)
                                  .order_by(Attempt.number)).scalars().all()
        view["may_enter"] = may_enter
        view["my_attempts"] = [_my_attempt(a) for a in mine]
        view["next_number"] = len(mine) + 1 if len(mine) < contest.attempts_allowed else None
    return view


def _my_attempt(attempt):
    """One of my attempts in a contest; its score only once it is finished."""
    view = {"id": attempt.id, "number": attempt.number, "status": attempt.status}
    if attempt.status == "finished":
        view.update(correct_count=attempt.correct_count, total_ms=attempt.total_ms)
    return view


def _shown_question(question, order, position):
    """A question as this attempt shows it, WITHOUT the key."""
    return {"position": position, "id": question.id, "kind": question.kind, "kind_label": KIND_LABELS[question.kind],
            "topic": question.topic, "difficulty": question.difficulty,
            "difficulty_label": DIFFICULTY_LABELS[question.difficulty], "stem": question.stem,
            "options": [question.options[i] for i in order]}


def attempt_view(attempt, now=None):
    now = now or utcnow()
    contest = attempt.contest
    view = {"id": attempt.id, "contest_id": contest.id, "contest_title": contest.title, "number": attempt.number,
            "status": attempt.status, "question_count": len(attempt.question_ids), "position": attempt.position,
            "seconds_per_question": contest.seconds_per_question, "started_at": iso(attempt.started_at),
            "server_time": iso(now)}
    if attempt.status == "running":
        question = db.session.get(Question, attempt.question_ids[attempt.position])
        view["question"] = _shown_question(question, attempt.option_orders[attempt.position], attempt.position)
        view["served_at"] = iso(attempt.served_at)
        view["answer_by"] = iso(attempt.served_at + timedelta(seconds=contest.seconds_per_question))
        return view
    view.update(finished_at=iso(attempt.finished_at), correct_count=attempt.correct_count,
                total_ms=attempt.total_ms, review=_review(attempt))
    return view


def _review(attempt):
    """Every question of a FINISHED attempt with its key and explanation."""
    assert attempt.status == "finished"
    questions = {q.id: q for q in db.session.execute(
        db.select(Question).where(Question.id.in_(attempt.question_ids))).scalars()}
    answers = {a.position: a for a in db.session.execute(
        db.select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)).scalars()}
    review = []
    for position, question_id in enumerate(attempt.question_ids):
        question, order = questions[question_id], attempt.option_orders[position]
        place = {index: shown for shown, index in enumerate(order)}
        given = answers.get(position)
        item = _shown_question(question, order, position)
        item.update(answer=sorted(place[i] for i in question.answer),
                    chosen=sorted(place[i] for i in given.chosen) if given else [],
                    is_correct=bool(given and given.is_correct), late=bool(given and given.late),
                    elapsed_ms=given.elapsed_ms if given else None,
                    explanation=question.explanation, source=question.source)
        review.append(item)
    return review


def practice_question(question, answered=None):
    """每日一练 / 错题本: the question; its key only once answered (``answered``)."""
    view = _shown_question(question, list(range(len(question.options))), None)
    view.pop("position")
    if answered is not None:
        view.update(chosen=list(answered.chosen), is_correct=answered.is_correct, answer=list(question.answer),
                    explanation=question.explanation, source=question.source)
    return view
