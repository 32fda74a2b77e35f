"""What the hall holds about a person: the contests they judge(d) and how many
score entries they made. Shown in see-my-data; on account closing the
person's appointments to contests still open end (a closed contest's record
keeps its judges, as the results it certified keep their entries)."""
from app.extensions import db
from app.models import HallContest, ContestJudge, ScoreEntry


def personal_data(user):
    judged = db.session.execute(
        db.select(ContestJudge, HallContest).join(HallContest, HallContest.id == ContestJudge.contest_id)
        .where(ContestJudge.user_id == user.id).order_by(HallContest.held_on)).all()
    entries = db.session.execute(db.select(db.func.count(ScoreEntry.id))
                                 .where(ScoreEntry.judge_id == user.id)).scalar_one()
    return {"judging": [{"contest_id": c.id, "title": c.title, "held_on": c.held_on.isoformat(), "head": j.head}
                        for j, c in judged],
            "score_entries": entries}


def end_appointments(sender, user_id, **_):
    """``account_closed`` receiver."""
    open_ids = db.select(HallContest.id).where(HallContest.status == "open")
    db.session.execute(db.delete(ContestJudge).where(ContestJudge.user_id == user_id,
                                                     ContestJudge.contest_id.in_(open_ids)))
    db.session.commit()
