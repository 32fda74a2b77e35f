"""An attempt at a contest: start (the server draws and shuffles), answer
question k (the server times it), finish. See the state table in docs/quiz.md.

Exactly once, decided by the database:
* starting attempt number n inserts (contest, person, n) unless it exists,
  so a second device or a replayed start gets ``attempt_taken`` (409);
* answering question k moves ``position`` from k to k+1 with one
  compare-and-set UPDATE, so of two devices racing one question exactly one
  is accepted and the other gets ``answer_taken`` (409);
* finishing moves ``status`` from running to finished the same way.
An answer later than ``seconds_per_question`` after the server handed the
question out is recorded wrong; a question never answered before the
attempt's deadline is wrong and costs its whole time.
"""
import logging
from datetime import timedelta

from sqlalchemy import update

from app.auth import policy
from app.errors import APIError, invalid
from app.extensions import db
from app.jobs import periodic
from app.models import Attempt, AttemptAnswer, ContestScore, Question, User, WrongAnswer, utcnow
from app.models.base import insert_unless_exists
from app.quiz import contests

log = logging.getLogger(__name__)


def _ms(delta):
    return int(delta.total_seconds() * 1000)


def own_attempt(attempt_id, user):
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise APIError("attempt_not_found")
    return attempt


def start(user, contest_id, number, now=None):
    now = now or utcnow()
    contest = contests.get(contest_id)
    phase = contests.state(contest, now)
    if phase == "upcoming":
        raise APIError("contest_not_open")
    if phase == "closed":
        raise APIError("contest_closed")
    if not policy.quiz.may_enter(user, contest):
        raise APIError("contest_not_for_you")
    if number > contest.attempts_allowed:
        raise APIError("attempts_used_up")
    finish_expired(now, contest_id=contest.id, user_id=user.id)
    mine = db.session.execute(db.select(Attempt.number, Attempt.status).where(
        Attempt.contest_id == contest.id, Attempt.user_id == user.id)).all()
    if any(n == number for n, _ in mine):
        raise APIError("attempt_taken")
    if any(status == "running" for _, status in mine):
        raise APIError("attempt_running")
    if number != len(mine) + 1:
        raise invalid("number", f"请开始第 {len(mine) + 1} 次答题")
    question_ids, orders = contests.draw(contest)
    row = db.session.execute(insert_unless_exists(Attempt.__table__, {
        "contest_id": contest.id, "user_id": user.id, "number": number, "question_ids": question_ids,
        "option_orders": orders, "status": "running", "position": 0, "served_at": now, "started_at": now,
        "deadline_at": now + timedelta(seconds=contest.seconds_per_question * len(question_ids)),
        "correct_count": 0, "total_ms": 0}, ["contest_id", "user_id", "number"], returning=[Attempt.id])).first()
    if row is None:  # another device (or a replay) claimed this attempt first
        db.session.rollback()
        raise APIError("attempt_taken")
    db.session.commit()
    return db.session.get(Attempt, row.id)


def answer(user, attempt_id, position, shown_choice, now=None):
    """Record the answer to question ``position`` (the shown places chosen);
    returns the attempt, moved on (or finished after the last question)."""
    now = now or utcnow()
    attempt = own_attempt(attempt_id, user)
    if attempt.status == "finished":
        raise APIError("attempt_finished")
    if now > attempt.deadline_at:
        finish(attempt.id, now)
        raise APIError("attempt_finished")
    if position < attempt.position:
        raise APIError("answer_taken")
    if position > attempt.position:
        raise invalid("position", "还没有到这道题")
    contest = attempt.contest
    order = attempt.option_orders[position]
    if any(place >= len(order) for place in shown_choice):
        raise invalid("choice", "所选选项不存在")
    question = db.session.get(Question, attempt.question_ids[position])
    chosen = sorted({order[place] for place in shown_choice})
    limit = timedelta(seconds=contest.seconds_per_question)
    elapsed = now - attempt.served_at
    late = elapsed > limit
    correct = not late and chosen == sorted(question.answer)
    last = position + 1 == len(attempt.question_ids)
    spent = _ms(min(elapsed, limit))
    moved = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.position == position, Attempt.status == "running")
        .values(position=position + 1, served_at=now, correct_count=Attempt.correct_count + int(correct),
                total_ms=Attempt.total_ms + spent,
                deadline_at=now + limit * (len(attempt.question_ids) - position - 1),
                **({"status": "finished", "finished_at": now} if last else {}))
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:  # another device answered this question first (or finished the attempt)
        db.session.rollback()
        raise APIError("answer_taken")
    db.session.add(AttemptAnswer(attempt_id=attempt.id, position=position, question_id=question.id,
                                 chosen=chosen, is_correct=correct, late=late, elapsed_ms=spent, answered_at=now))
    db.session.flush()
    if last:
        _after_finish(attempt.id)
    db.session.commit()
    db.session.expire_all()
    return db.session.get(Attempt, attempt.id)


