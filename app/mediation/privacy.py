"""A mediator's section of see-my-data: the cases they work on, counted.
The parties' data is theirs, not the mediator's, so it is not here; the
parties are not users (they ask the community, which reads the case).

A mediator closing their account keeps their assignments and sessions (the
cases' history), shown under the name 已注销; nothing of the mediation
area is theirs to erase. 议事 comments are: app/consultations erases them."""
from sqlalchemy import func, select

from app.extensions import db
from app.models import MediationAssignment, MediationCase, MediationFollowUp, MediationSession


def mediator_section(user):
    by_status = dict(db.session.execute(
        select(MediationCase.status, func.count()).join(MediationAssignment, MediationAssignment.case_id ==
                                                        MediationCase.id)
        .where(MediationAssignment.user_id == user.id).group_by(MediationCase.status)).all())
    sessions = db.session.execute(select(func.count()).select_from(MediationSession)
                                  .where(MediationSession.logged_by_id == user.id)).scalar_one()
    visits = db.session.execute(select(func.count()).select_from(MediationFollowUp)
                                .where(MediationFollowUp.logged_by_id == user.id)).scalar_one()
    return {"cases_assigned": sum(by_status.values()), "cases_by_status": by_status,
            "sessions_logged": sessions, "follow_ups_logged": visits}
