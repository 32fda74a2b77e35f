"""The offline contest (党史学习亮初心, app/hall).

The lecture office (lecture_office grants) and the subdistrict office create
and manage contests: teams, judges, the projector link, closing, the results
workbook and the certificates. Judges are people appointed to one contest
(``ContestJudge``), not a role: an appointed judge enters scores and reads the
entry log of that contest; the head judge (裁判长) alone corrects an entry.
Managing a contest does not make one a judge: an office person who wants to
score appoints themselves. The scoreboard and the results are public to
everyone signed in (the contest is held in a public hall).
"""
from app.auth.policy.scope import runs_lecture_office
from app.extensions import db
from app.models import ContestJudge


def may_create(user):
    return runs_lecture_office(user)


def may_manage(user, contest):
    return runs_lecture_office(user)


def judge_of(user, contest):
    """The ContestJudge row making ``user`` a judge of ``contest``, or None."""
    if user is None or not user.is_active:
        return None
    return db.session.execute(db.select(ContestJudge).where(
        ContestJudge.contest_id == contest.id, ContestJudge.user_id == user.id)).scalar_one_or_none()


def may_enter(user, contest):
    return judge_of(user, contest) is not None


def may_correct(user, contest):
    judge = judge_of(user, contest)
    return judge is not None and judge.head


def may_read_entries(user, contest):
    return may_manage(user, contest) or may_enter(user, contest)


def may_project(user, contest):
    """Open the projector's scoreboard link: the managers and the judges."""
    return may_read_entries(user, contest)


def may_read_results(user, contest):
    return user is not None


def judging_clause(user):
    """The contests ``user`` judges, as a SQL condition on HallContest.id."""
    from app.models import HallContest

    return HallContest.id.in_(db.select(ContestJudge.contest_id).where(ContestJudge.user_id == user.id))
