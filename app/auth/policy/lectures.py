"""聚沙讲堂: lecturers, courses, course orders and online learning.

* The catalogue (lecturers, courses, their materials) is read by everyone
  signed in; the lecture office (``lecture_office`` grant) and the admins
  keep it.
* A course order is placed for a community by its staff (organiser over the
  community) or for a member unit by whoever speaks for it (its contact or
  organiser). Those who may place it for that community or unit read it and
  may cancel it while it waits; the office reads every order and confirms or
  declines it. Anyone else is told it does not exist (404).
* Online learning is for party members (a confirmed PartyMembership); a
  learning session is its learner's alone.
"""
from sqlalchemy import false, or_, true

from app.auth.policy.scope import runs_lecture_office, speaks_for, staffed_community_ids, staffs_community, \
    unit_ids_spoken_for
from app.extensions import db
from app.models import CourseOrder, PartyMembership


def may_keep_catalogue(user):
    """Add and edit lecturers, courses and materials."""
    return runs_lecture_office(user)


def may_order_for(user, community_id=None, member_unit_id=None):
    if community_id is not None:
        return staffs_community(user, community_id)
    return member_unit_id is not None and speaks_for(user, member_unit_id)


def may_read_order(user, order):
    return runs_lecture_office(user) or may_order_for(user, order.community_id, order.member_unit_id)


def may_decide_order(user, order=None):
    """Confirm with a lecturer, or decline: the office."""
    return runs_lecture_office(user)


def may_cancel_order(user, order):
    return may_order_for(user, order.community_id, order.member_unit_id)


def orders_clause(user, order=CourseOrder):
    """The orders ``user`` may read, for lists: the SQL twin of ``may_read_order``."""
    if runs_lecture_office(user):
        return true()
    communities, units = sorted(staffed_community_ids(user)), sorted(unit_ids_spoken_for(user))
    clauses = []
    if communities:
        clauses.append(order.community_id.in_(communities))
    if units:
        clauses.append(order.member_unit_id.in_(units))
    return or_(*clauses) if clauses else false()


def is_party_member(user):
    """A confirmed party membership: what online learning asks for."""
    if user is None:
        return False
    return db.session.execute(
        db.select(PartyMembership.id).where(PartyMembership.user_id == user.id,
                                            PartyMembership.status == "confirmed")
    ).first() is not None


def may_learn(user):
    return is_party_member(user)


def owns_session(user, session):
    return user is not None and session.user_id == user.id
