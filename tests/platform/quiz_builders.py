"""Request builders for the quiz's rows of the authorisation table: each makes
what its operation acts on (a small bank, a running contest with a live
leaderboard, the volunteer's running attempt in it) and a valid body."""
from datetime import timedelta

from app.extensions import db
from app.models import Contest, Question, utcnow
from app.quiz import attempts, practice


def _contest(w):
    """A running contest for everyone, its board live, over a bank of three questions."""
    if not db.session.execute(db.select(Question.id)).first():
        db.session.add_all([Question(kind="single", topic="建党伟业", difficulty="easy", stem=f"授权表测试题{i}",
                                     options=["甲", "乙", "丙"], answer=[1], explanation="解析", is_active=True)
                            for i in range(3)])
    contest = Contest(title="授权表测试竞赛", starts_at=utcnow() - timedelta(hours=1), ends_at=utcnow() + timedelta(days=1),
                      quotas=[{"topic": None, "difficulty": None, "count": 2}], question_count=2,
                      seconds_per_question=30, attempts_allowed=2, entry="everyone", unit_ids=[], leaderboard="live",
                      certificate_top=3)
    db.session.add(contest)
    db.session.commit()
    return contest


def _volunteers_attempt(w):
    contest = _contest(w)
    return attempts.start(w.people["volunteer"], contest.id, 1)


def _contest_path(w, actor, wechat):
    contest = _contest(w)
    attempts.start(w.people["volunteer"], contest.id, 1)  # the volunteer is in it: a board with a row
    return {"path": {"contest_id": contest.id}}


def _practice(w, actor, wechat):
    _contest(w)
    person = actor or w.people["resident"]
    (question_id, *_) = practice.daily_question_ids(person.id, practice.local_date(utcnow()))
    return {"json": {"question_id": question_id, "choice": [1]}}


QUESTION = {"kind": "single", "topic": "长征", "difficulty": "easy", "stem": "遵义会议召开于哪一年？",
            "options": ["1934年", "1935年", "1936年"], "answer": [1], "explanation": "1935年1月。"}

QUIZ_BUILDERS = {
    "quiz_question": lambda w, actor, wechat: {"json": dict(QUESTION)},
    "quiz_question_change": lambda w, actor, wechat: {
        "path": {"question_id": (_contest(w), db.session.execute(db.select(Question.id)).scalars().first())[1]},
        "json": {"topic": "建党"}},
    "quiz_contest_new": lambda w, actor, wechat: (_contest(w), {"json": {
        "title": "百年党史知多少", "starts_at": (utcnow() + timedelta(days=1)).isoformat(),
        "ends_at": (utcnow() + timedelta(days=8)).isoformat(), "quotas": [{"count": 2}]}})[1],
    "quiz_contest": _contest_path,
    "quiz_contest_change": lambda w, actor, wechat: dict(_contest_path(w, actor, wechat), json={"leaderboard": "at_close"}),
    "quiz_start": lambda w, actor, wechat: dict(_contest_path(w, actor, wechat), json={"number": 1}),
    "quiz_attempt": lambda w, actor, wechat: {"path": {"attempt_id": _volunteers_attempt(w).id}},
    "quiz_answer": lambda w, actor, wechat: {"path": {"attempt_id": _volunteers_attempt(w).id},
                                             "json": {"position": 0, "choice": [0]}},
    "quiz_certificate": lambda w, actor, wechat: dict(_contest_path(w, actor, wechat),
                                                      query={"user_id": w.people["volunteer"].id}),
    "quiz_practice": _practice,
}

