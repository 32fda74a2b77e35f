"""A case's personal data is read only by its assigned mediators and the
community's lead; every read leaves an audit row; the parties are
encrypted at rest; staff and the office see counts, not people."""
from datetime import timedelta

from sqlalchemy import text

from app.extensions import db
from app.models import TeamMembership, utcnow
from tests.factories import auth_headers
from tests.mediation.conftest import reads_of

READS = ("", "/sessions")


def test_only_the_assigned_mediators_and_the_lead_read_a_case_and_each_read_is_audited(client, mediation):
    m = mediation
    case_url = f"/api/v1/mediation/cases/{m.case.id}"
    for person in (m.assigned, m.lead):
        for suffix in READS:
            answer = client.get(case_url + suffix, headers=auth_headers(person))
            assert answer.status_code == 200, answer.get_json()
        detail = client.get(case_url, headers=auth_headers(person)).get_json()
        assert [p["name"] for p in detail["parties"]] == ["赵甲", "钱乙"]
        assert detail["parties"][0]["phone"] == "13900000001"
    assert reads_of(m.case.id) == [(m.assigned.id, "detail"), (m.assigned.id, "sessions"), (m.assigned.id, "detail"),
                                   (m.lead.id, "detail"), (m.lead.id, "sessions"), (m.lead.id, "detail")]

    # Community staff, the office, another mediator of the squad, another
    # community's lead, a resident: the case does not exist for them, and
    # nothing was read, so nothing is audited.
    for person in (m.staff, m.admin, m.unassigned, m.other_lead, m.resident):
        for suffix in READS + ("/agreement.pdf",):
            answer = client.get(case_url + suffix, headers=auth_headers(person))
            assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "case_not_found"
        listed = client.get("/api/v1/mediation/cases", headers=auth_headers(person)).get_json()
        assert listed["items"] == [] and listed["total"] == 0
    assert len(reads_of(m.case.id)) == 6

    # A list row carries the parties' names: it is a read, audited too.
    listed = client.get("/api/v1/mediation/cases", headers=auth_headers(m.assigned)).get_json()
    assert listed["items"][0]["party_names"] == ["赵甲", "钱乙"]
    assert reads_of(m.case.id)[-1] == (m.assigned.id, "list")


def test_a_mediator_who_leaves_the_squad_or_is_taken_off_reads_no_more(client, mediation):
    m = mediation
    url = f"/api/v1/mediation/cases/{m.case.id}"
    answer = client.delete(f"{url}/mediators/{m.assigned.id}", headers=auth_headers(m.lead))
    assert answer.status_code == 200 and answer.get_json()["mediators"] == []
    assert client.get(url, headers=auth_headers(m.assigned)).status_code == 404
    client.post(f"{url}/mediators", json={"user_id": m.unassigned.id}, headers=auth_headers(m.lead))
    assert client.get(url, headers=auth_headers(m.unassigned)).status_code == 200
    db.session.execute(db.update(TeamMembership).where(TeamMembership.user_id == m.unassigned.id)
                       .values(left_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert client.get(url, headers=auth_headers(m.unassigned)).status_code == 404
    # Only squad members can be assigned at all.
    refused = client.post(f"{url}/mediators", json={"user_id": m.resident.id}, headers=auth_headers(m.lead))
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "not_a_mediator"


def test_parties_and_notes_are_encrypted_at_rest(client, mediation):
    m = mediation
    client.post(f"/api/v1/mediation/cases/{m.case.id}/sessions", json={"notes": "双方同意由楼上维修防水层"},
                headers=auth_headers(m.assigned))
    stored = " ".join(str(v) for row in db.session.execute(text(
        "SELECT p.name, p.phone, p.address, s.notes, c.summary FROM mediation_parties p "
        "JOIN mediation_cases c ON c.id = p.case_id JOIN mediation_sessions s ON s.case_id = c.id")).all()
        for v in row)
    for clear in ("赵甲", "13900000001", "3 幢", "防水层", "漏水"):
        assert clear not in stored


def test_statistics_count_without_personal_data_for_staff_and_the_office(client, mediation):
    m = mediation
    year = utcnow().year
    url = f"/api/v1/mediation/stats?community_id={m.a.id}&year={year}"
    for person in (m.staff, m.admin, m.lead):
        answer = client.get(url, headers=auth_headers(person))
        assert answer.status_code == 200
        body = answer.get_json()
        assert body["total"] == 1 and {"kind": "leak", "label": "漏水", "count": 1} in body["by_kind"]
        assert "赵甲" not in answer.get_data(as_text=True)
    for person in (m.assigned, m.resident, m.other_lead):
        assert client.get(url, headers=auth_headers(person)).status_code == 403
