"""钱塘阿姨 mediation cases and 议事 topics.

Who reads a mediation case (parties, sessions, agreement): the mediators
assigned to it, while they are still members of their community's mediation
squad, and the community's mediation lead (a ``mediation_lead`` grant over
the community). NOT the community's staff and NOT the office: they see the
statistics (counts by kind and outcome, no personal data). An organiser or
admin who must read cases is granted ``mediation_lead`` like anyone else, so
the grant's history records it. Not other mediators of the squad either,
unless assigned. Everyone else is told the case does not exist (404).

Who acts on a case: the lead assigns and unassigns mediators and closes
it; the lead and the assigned mediators log sessions, the outcome and
follow-up visits; the lead and the squad's mediators open cases. The
community's staff (and the office) designate the community's squad.

议事 topics: the community's residents (people whose community it is), its
staff and the office read them; residents comment and vote; staff open,
moderate and resolve them. Everyone else: 404.
"""
from sqlalchemy import and_, exists, false, or_, select

from app.auth.policy.scope import is_admin, mediation_led_community_ids, staffed_community_ids, staffs_community
from app.models import MediationAssignment, MediationCase, MediationSquad, TeamMembership


def _in_squad_clause(user_id, community_column):
    """SQL: ``user_id`` is a current member of the mediation squad of the community in ``community_column``."""
    return exists(
        select(TeamMembership.id).join(MediationSquad, MediationSquad.team_id == TeamMembership.team_id)
        .where(TeamMembership.user_id == user_id, TeamMembership.left_at.is_(None),
               MediationSquad.community_id == community_column))


def _in_squad(user, community_id):
    from app.extensions import db

    return bool(db.session.execute(select(_in_squad_clause(user.id, community_id))).scalar())


def leads(user, community_id):
    return user is not None and community_id in mediation_led_community_ids(user)


def is_mediator(user, community_id):
    """A current member of the community's mediation squad (assigned to a case or not)."""
    return user is not None and user.is_active and _in_squad(user, community_id)


def is_assigned(user, case):
    return (user is not None and any(a.user_id == user.id for a in case.assignments)
            and is_mediator(user, case.community_id))


def may_read_case(user, case):
    return leads(user, case.community_id) or is_assigned(user, case)


def readable_cases_clause(user, case=MediationCase):
    """The SQL twin of ``may_read_case``, for lists."""
    if user is None:
        return false()
    assigned = exists(select(MediationAssignment.id).where(MediationAssignment.case_id == case.id,
                                                          MediationAssignment.user_id == user.id))
    return or_(case.community_id.in_(sorted(mediation_led_community_ids(user)) or [-1]),
               and_(assigned, _in_squad_clause(user.id, case.community_id)))


def may_work_case(user, case):
    """Log sessions, the outcome and follow-ups: the lead and the assigned mediators."""
    return may_read_case(user, case)


def may_manage_case(user, case):
    """Assign, unassign and close: the lead only."""
    return leads(user, case.community_id)


def may_open_case(user, community_id):
    return leads(user, community_id) or is_mediator(user, community_id)


def may_set_squad(user, community_id):
    return staffs_community(user, community_id)


def may_see_squad(user, community_id):
    return staffs_community(user, community_id) or may_open_case(user, community_id)


def may_see_stats(user, community_id):
    """Counts only: staff, the office and the lead."""
    return staffs_community(user, community_id) or leads(user, community_id)


# -- 议事 ---------------------------------------------------------------------

def may_read_topic(user, topic):
    return user is not None and (user.community_id == topic.community_id
                                 or staffs_community(user, topic.community_id))


def readable_topics_clause(user, topic):
    if is_admin(user):
        return topic.id.isnot(None)
    communities = set(staffed_community_ids(user)) | ({user.community_id} if user.community_id else set())
    return topic.community_id.in_(sorted(communities) or [-1])


def may_take_part(user, topic):
    """Comment and vote: the residents of the topic's community."""
    return user is not None and user.community_id == topic.community_id


def may_comment(user, topic):
    """Residents, and the community's staff answering them."""
    return may_take_part(user, topic) or staffs_community(user, topic.community_id)


def may_moderate(user, topic):
    """Open, hide comments, resolve: the community's staff and the office."""
    return staffs_community(user, topic.community_id)


def may_open_topic(user, community_id):
    return staffs_community(user, community_id)