def finish(attempt_id, now=None):
    """End a running attempt now: every question not answered is wrong and
    costs its whole time. Finishing a finished attempt changes nothing."""
    now = now or utcnow()
    attempt = db.session.get(Attempt, attempt_id)
    db.session.refresh(attempt)
    if attempt.status != "running":
        return attempt
    contest = attempt.contest
    limit_ms = contest.seconds_per_question * 1000
    remaining = range(attempt.position, len(attempt.question_ids))
    moved = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.position == attempt.position,
                              Attempt.status == "running")
        .values(status="finished", finished_at=now, position=len(attempt.question_ids),
                total_ms=Attempt.total_ms + limit_ms * len(remaining))
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:  # an answer or another finish came first: read it again
        db.session.rollback()
        return finish(attempt_id, now) if db.session.get(Attempt, attempt_id).status == "running" else \
            db.session.get(Attempt, attempt_id)
    for position in remaining:
        db.session.add(AttemptAnswer(attempt_id=attempt.id, position=position,
                                     question_id=attempt.question_ids[position], chosen=[], is_correct=False,
                                     late=True, elapsed_ms=limit_ms, answered_at=now))
    db.session.flush()
    _after_finish(attempt.id)
    db.session.commit()
    db.session.expire_all()
    return db.session.get(Attempt, attempt_id)


def _after_finish(attempt_id):
    """In the finishing transaction: the person's best score and wrong answers."""
    attempt = db.session.get(Attempt, attempt_id)
    db.session.refresh(attempt)
    user = db.session.get(User, attempt.user_id)
    values = {"contest_id": attempt.contest_id, "user_id": attempt.user_id, "attempt_id": attempt.id,
              "correct_count": attempt.correct_count, "total_ms": attempt.total_ms,
              "community_id": user.community_id, "unit_id": policy.quiz.home_unit(user),
              "finished_at": attempt.finished_at}
    made = db.session.execute(insert_unless_exists(ContestScore.__table__, values, ["contest_id", "user_id"],
                                                   returning=[ContestScore.id])).first()
    if made is None:
        better = (ContestScore.correct_count < attempt.correct_count) | (
            (ContestScore.correct_count == attempt.correct_count) & (ContestScore.total_ms > attempt.total_ms))
        db.session.execute(update(ContestScore).where(
            ContestScore.contest_id == attempt.contest_id, ContestScore.user_id == attempt.user_id, better)
            .values(**{k: v for k, v in values.items() if k not in ("contest_id", "user_id")})
            .execution_options(synchronize_session=False))
    answers = db.session.execute(db.select(AttemptAnswer.question_id, AttemptAnswer.is_correct).where(
        AttemptAnswer.attempt_id == attempt.id)).all()
    note_answers(attempt.user_id, answers, attempt.finished_at)


def note_answers(user_id, answers, now):
    """Keep the wrong-answer list (错题本): a wrong answer adds the question
    (or counts it again), a right one removes it."""
    right = [q for q, ok in answers if ok]
    if right:
        db.session.execute(db.delete(WrongAnswer).where(WrongAnswer.user_id == user_id,
                                                        WrongAnswer.question_id.in_(right)))
    for question_id in {q for q, ok in answers if not ok}:
        made = db.session.execute(insert_unless_exists(WrongAnswer.__table__, {
            "user_id": user_id, "question_id": question_id, "wrong_count": 1, "last_wrong_at": now},
            ["user_id", "question_id"], returning=[WrongAnswer.id])).first()
        if made is None:
            db.session.execute(update(WrongAnswer).where(
                WrongAnswer.user_id == user_id, WrongAnswer.question_id == question_id)
                .values(wrong_count=WrongAnswer.wrong_count + 1, last_wrong_at=now)
                .execution_options(synchronize_session=False))


def finish_expired(now=None, contest_id=None, user_id=None):
    """Finish every running attempt past its deadline (the periodic job; also
    before a person starts another attempt). Returns how many."""
    now = now or utcnow()
    query = db.select(Attempt.id).where(Attempt.status == "running", Attempt.deadline_at < now)
    if contest_id is not None:
        query = query.where(Attempt.contest_id == contest_id, Attempt.user_id == user_id)
    ids = [row.id for row in db.session.execute(query)]
    for attempt_id in ids:
        finish(attempt_id, now)
    if ids and contest_id is None:
        log.info("finished %d attempts past their deadline", len(ids))
    return len(ids)


@periodic("quiz_finish_expired", minute="*", lock_seconds=120, embedded=True)
def finish_expired_job(app):
    return finish_expired()
