"""百年党史知多少 (app/quiz): the question bank, contests and their results.

* The bank and the contests are managed by the lecture office (聚沙讲堂,
  ``lecture_office``) and the subdistrict office (admin): ``may_manage``.
* Every signed-in person sees the contests; who may ENTER one is the
  contest's rule (``may_enter``): everyone, confirmed party members, or the
  people of chosen member units.
* An attempt is its person's alone (others are told it does not exist).
* Results (every person's score, the XLSX): the managers, and community
  staff for the people of their own communities (``results_clause``).
* A certificate of honour: its holder and the managers.
"""
from sqlalchemy import false, true

from app.auth.policy.scope import is_admin, runs_lecture_office, staffed_community_ids, unit_ids_spoken_for
from app.extensions import db
from app.models import ContestScore, PartyMembership


def may_manage(user):
    """Write the bank, create and change contests, read every result."""
    return user is not None and runs_lecture_office(user)


def confirmed_membership(user):
    return db.session.execute(db.select(PartyMembership).where(
        PartyMembership.user_id == user.id, PartyMembership.status == "confirmed")).scalar_one_or_none()


def units_of(user):
    """The member units a person belongs to for a contest: the work unit of
    their confirmed party membership (在职党员), and the units they speak for
    (a unit_contact or organiser grant over it)."""
    units = set(unit_ids_spoken_for(user))
    membership = confirmed_membership(user)
    if membership is not None and membership.work_unit_id is not None:
        units.add(membership.work_unit_id)
    return units


def home_unit(user):
    """The one unit a person's score counts for on the unit board."""
    membership = confirmed_membership(user)
    if membership is not None and membership.work_unit_id is not None:
        return membership.work_unit_id
    spoken = sorted(unit_ids_spoken_for(user))
    return spoken[0] if spoken else None


def may_enter(user, contest):
    if contest.entry == "everyone":
        return True
    if contest.entry == "party_members":
        return confirmed_membership(user) is not None
    return bool(units_of(user) & set(contest.unit_ids or ()))


def may_read_results(user):
    """Open the results at all (their extent is ``results_clause``)."""
    return may_manage(user) or bool(staffed_community_ids(user))


def results_clause(user, score=ContestScore):
    """Which scores ``user`` reads in results: all for the managers, their
    communities' people for community staff, none for anyone else."""
    if may_manage(user) or is_admin(user):
        return true()
    communities = sorted(staffed_community_ids(user))
    return score.community_id.in_(communities) if communities else false()


def may_read_certificate(user, holder_id):
    return user.id == holder_id or may_manage(user)
