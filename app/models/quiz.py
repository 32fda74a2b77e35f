"""百年党史知多少: the question bank, online contests, their attempts and
answers, each person's best score per contest, and 每日一练 with the personal
list of wrong answers.

Fair play lives in the rows: an attempt is one row per (contest, person,
number), claimed once by the unique index; ``question_ids`` and
``option_orders`` are the draw and the shuffle the server made, and the key
(``Question.answer``) is only ever shown once the attempt is finished.
``position`` moves forward by a compare-and-set UPDATE, so two devices racing
one question get one accepted answer (and ``uq_quiz_answers_position`` backs
that up).
"""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

QUESTION_KINDS = ("single", "multiple", "judge")  # 单选, 多选, 判断
DIFFICULTIES = ("easy", "medium", "hard")
ENTRY_RULES = ("everyone", "party_members", "units")
LEADERBOARD_MODES = ("at_close", "live")
ATTEMPT_STATUSES = ("running", "finished")


class Question(TimestampMixin, db.Model):
    __tablename__ = "quiz_questions"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(8), nullable=False)
    topic = db.Column(db.String(32), nullable=False, index=True)
    difficulty = db.Column(db.String(8), nullable=False)
    stem = db.Column(db.String(500), nullable=False, unique=True)  # the import finds a question by its stem
    options = db.Column(db.JSON, nullable=False)  # ["选项一", ...]; judge: ["正确", "错误"]
    answer = db.Column(db.JSON, nullable=False)  # indexes into options, ascending: THE KEY
    explanation = db.Column(db.Text, nullable=False)
    source = db.Column(db.String(255), nullable=True)
    is_active = db.Column(db.Boolean, nullable=False, default=True)

    __table_args__ = (db.Index("ix_quiz_questions_draw", "is_active", "topic", "difficulty"),)


class Contest(TimestampMixin, db.Model):
    __tablename__ = "quiz_contests"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64), nullable=False)
    description = db.Column(db.Text, nullable=True)
    starts_at = db.Column(UTCDateTime(), nullable=False)
    ends_at = db.Column(UTCDateTime(), nullable=False)
    # [{"topic": "长征" | null (any), "difficulty": "easy" | null (any), "count": 3}, ...]
    quotas = db.Column(db.JSON, nullable=False)
    question_count = db.Column(db.Integer, nullable=False)  # the quotas' counts added up
    seconds_per_question = db.Column(db.Integer, nullable=False)
    attempts_allowed = db.Column(db.Integer, nullable=False, default=1)
    entry = db.Column(db.String(16), nullable=False, default="everyone")
    unit_ids = db.Column(db.JSON, nullable=False, default=list)  # entry == "units"
    leaderboard = db.Column(db.String(8), nullable=False, default="at_close")
    certificate_top = db.Column(db.Integer, nullable=False, default=3)  # places given a certificate
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class Attempt(db.Model):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        db.UniqueConstraint("contest_id", "user_id", "number", name="uq_quiz_attempts_number"),
        db.Index("ix_quiz_attempts_running", "status", "deadline_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("quiz_contests.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    number = db.Column(db.Integer, nullable=False)  # 1..attempts_allowed
    question_ids = db.Column(db.JSON, nullable=False)  # the draw, in the order shown
    option_orders = db.Column(db.JSON, nullable=False)  # per question: shown place -> option index
    status = db.Column(db.String(8), nullable=False, default="running")
    position = db.Column(db.Integer, nullable=False, default=0)  # the question being answered (0-based)
    served_at = db.Column(UTCDateTime(), nullable=False)  # when question ``position`` was handed out
    # The latest moment the attempt can still be running (every remaining question's time).
    deadline_at = db.Column(UTCDateTime(), nullable=False)
    started_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    finished_at = db.Column(UTCDateTime(), nullable=True)
    correct_count = db.Column(db.Integer, nullable=False, default=0)
    total_ms = db.Column(db.Integer, nullable=False, default=0)

    contest = db.relationship("Contest")


class AttemptAnswer(db.Model):
    __tablename__ = "quiz_answers"
    __table_args__ = (db.UniqueConstraint("attempt_id", "position", name="uq_quiz_answers_position"),)

    id = db.Column(db.Integer, primary_key=True)
    attempt_id = db.Column(db.Integer, db.ForeignKey("quiz_attempts.id", ondelete="CASCADE"), nullable=False)
    position = db.Column(db.Integer, nullable=False)
    question_id = db.Column(db.Integer, db.ForeignKey("quiz_questions.id"), nullable=False)
    chosen = db.Column(db.JSON, nullable=False)  # option indexes (not the shown places); [] = none
    is_correct = db.Column(db.Boolean, nullable=False)
    late = db.Column(db.Boolean, nullable=False, default=False)
    elapsed_ms = db.Column(db.Integer, nullable=False)  # served → answered, at most the question's time
    answered_at = db.Column(UTCDateTime(), nullable=False)


class ContestScore(db.Model):
    """A person's best finished attempt in a contest: the leaderboard's row
    (more correct first, then less time). ``community_id`` and ``unit_id``
    are the person's when the score was made, for the group boards."""

    __tablename__ = "quiz_scores"
    __table_args__ = (
        db.UniqueConstraint("contest_id", "user_id", name="uq_quiz_scores_person"),
        # (contest, correct, time): the top N reads it backwards by correct, then sorts each
        # (small) group of equal scores by time; my rank is a range count on it.
        db.Index("ix_quiz_scores_rank", "contest_id", "correct_count", "total_ms"),
    )

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("quiz_contests.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    attempt_id = db.Column(db.Integer, db.ForeignKey("quiz_attempts.id", ondelete="CASCADE"), nullable=False)
    correct_count = db.Column(db.Integer, nullable=False)
    total_ms = db.Column(db.Integer, nullable=False)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True)
    finished_at = db.Column(UTCDateTime(), nullable=False)


class PracticeAnswer(db.Model):
    """每日一练: one answer per person, day and question."""

    __tablename__ = "quiz_practice_answers"
    __table_args__ = (db.UniqueConstraint("user_id", "day", "question_id", name="uq_quiz_practice_once"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    day = db.Column(db.Date, nullable=False)
    question_id = db.Column(db.Integer, db.ForeignKey("quiz_questions.id", ondelete="CASCADE"), nullable=False)
    chosen = db.Column(db.JSON, nullable=False)
    is_correct = db.Column(db.Boolean, nullable=False)
    answered_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class WrongAnswer(db.Model):
    """My wrong answers (错题本): a question I got wrong, in practice or a
    contest, until I answer it right."""

    __tablename__ = "quiz_wrong_answers"
    __table_args__ = (db.UniqueConstraint("user_id", "question_id", name="uq_quiz_wrong_person_question"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    question_id = db.Column(db.Integer, db.ForeignKey("quiz_questions.id", ondelete="CASCADE"), nullable=False)
    wrong_count = db.Column(db.Integer, nullable=False, default=1)
    last_wrong_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
