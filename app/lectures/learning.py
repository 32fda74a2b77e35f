"""Online learning: a party member reads or plays a course material in the
mini-program, and the time the page is visible is counted.

The page opens a learning session when it shows and beats every
HEARTBEAT_SECONDS while visible; on hide it stops (and opens a new session
when shown again), so hidden time never reaches the server. The server
trusts no clock but its own:

* a beat counts the real time since the session's previous beat (or its
  start), at most HEARTBEAT_CAP; a beat whose ``seq`` is not above the last
  one is a replay and counts nothing;
* two sessions on the same material (two phones) never count the same
  moment twice: the progress row remembers up to when time is settled, so
  all the sessions together count at most the real time that passed;
* the material is completed once counted time reaches its floor (80% of its
  length, at least a minute), exactly once: the progress row is locked
  while a beat adds to it, and ``completed_at`` is set only while empty.
"""
import math
from datetime import timedelta

from app.auth.policy import lectures as lecture_policy
from app.errors import APIError
from app.extensions import db
from app.lectures import catalogue
from app.localtime import wall_clock
from app.models import Course, CourseMaterial, LearningProgress, LearningSession, utcnow
from app.models.base import insert_unless_exists, lock_row

HEARTBEAT_SECONDS = 15
HEARTBEAT_CAP = timedelta(seconds=60)
FLOOR_SHARE = 0.8
FLOOR_MINIMUM = 60


def floor_seconds(material):
    return max(FLOOR_MINIMUM, math.ceil(material.length_seconds * FLOOR_SHARE))


def _progress_row(user_id, material_id):
    return db.session.execute(db.select(LearningProgress).filter_by(user_id=user_id, material_id=material_id)
                              .execution_options(populate_existing=True)).scalar_one_or_none()


def _state(session, progress, material, credited=0, replay=False, just_completed=False):
    return {"session_id": session.id, "material_id": material.id, "floor_seconds": floor_seconds(material),
            "counted_seconds": progress.counted_seconds, "session_seconds": session.counted_seconds,
            "completed": progress.completed_at is not None, "completed_at": progress.completed_at,
            "credited_seconds": credited, "replay": replay, "just_completed": just_completed,
            "heartbeat_seconds": HEARTBEAT_SECONDS, "cap_seconds": int(HEARTBEAT_CAP.total_seconds())}


def _ensure_progress(user_id, material_id, now):
    db.session.execute(insert_unless_exists(
        LearningProgress.__table__, {"user_id": user_id, "material_id": material_id, "counted_seconds": 0,
                                     "created_at": now}, ["user_id", "material_id"]))


def start(user, material_id, now=None):
    """Open a session on a material (the page was shown)."""
    now = now or utcnow()
    if not lecture_policy.may_learn(user):
        raise APIError("not_party_member", "在线学习计时仅面向已确认的党员，请先登记党员身份并等待党组织确认",
                       status=403)
    material = catalogue.get_material(material_id)
    _ensure_progress(user.id, material.id, now)
    session = LearningSession(user_id=user.id, material_id=material.id, started_at=now, last_beat_at=now)
    db.session.add(session)
    db.session.commit()
    return _state(session, _progress_row(user.id, material.id), material)


def beat(user, session_id, seq, now=None):
    """One heartbeat of a visible page: count the real time since the last one."""
    now = now or utcnow()
    session = lock_row(LearningSession, session_id)
    if session is None or not lecture_policy.owns_session(user, session):
        raise APIError("not_found", "学习记录不存在，请重新打开学习页面")
    material = db.session.get(CourseMaterial, session.material_id)
    progress = _progress_row(user.id, material.id)
    if progress is None:  # a session made before its progress row (an import, a test's world)
        _ensure_progress(user.id, material.id, now)
        progress = _progress_row(user.id, material.id)
    if seq <= session.last_seq:
        db.session.commit()
        return _state(session, progress, material, replay=True)
    progress = lock_row(LearningProgress, progress.id)
    since = max(session.last_beat_at, progress.counted_until or session.last_beat_at)
    credited = int(max(timedelta(0), min(now - since, HEARTBEAT_CAP)).total_seconds())
    session.last_seq, session.last_beat_at = seq, max(now, session.last_beat_at)
    session.counted_seconds += credited
    progress.counted_seconds += credited
    # Every moment up to now is settled, counted or (past the cap) forfeited:
    # another session's beat can count only what comes after it.
    progress.counted_until = max(now, since)
    just_completed = progress.completed_at is None and progress.counted_seconds >= floor_seconds(material)
    if just_completed:
        progress.completed_at = now
    db.session.commit()
    return _state(session, progress, material, credited=credited, just_completed=just_completed)


def my_progress(user, material_ids):
    """{material_id: progress row} of ``user`` for these materials."""
    if user is None or not material_ids:
        return {}
    rows = db.session.execute(db.select(LearningProgress).where(
        LearningProgress.user_id == user.id, LearningProgress.material_id.in_(list(material_ids)))).scalars()
    return {row.material_id: row for row in rows}


def _year_bounds(year):
    return wall_clock(year, 1, 1), wall_clock(year + 1, 1, 1)


def learning_record(user_id, year):
    """The learning record's ``online`` section: items completed and minutes
    counted in ``year`` (Beijing time)."""
    start_at, end_at = _year_bounds(year)
    seconds = db.session.execute(db.select(db.func.coalesce(db.func.sum(LearningSession.counted_seconds), 0)).where(
        LearningSession.user_id == user_id, LearningSession.started_at >= start_at,
        LearningSession.started_at < end_at)).scalar_one()
    rows = db.session.execute(
        db.select(LearningProgress.completed_at, CourseMaterial.title, Course.title)
        .join(CourseMaterial, CourseMaterial.id == LearningProgress.material_id)
        .join(Course, Course.id == CourseMaterial.course_id)
        .where(LearningProgress.user_id == user_id, LearningProgress.completed_at >= start_at,
               LearningProgress.completed_at < end_at)
        .order_by(LearningProgress.completed_at)).all()
    return {"title": "在线学习", "items_completed": len(rows), "minutes": int(seconds) // 60,
            "items": [{"course": course, "material": material, "completed_at": done.isoformat()}
                      for done, material, course in rows]}


def personal_data(user):
    """See-my-data: every material the person learned, with its time."""
    rows = db.session.execute(
        db.select(LearningProgress, CourseMaterial.title, Course.title)
        .join(CourseMaterial, CourseMaterial.id == LearningProgress.material_id)
        .join(Course, Course.id == CourseMaterial.course_id)
        .where(LearningProgress.user_id == user.id).order_by(LearningProgress.id)).all()
    sessions = db.session.execute(db.select(db.func.count(LearningSession.id))
                                  .where(LearningSession.user_id == user.id)).scalar_one()
    return {"title": "聚沙讲堂在线学习", "sessions": sessions, "learning": [
        {"course": course, "material": material, "counted_seconds": row.counted_seconds,
         "completed_at": row.completed_at.isoformat() if row.completed_at else None}
        for row, material, course in rows]}


def erase(sender=None, user_id=None, **kwargs):
    """``account_closed``: the person's learning time goes with the account;
    a lecturer profile linked to the account is unlinked."""
    from app.models import Lecturer

    db.session.execute(db.delete(LearningSession).where(LearningSession.user_id == user_id))
    db.session.execute(db.delete(LearningProgress).where(LearningProgress.user_id == user_id))
    db.session.execute(db.update(Lecturer).where(Lecturer.user_id == user_id).values(user_id=None))
    db.session.commit()
