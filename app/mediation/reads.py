"""Reading mediation cases: every read is audited.

A read of a case's personal data (its detail, its sessions, its agreement
PDF, a list row carrying the parties' names) first finds the case readable
under app.auth.policy.mediation (404 otherwise), then adds one audit row
per case read (action ``mediation.read``, ``detail.what`` saying which
read) and commits it BEFORE the data leaves: a read whose audit row cannot
be written fails instead of showing anything. These GET handlers are the
documented exception to "GET never writes" (tests/conftest.py lets a GET
insert into the audit table and nowhere else).
"""
from sqlalchemy import select

from app import audit
from app.auth.policy import mediation as mediation_policy
from app.extensions import db
from app.mediation.errors import refuse
from app.models import DISPUTE_KIND_LABELS, MediationCase, MediationFollowUp, MediationSession, User

READ_ACTION = "mediation.read"
STATUS_LABELS = {"open": "待调解", "in_mediation": "调解中", "settled": "调解成功", "referred": "已移交",
                 "not_settled": "调解未成功", "closed": "已结案"}
OUTCOME_LABELS = {"settled": "调解成功", "referred": "已移交", "not_settled": "调解未成功"}
SIDE_LABELS = {"applicant": "申请人", "respondent": "被申请人", "other": "其他当事人"}
CLOSED_NAME = "已注销"


def readable_case(user, case_id):
    """The case if ``user`` may read it; 404 otherwise (without an audit row:
    nothing was read)."""
    case = db.session.get(MediationCase, case_id)
    if case is None or not mediation_policy.may_read_case(user, case):
        raise refuse("case_not_found")
    return case


def audit_reads(user, cases, what):
    """One audit row per case read, committed now."""
    for case in cases:
        audit.record(READ_ACTION, actor=user, target=case, detail={"what": what})
    db.session.commit()


def _names(user_ids):
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.name, User.is_active).where(User.id.in_(ids))).all()
    return {i: (name if active and name else CLOSED_NAME) for i, name, active in rows}


def _person(names, user_id):
    return {"id": user_id, "name": names.get(user_id, CLOSED_NAME)} if user_id else None


def _brief(case, names):
    return {
        "id": case.id, "number": case.number,
        "community": {"id": case.community_id, "name": case.community.name},
        "grid": {"id": case.grid.id, "name": case.grid.name} if case.grid else None,
        "kind": case.kind, "kind_label": DISPUTE_KIND_LABELS[case.kind],
        "status": case.status, "status_label": STATUS_LABELS[case.status],
        "outcome": case.outcome, "outcome_label": OUTCOME_LABELS.get(case.outcome),
        "party_names": [p.name for p in case.parties],
        "mediators": [_person(names, a.user_id) for a in case.assignments],
        "created_at": case.created_at, "closed_at": case.closed_at,
    }


def case_rows(user, cases):
    """List rows (with the parties' names): each audited."""
    audit_reads(user, cases, "list")
    names = _names(a.user_id for c in cases for a in c.assignments)
    return [_brief(c, names) for c in cases]


def case_detail(user, case):
    audit_reads(user, [case], "detail")
    visits = db.session.execute(select(MediationFollowUp).where(MediationFollowUp.case_id == case.id)
                                .order_by(MediationFollowUp.visited_at, MediationFollowUp.id)).scalars().all()
    names = _names([a.user_id for a in case.assignments] + [v.logged_by_id for v in visits] + [case.opened_by_id])
    view = _brief(case, names)
    view.update({
        "summary": case.summary,
        "parties": [{"id": p.id, "side": p.side, "side_label": SIDE_LABELS[p.side], "name": p.name,
                     "phone": p.phone, "address": p.address} for p in case.parties],
        "opened_by": _person(names, case.opened_by_id),
        "outcome_at": case.outcome_at, "agreement_terms": case.agreement_terms,
        "referred_to": case.referred_to, "outcome_note": case.outcome_note,
        "follow_ups": [{"id": v.id, "visited_at": v.visited_at, "notes": v.notes,
                        "logged_by": _person(names, v.logged_by_id)} for v in visits],
        "can_manage": mediation_policy.may_manage_case(user, case),
        "can_work": mediation_policy.may_work_case(user, case),
    })
    return view


def case_sessions(user, case):
    audit_reads(user, [case], "sessions")
    sessions = db.session.execute(select(MediationSession).where(MediationSession.case_id == case.id)
                                  .order_by(MediationSession.held_at, MediationSession.id)).scalars().all()
    names = _names(s.logged_by_id for s in sessions)
    return [{"id": s.id, "held_at": s.held_at, "place": s.place, "notes": s.notes,
             "logged_by": _person(names, s.logged_by_id)} for s in sessions]


def mediator_names(case):
    return [n["name"] for n in _brief(case, _names(a.user_id for a in case.assignments))["mediators"]]
