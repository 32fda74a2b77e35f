"""A mediation case's life: opened → assigned → sessions → outcome →
follow-up visits → closed. Knows nothing of Flask's request; the handler
asked app.auth.policy first. Writers that check a status lock the case row
(``lock_row``), so two leads closing at once leave one close and a 409.

| from | step | to |
| --- | --- | --- |
| — | open | open |
| open, in_mediation | session | in_mediation |
| open, in_mediation | outcome | settled / referred / not_settled |
| settled, referred, not_settled | follow-up | (same) |
| settled, referred, not_settled | close (≥ 1 follow-up) | closed |
"""
from sqlalchemy import select

from app import audit
from app.auth.policy import mediation as mediation_policy
from app.extensions import db
from app.mediation.errors import refuse
from app.models import (
    Community,
    Grid,
    MediationAssignment,
    MediationCase,
    MediationFollowUp,
    MediationParty,
    MediationSession,
    MediationSquad,
    Team,
    User,
    utcnow,
)
from app.models.base import insert_unless_exists, lock_row
from app.errors import invalid

WORKING = ("open", "in_mediation")
DECIDED = ("settled", "referred", "not_settled")


def set_squad(actor, community_id, team_id, now=None):
    """Designate ``team_id`` (a squad) as the community's 钱塘阿姨 mediators."""
    if db.session.get(Community, community_id) is None:
        raise invalid("community_id", "社区不存在")
    team = db.session.get(Team, team_id)
    if team is None or team.level != "squad":
        raise invalid("team_id", "请选择一个中队")
    squad = db.session.get(MediationSquad, community_id)
    if squad is None:
        squad = MediationSquad(community_id=community_id)
        db.session.add(squad)
    squad.team_id, squad.set_by_id, squad.set_at = team.id, actor.id, now or utcnow()
    audit.record("mediation.set_squad", actor=actor, target=squad.team, detail={"community_id": community_id})
    db.session.commit()
    return squad


def open_case(actor, body, now=None):
    community_id = body["community_id"]
    grid_id = body.get("grid_id")
    if grid_id is not None:
        grid = db.session.get(Grid, grid_id)
        if grid is None or grid.community_id != community_id:
            raise invalid("grid_id", "网格不属于该社区")
    now = now or utcnow()
    case = MediationCase(community_id=community_id, grid_id=grid_id, kind=body["kind"], summary=body.get("summary"),
                         status="open", opened_by_id=actor.id, created_at=now, updated_at=now)
    case.parties = [MediationParty(side=p["side"], name=p["name"], phone=p.get("phone"), address=p.get("address"))
                    for p in body["parties"]]
    db.session.add(case)
    db.session.flush()
    if not mediation_policy.leads(actor, community_id):
        # A mediator who takes a dispute in works on it.
        db.session.add(MediationAssignment(case_id=case.id, user_id=actor.id, assigned_by_id=actor.id,
                                           assigned_at=now))
    audit.record("mediation.open_case", actor=actor, target=case, detail={"kind": case.kind})
    db.session.commit()
    return case


def _locked(case_id):
    case = lock_row(MediationCase, case_id)
    if case is None:
        raise refuse("case_not_found")
    if case.status == "closed":
        raise refuse("case_closed")
    return case


def assign(actor, case_id, user_id, now=None):
    """The lead assigns a mediator of the squad; assigning twice (or two
    leads at once) leaves one assignment. True when this call added it."""
    case = _locked(case_id)
    mediator = db.session.get(User, user_id)
    if mediator is None or not mediation_policy.is_mediator(mediator, case.community_id):
        raise refuse("not_a_mediator")
    row = db.session.execute(insert_unless_exists(
        MediationAssignment.__table__,
        {"case_id": case.id, "user_id": mediator.id, "assigned_by_id": actor.id, "assigned_at": now or utcnow()},
        ["case_id", "user_id"], returning=[MediationAssignment.__table__.c.id])).first()
    if row is not None:
        audit.record("mediation.assign", actor=actor, target=case, detail={"mediator_id": mediator.id})
    db.session.commit()
    return row is not None


def unassign(actor, case_id, user_id):
    case = _locked(case_id)
    deleted = db.session.execute(db.delete(MediationAssignment).where(
        MediationAssignment.case_id == case.id, MediationAssignment.user_id == user_id)).rowcount
    if deleted:
        audit.record("mediation.unassign", actor=actor, target=case, detail={"mediator_id": user_id})
    db.session.commit()
    return bool(deleted)


def log_session(actor, case_id, body, now=None):
    case = _locked(case_id)
    if case.status not in WORKING:
        raise refuse("case_has_outcome")
    if not case.assignments:
        raise refuse("case_without_mediator")
    session = MediationSession(case_id=case.id, held_at=body.get("held_at") or now or utcnow(),
                               place=body.get("place"), notes=body["notes"], logged_by_id=actor.id,
                               created_at=now or utcnow())
    db.session.add(session)
    case.status = "in_mediation"
    audit.record("mediation.session", actor=actor, target=case)
    db.session.commit()
    return session


def record_outcome(actor, case_id, body, now=None):
    case = _locked(case_id)
    if case.status not in WORKING:
        raise refuse("case_has_outcome")
    if not case.assignments:
        raise refuse("case_without_mediator")
    outcome = body["outcome"]
    if outcome == "settled" and not body.get("terms"):
        raise invalid("terms", "调解成功请填写协议内容")
    if outcome == "referred" and not body.get("referred_to"):
        raise invalid("referred_to", "请填写移交的部门")
    case.status, case.outcome, case.outcome_at = outcome, outcome, now or utcnow()
    case.agreement_terms = body.get("terms") if outcome == "settled" else None
    case.referred_to = body.get("referred_to") if outcome == "referred" else None
    case.outcome_note = body.get("note")
    audit.record("mediation.outcome", actor=actor, target=case, detail={"outcome": outcome})
    db.session.commit()
    return case


def log_follow_up(actor, case_id, body, now=None):
    case = _locked(case_id)
    if case.status not in DECIDED:
        raise refuse("case_without_outcome")
    visit = MediationFollowUp(case_id=case.id, visited_at=body.get("visited_at") or now or utcnow(),
                              notes=body["notes"], logged_by_id=actor.id, created_at=now or utcnow())
    db.session.add(visit)
    audit.record("mediation.follow_up", actor=actor, target=case)
    db.session.commit()
    return visit


def close(actor, case_id, now=None):
    case = _locked(case_id)
    if case.status not in DECIDED:
        raise refuse("case_without_outcome")
    visits = db.session.execute(select(db.func.count()).select_from(MediationFollowUp)
                                .where(MediationFollowUp.case_id == case.id)).scalar_one()
    if not visits:
        raise refuse("case_needs_follow_up")
    case.status, case.closed_at, case.closed_by_id = "closed", now or utcnow(), actor.id
    audit.record("mediation.close", actor=actor, target=case)
    db.session.commit()
    return case
