"""Leaderboards: top N and my rank, per person (also within one community or
unit) and per community or unit (groups ranked by their people's average).

One row per person and contest (``quiz_scores``, their best attempt) with
the index (contest, correct DESC, time ASC): the top N is an index range
read and my rank one COUNT of the rows ahead of mine. Ties (same correct
answers, same time to the millisecond) share a rank.
"""
from sqlalchemy import and_, func, or_

from app.extensions import db
from app.models import Community, ContestScore, MemberUnit, User
from app.volunteers.identity import mask_name

GROUP_COLUMNS = {"community": (ContestScore.community_id, Community), "unit": (ContestScore.unit_id, MemberUnit)}


def _filters(contest_id, community_id=None, unit_id=None):
    clauses = [ContestScore.contest_id == contest_id]
    if community_id is not None:
        clauses.append(ContestScore.community_id == community_id)
    if unit_id is not None:
        clauses.append(ContestScore.unit_id == unit_id)
    return clauses


def _ahead_of(correct, total_ms):
    return or_(ContestScore.correct_count > correct,
               and_(ContestScore.correct_count == correct, ContestScore.total_ms < total_ms))


def people(contest_id, user_id, limit=10, community_id=None, unit_id=None):
    clauses = _filters(contest_id, community_id, unit_id)
    rows = db.session.execute(
        db.select(ContestScore.user_id, ContestScore.correct_count, ContestScore.total_ms, User.name, Community.name)
        .join(User, User.id == ContestScore.user_id).outerjoin(Community, Community.id == ContestScore.community_id)
        .where(*clauses)
        .order_by(ContestScore.correct_count.desc(), ContestScore.total_ms, ContestScore.attempt_id)
        .limit(limit)).all()
    top, rank, previous = [], 0, None
    for index, (person, correct, total_ms, name, community) in enumerate(rows, start=1):
        if (correct, total_ms) != previous:
            rank, previous = index, (correct, total_ms)
        top.append({"rank": rank, "user_id": person, "name": mask_name(name) if name else "已注销用户",
                    "community": community, "correct_count": correct, "total_ms": total_ms,
                    "is_me": person == user_id})
    mine = db.session.execute(db.select(ContestScore.correct_count, ContestScore.total_ms).where(
        *clauses, ContestScore.user_id == user_id)).first()
    me = None
    if mine is not None:
        ahead = db.session.execute(db.select(func.count()).select_from(ContestScore).where(
            *clauses, _ahead_of(*mine))).scalar_one()
        me = {"rank": ahead + 1, "correct_count": mine[0], "total_ms": mine[1]}
    total = db.session.execute(db.select(func.count()).select_from(ContestScore).where(*clauses)).scalar_one()
    return {"by": "person", "participants": total, "top": top, "mine": me}


def groups(contest_id, by, my_group_id, limit=10):
    column, model = GROUP_COLUMNS[by]
    average = func.avg(ContestScore.correct_count)
    rows = db.session.execute(
        db.select(column, model.name, func.count(), average, func.avg(ContestScore.total_ms))
        .join(model, model.id == column).where(ContestScore.contest_id == contest_id)
        .group_by(column, model.name).order_by(average.desc(), func.avg(ContestScore.total_ms), column)).all()
    ranked = [{"rank": index, "id": group_id, "name": name, "participants": count,
               "average_correct": round(float(correct), 2), "average_ms": int(ms),
               "is_mine": group_id == my_group_id}
              for index, (group_id, name, count, correct, ms) in enumerate(rows, start=1)]
    mine = next((row for row in ranked if row["is_mine"]), None)
    return {"by": by, "participants": sum(r["participants"] for r in ranked), "top": ranked[:limit], "mine": mine}
