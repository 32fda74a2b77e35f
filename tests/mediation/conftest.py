"""A community with its 钱塘阿姨 squad, a lead, mediators (one assigned to
the case, one not), its staff, the office, and a case with two parties."""
from types import SimpleNamespace

import pytest

from app.auth import roles
from app.extensions import db
from app.models import AuditLog, MediationAssignment, MediationCase, MediationParty, MediationSquad
from tests.factories import grant, make_community, make_organiser, make_team, make_user, make_volunteer

PARTIES = [{"side": "applicant", "name": "赵甲", "phone": "13900000001", "address": "七格社区 3 幢 201"},
           {"side": "respondent", "name": "钱乙", "phone": "13900000002", "address": "七格社区 3 幢 301"}]


@pytest.fixture()
def mediation(ctx):
    a, b = make_community("七格社区"), make_community("杭铎社区")
    squad = make_team("钱塘阿姨调解中队", community=a)
    db.session.add(MediationSquad(community_id=a.id, team_id=squad.id))
    lead = grant(make_user(community=a, name="孙主任"), roles.MEDIATION_LEAD, a)
    other_lead = grant(make_user(community=b, name="杭铎调解负责人"), roles.MEDIATION_LEAD, b)
    assigned = make_volunteer(team=squad, community=a, name="周阿姨")
    unassigned = make_volunteer(team=squad, community=a, name="吴阿姨")
    case = MediationCase(community_id=a.id, kind="leak", summary="楼上漏水殃及楼下", status="open",
                         opened_by_id=lead.id)
    case.parties = [MediationParty(**p) for p in PARTIES]
    db.session.add(case)
    db.session.flush()
    db.session.add(MediationAssignment(case_id=case.id, user_id=assigned.id, assigned_by_id=lead.id))
    db.session.commit()
    return SimpleNamespace(a=a, b=b, squad=squad, lead=lead, other_lead=other_lead, assigned=assigned,
                           unassigned=unassigned, staff=make_organiser(a, name="七格组织者"),
                           admin=make_user(role="admin"), resident=make_user(community=a), case=case)


def reads_of(case_id):
    """The audit rows of reads of the case, oldest first: (actor, what)."""
    db.session.expire_all()
    rows = db.session.execute(db.select(AuditLog).where(
        AuditLog.action == "mediation.read", AuditLog.target_type == "mediation_cases",
        AuditLog.target_id == str(case_id)).order_by(AuditLog.id)).scalars()
    return [(r.actor_id, r.detail["what"]) for r in rows]
