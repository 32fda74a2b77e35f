"""Contests: creating and changing them, their state, and the draw each
attempt makes from the bank by the contest's quotas (topic × difficulty)."""
import random
from datetime import timedelta

from app.errors import APIError, invalid
from app.extensions import db
from app.models import Contest, Question, utcnow

_rng = random.SystemRandom()  # a draw nobody can predict from the outside


def state(contest, now=None):
    """upcoming | running | closed."""
    now = now or utcnow()
    if now < contest.starts_at:
        return "upcoming"
    return "running" if now < contest.ends_at else "closed"


def leaderboard_published(contest, now=None):
    return contest.leaderboard == "live" or state(contest, now) == "closed"


def _check_quotas(quotas):
    total = 0
    for quota in quotas:
        available = db.session.execute(db.select(db.func.count()).select_from(Question).where(
            *_quota_clause(quota))).scalar_one()
        if available < quota["count"]:
            what = "、".join(x for x in (quota.get("topic"), quota.get("difficulty")) if x) or "全部"
            raise invalid("quotas", f"「{what}」的题目只有 {available} 道，不足 {quota['count']} 道")
        total += quota["count"]
    return total


def create(actor, fields):
    if fields["ends_at"] <= fields["starts_at"]:
        raise invalid("ends_at", "结束时间须晚于开始时间")
    if fields["entry"] == "units" and not fields.get("unit_ids"):
        raise invalid("unit_ids", "请选择可以参赛的共建单位")
    contest = Contest(**{k: v for k, v in fields.items() if k != "quotas"}, quotas=fields["quotas"],
                      question_count=_check_quotas(fields["quotas"]), created_by_id=actor.id)
    db.session.add(contest)
    db.session.commit()
    return contest


def update(contest_id, fields, now=None):
    contest = get(contest_id)
    draw_fields = {"quotas", "seconds_per_question", "starts_at", "entry", "unit_ids"}
    if draw_fields & set(fields) and state(contest, now) != "upcoming":
        raise APIError("contest_started")
    if "quotas" in fields:
        contest.question_count = _check_quotas(fields["quotas"])
    for key, value in fields.items():
        setattr(contest, key, value)
    if contest.ends_at <= contest.starts_at:
        raise invalid("ends_at", "结束时间须晚于开始时间")
    if contest.entry == "units" and not contest.unit_ids:
        raise invalid("unit_ids", "请选择可以参赛的共建单位")
    db.session.commit()
    return contest


def get(contest_id):
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        raise APIError("contest_not_found")
    return contest


def _quota_clause(quota):
    clauses = [Question.is_active.is_(True)]
    if quota.get("topic"):
        clauses.append(Question.topic == quota["topic"])
    if quota.get("difficulty"):
        clauses.append(Question.difficulty == quota["difficulty"])
    return clauses


def draw(contest):
    """(question ids in the order shown, per question the shown order of its
    options): each quota sampled without repeats, then everything shuffled;
    a 判断题's 正确/错误 keep their order."""
    chosen = []
    for quota in contest.quotas:
        pool = [row.id for row in db.session.execute(
            db.select(Question.id).where(*_quota_clause(quota), Question.id.not_in(chosen or [-1])))]
        if len(pool) < quota["count"]:
            raise APIError("not_enough_questions")
        chosen.extend(_rng.sample(pool, quota["count"]))
    _rng.shuffle(chosen)
    questions = {q.id: q for q in db.session.execute(db.select(Question).where(Question.id.in_(chosen))).scalars()}
    orders = []
    for question_id in chosen:
        order = list(range(len(questions[question_id].options)))
        if questions[question_id].kind != "judge":
            _rng.shuffle(order)
        orders.append(order)
    return chosen, orders


def question_deadline(contest, served_at):
    return served_at + timedelta(seconds=contest.seconds_per_question)
