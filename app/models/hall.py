"""The offline contest (党史学习亮初心): teams of the alliance's member units
and communities answer rounds of questions in the hall, judges enter what
happened, the projector shows the scoreboard.

Score entries are an append-only log: a judge's entry is never edited; the
head judge's correction is a new entry of the next ``revision`` that
supersedes it, and a team's total is derived from the latest revision of each
(round, team, question). PostgreSQL refuses UPDATE and DELETE on the log with
a trigger (migration 0019); on any database the ORM guard below refuses them.
"""
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.errors import APIError
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

CONTEST_STATUSES = ("open", "closed")
# 必答 (each team answers its own questions), 抢答 (buzz in; a wrong answer
# costs points), 风险题 (the team picks a tier; right wins it, wrong loses it).
ROUND_KINDS = ("required", "buzz", "risk")
ROUND_KIND_LABELS = {"required": "必答题", "buzz": "抢答题", "risk": "风险题"}
# correct / wrong by the round's rule; points: a judge's partial marks in a
# 必答 round; void: a correction that cancels an entry made by mistake.
ENTRY_OUTCOMES = ("correct", "wrong", "points", "void")


class HallContest(TimestampMixin, db.Model):
    __tablename__ = "hall_contests"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64), nullable=False)
    held_on = db.Column(db.Date, nullable=False)
    place = db.Column(db.String(128), nullable=True)
    status = db.Column(db.String(16), nullable=False, default="open", server_default="open", index=True)
    award_places = db.Column(db.Integer, nullable=False, default=3, server_default="3")
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    closed_at = db.Column(UTCDateTime(), nullable=True)
    closed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    rounds = db.relationship("ContestRound", order_by="ContestRound.position", lazy="selectin",
                             back_populates="contest")
    teams = db.relationship("ContestTeam", order_by="ContestTeam.position", lazy="selectin",
                            back_populates="contest")
    judges = db.relationship("ContestJudge", order_by="ContestJudge.id", lazy="selectin")


class ContestRound(db.Model):
    __tablename__ = "hall_contest_rounds"
    __table_args__ = (db.UniqueConstraint("contest_id", "position", name="uq_hall_contest_rounds_position"),)

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("hall_contests.id", ondelete="CASCADE"), nullable=False)
    position = db.Column(db.Integer, nullable=False)  # 1, 2, 3: the order they are played
    name = db.Column(db.String(32), nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    points_correct = db.Column(db.Integer, nullable=False, default=10)
    penalty_wrong = db.Column(db.Integer, nullable=False, default=0)
    risk_tiers = db.Column(db.JSON, nullable=False, default=list)
    question_count = db.Column(db.Integer, nullable=False, default=10)  # per team (必答) or in all

    contest = db.relationship("HallContest", back_populates="rounds")


class ContestTeam(db.Model):
    """A team (代表队) speaking for one member unit or one community."""

    __tablename__ = "hall_contest_teams"
    __table_args__ = (db.UniqueConstraint("contest_id", "name", name="uq_hall_contest_teams_name"),)

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("hall_contests.id", ondelete="CASCADE"), nullable=False)
    position = db.Column(db.Integer, nullable=False)  # seat order on the stage and the board
    name = db.Column(db.String(64), nullable=False)
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    members = db.Column(db.JSON, nullable=False, default=list)  # names as the office typed them

    contest = db.relationship("HallContest", back_populates="teams")
    community = db.relationship("Community")
    member_unit = db.relationship("MemberUnit")


class ContestJudge(db.Model):
    """A person appointed judge of one contest; one of them is the head judge
    (裁判长), the only one who may correct an entry."""

    __tablename__ = "hall_contest_judges"
    __table_args__ = (
        db.UniqueConstraint("contest_id", "user_id", name="uq_hall_contest_judges_user"),
        db.Index("uq_hall_contest_judges_head", "contest_id", unique=True,
                 postgresql_where=db.text("head"), sqlite_where=db.text("head")),
    )

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("hall_contests.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    head = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    appointed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    appointed_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    user = db.relationship("User", foreign_keys=[user_id], lazy="joined")


class ScoreEntry(db.Model):
    """What a judge recorded for one team's answer to one question of a
    round, or the head judge's correction of it (``revision`` > 0,
    ``supersedes_id`` the entry it replaces). The unique (round, team,
    question, revision) is what lets exactly one of two racing judges write."""

    __tablename__ = "hall_score_entries"
    __table_args__ = (
        db.UniqueConstraint("round_id", "team_id", "question_no", "revision", name="uq_hall_score_entries_key"),
        db.Index("ix_hall_score_entries_contest", "contest_id", "id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    contest_id = db.Column(db.Integer, db.ForeignKey("hall_contests.id", ondelete="CASCADE"), nullable=False)
    round_id = db.Column(db.Integer, db.ForeignKey("hall_contest_rounds.id", ondelete="CASCADE"), nullable=False)
    team_id = db.Column(db.Integer, db.ForeignKey("hall_contest_teams.id", ondelete="CASCADE"), nullable=False)
    question_no = db.Column(db.Integer, nullable=False)
    revision = db.Column(db.Integer, nullable=False, default=0)
    outcome = db.Column(db.String(8), nullable=False)
    tier = db.Column(db.Integer, nullable=True)  # 风险题: the points the team chose
    points = db.Column(db.Integer, nullable=False)  # signed: what this entry adds to the total
    judge_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    supersedes_id = db.Column(db.Integer, db.ForeignKey("hall_score_entries.id"), nullable=True, unique=True)
    reason = db.Column(db.String(200), nullable=True)  # why a correction was made
    entered_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class ScoresAreAppendOnly(APIError):
    def __init__(self, detail):
        super().__init__("score_log_append_only", "已记录的得分不能修改或删除，请由裁判长提交更正", status=409,
                         details={"detail": detail})


@sa_event.listens_for(ScoreEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise ScoresAreAppendOnly(f"score entry {target.id} cannot be changed; add a correction instead")


@sa_event.listens_for(ScoreEntry, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise ScoresAreAppendOnly(f"score entry {target.id} cannot be deleted; add a correction instead")


@sa_event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    if not (state.is_update or state.is_delete) or not state.is_orm_statement:
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) == ScoreEntry.__tablename__:
        raise ScoresAreAppendOnly("hall_score_entries is append-only")
