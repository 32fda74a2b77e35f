"""A case from a mediator's first report to its close, the agreement PDF,
leads racing, and a mediator closing their account."""
import shutil
import subprocess

from app.auth import roles
from app.extensions import db
from app.models import MediationAssignment, MediationCase
from tests.factories import auth_headers, grant, make_user
from tests.mediation.conftest import PARTIES, reads_of
from tests.support.concurrency import race


def test_a_case_goes_from_report_to_settled_agreement_to_closed(client, mediation):
    m = mediation
    opened = client.post("/api/v1/mediation/cases", headers=auth_headers(m.unassigned), json={
        "community_id": m.a.id, "kind": "noise", "summary": "夜间装修噪音", "parties": PARTIES})
    assert opened.status_code == 201, opened.get_json()
    case = opened.get_json()
    assert case["status"] == "open" and [x["name"] for x in case["mediators"]] == ["吴阿姨"]
    url = f"/api/v1/mediation/cases/{case['id']}"
    as_mediator = auth_headers(m.unassigned)
    assert client.post(f"{url}/follow-ups", json={"notes": "回访"}, headers=as_mediator).status_code == 409
    session = client.post(f"{url}/sessions", json={"notes": "双方到场，约定装修时间", "place": "党建文化长廊"},
                          headers=as_mediator)
    assert session.status_code == 201
    assert client.get(url, headers=as_mediator).get_json()["status"] == "in_mediation"
    assert client.get(f"{url}/agreement.pdf", headers=as_mediator).status_code == 409
    settled = client.post(f"{url}/outcome", headers=as_mediator, json={
        "outcome": "settled", "terms": "一、装修时间限于工作日 8:00—18:00。\n二、赵甲补偿钱乙 500 元。"})
    assert settled.get_json()["status"] == "settled"
    again = client.post(f"{url}/outcome", json={"outcome": "not_settled"}, headers=as_mediator)
    assert again.get_json()["error"]["code"] == "case_has_outcome"

    pdf = client.get(f"{url}/agreement.pdf", headers=as_mediator)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    if shutil.which("pdftotext"):  # poppler-utils
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
        for words in ("人民调解协议书", "赵甲", "钱乙", "500", "吴阿姨", "签名", f"调〔"):
            assert words in text, words
    assert reads_of(case["id"])[-1] == (m.unassigned.id, "agreement")

    assert client.post(f"{url}/close", headers=auth_headers(m.lead)).get_json()["error"]["code"] == \
        "case_needs_follow_up"
    assert client.post(f"{url}/follow-ups", json={"notes": "一周后回访，已按约定执行"},
                       headers=as_mediator).status_code == 201
    assert client.post(f"{url}/close", headers=as_mediator).status_code == 403  # the lead closes
    closed = client.post(f"{url}/close", headers=auth_headers(m.lead)).get_json()
    assert closed["status"] == "closed" and closed["outcome"] == "settled" and len(closed["follow_ups"]) == 1


def test_two_leads_closing_or_assigning_at_once_leave_one(app, client, mediation):
    m = mediation
    second = grant(make_user(community=m.a), roles.MEDIATION_LEAD, m.a)
    url = f"/api/v1/mediation/cases/{m.case.id}"
    leads = [auth_headers(m.lead), auth_headers(second)]
    answers = race(app, lambda i: app.test_client().post(f"{url}/mediators", json={"user_id": m.unassigned.id},
                                                         headers=leads[i]), 2)
    assert [a.status_code for a in answers] == [200, 200]
    assert db.session.execute(db.select(db.func.count()).select_from(MediationAssignment).where(
        MediationAssignment.user_id == m.unassigned.id)).scalar() == 1
    client.post(f"{url}/outcome", json={"outcome": "referred", "referred_to": "下沙派出所"},
                headers=auth_headers(m.assigned))
    client.post(f"{url}/follow-ups", json={"notes": "已移交派出所处理"}, headers=auth_headers(m.assigned))
    answers = race(app, lambda i: app.test_client().post(f"{url}/close", headers=leads[i]), 2)
    assert sorted(a.status_code for a in answers) == [200, 409]
    assert [a.get_json()["error"]["code"] for a in answers if a.status_code == 409] == ["case_closed"]
    db.session.expire_all()
    assert db.session.get(MediationCase, m.case.id).closed_by_id in (m.lead.id, second.id)


def test_a_mediator_closing_their_account_keeps_the_case_under_a_closed_name(client, mediation):
    m = mediation
    mine = client.get("/api/v1/me/data", headers=auth_headers(m.assigned)).get_json()["areas"]["mediation"]
    assert mine["cases_assigned"] == 1 and "赵甲" not in str(mine)
    assert client.post("/api/v1/me/close-account", json={"confirm": True},
                       headers=auth_headers(m.assigned)).status_code == 204
    case = client.get(f"/api/v1/mediation/cases/{m.case.id}", headers=auth_headers(m.lead)).get_json()
    assert case["mediators"] == [{"id": m.assigned.id, "name": "已注销"}]
    assert [p["name"] for p in case["parties"]] == ["赵甲", "钱乙"]
