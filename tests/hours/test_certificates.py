"""志愿服务证明: issued from approved hours, verifiable by anyone, impossible to forge."""
import shutil
import subprocess
from datetime import timedelta

import pytest

from app.extensions import db
from app.hours import certificates
from app.models import AuditLog, Certificate
from tests.factories import (
    auth_headers,
    make_community,
    make_hours,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)


def _volunteer_with_hours(hours=(2, 3.5)):
    community = make_community("新沙社区")
    volunteer = make_volunteer(team=make_team(community=community), community=community, name="张小红")
    organiser = make_organiser(community, name="陈主任")
    records = [make_hours(volunteer, hours=h, community=community, approver=organiser, days_ago=10 - i)
               for i, h in enumerate(hours)]
    return volunteer, organiser, records


def test_a_volunteer_issues_a_certificate_of_their_approved_hours(client, ctx):
    volunteer, _, _ = _volunteer_with_hours()
    make_hours(volunteer, hours=4, approve=False)  # pending hours are not certified
    response = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer))
    assert response.status_code == 201
    body = response.get_json()
    assert (body["total_hours"], body["record_count"]) == (5.5, 2)
    assert body["holder_name_masked"] == "张**"
    assert body["id_number_masked"].count("*") == 10
    assert body["verify_url"].endswith(f"/verify/{body['serial']}")
    assert certificates.serial_is_genuine(body["serial"])
    listed = client.get("/api/v1/me/certificates", headers=auth_headers(volunteer)).get_json()
    assert [c["serial"] for c in listed] == [body["serial"]]

    pdf = client.get(body["pdf_url"], headers=auth_headers(volunteer))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF") and len(pdf.data) > 2000
    if shutil.which("pdftotext"):
        # -layout: the embedded font comes in 256-glyph subsets, and without it pdftotext
        # may order a line's runs of different subsets apart.
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.data, capture_output=True,
                              check=True).stdout
        text = text.decode()
        for expected in ("志愿服务记录证明", "张小红", body["id_number_masked"], "5.5", body["serial"],
                         "杭州市钱塘区下沙街道志愿服务总队"):
            assert expected in text, expected


def test_nothing_to_certify_is_refused(client, ctx):
    volunteer = make_volunteer()
    response = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "no_approved_hours"
    resident = make_user()
    response = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(resident))
    assert response.get_json()["error"]["code"] == "not_a_volunteer"


def test_a_date_range_limits_the_certificate(client, ctx):
    volunteer, _, records = _volunteer_with_hours(hours=(2, 3))
    day = records[1].started_at.astimezone(certificates.CHINA_TZ).date()
    body = client.post("/api/v1/me/certificates", json={"from": day.isoformat(), "to": day.isoformat()},
                       headers=auth_headers(volunteer)).get_json()
    assert (body["total_hours"], body["record_count"]) == (3.0, 1)
    backwards = client.post("/api/v1/me/certificates",
                            json={"from": day.isoformat(), "to": (day - timedelta(days=1)).isoformat()},
                            headers=auth_headers(volunteer))
    assert backwards.get_json()["error"]["code"] == "date_range_invalid"


def test_the_verification_page_confirms_a_real_certificate_without_private_data(client, ctx):
    volunteer, _, _ = _volunteer_with_hours()
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer)).get_json()["serial"]
    page = client.get(f"/verify/{serial}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for shown in ("该证明真实有效", serial, "张**", "5.5 小时", "杭州市钱塘区下沙街道志愿服务总队"):
        assert shown in html, shown
    profile_phone = "13800000000"
    for hidden in ("张小红", profile_phone, "3301"):
        assert hidden not in html, hidden


def test_the_verification_page_refuses_a_forged_serial(client, ctx):
    volunteer, _, _ = _volunteer_with_hours()
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer)).get_json()["serial"]
    tampered = serial[:8] + ("B" if serial[8] != "B" else "C") + serial[9:]
    for forged in (tampered, "JS-2026-ABCDEFGHJK-AAAAAAAA", "not-a-serial", serial + "X"):
        page = client.get(f"/verify/{forged}")
        assert page.status_code == 404, forged
        assert "未查到该证明" in page.get_data(as_text=True)
        assert "真实有效" not in page.get_data(as_text=True)


def test_a_well_signed_serial_that_was_never_issued_is_refused(client, ctx):
    # Only someone holding SECRET_KEY can sign a serial; even then the lookup refuses it.
    unissued = certificates.new_serial(2026)
    assert certificates.serial_is_genuine(unissued)
    page = client.get(f"/verify/{unissued}")
    assert page.status_code == 404 and "未查到该证明" in page.get_data(as_text=True)


def test_organisers_issue_and_revoke_and_the_page_says_so(client, ctx):
    volunteer, organiser, _ = _volunteer_with_hours()
    headers = auth_headers(organiser)
    issued = client.post(f"/api/v1/hours/volunteers/{volunteer.id}/certificates", json={}, headers=headers)
    assert issued.status_code == 201
    serial = issued.get_json()["serial"]
    assert client.get(f"/api/v1/certificates/{serial}/pdf", headers=headers).status_code == 200
    outsider = make_organiser(make_community())
    assert client.post(f"/api/v1/certificates/{serial}/revoke", json={"reason": "x"},
                       headers=auth_headers(outsider)).status_code == 403
    revoked = client.post(f"/api/v1/certificates/{serial}/revoke", json={"reason": "时长更正后重新出具"},
                          headers=headers)
    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    page = client.get(f"/verify/{serial}").get_data(as_text=True)
    assert "作废" in page and "真实有效" not in page
    actions = db.session.execute(db.select(AuditLog.action).order_by(AuditLog.id)).scalars().all()
    assert actions[-2:] == ["certificate.issue", "certificate.revoke"]


@pytest.mark.parametrize("name, masked", [("王五", "王*"), ("司马相如", "司***")])
def test_the_public_page_masks_every_name(client, ctx, name, masked):
    volunteer = make_volunteer(name=name)
    make_hours(volunteer, hours=1)
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer)).get_json()["serial"]
    html = client.get(f"/verify/{serial}").get_data(as_text=True)
    assert masked in html and name not in html
    assert db.session.execute(db.select(Certificate.holder_name)).scalar_one() == name


def test_dates_are_written_as_official_documents_write_them(client, ctx):
    """2026年3月5日, not 2026年03月05日, on the page and in the PDF."""
    from datetime import datetime

    from app.localtime import CHINA_TZ

    volunteer, _, _ = _volunteer_with_hours()
    serial = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer)).get_json()["serial"]
    certificate = db.session.execute(db.select(Certificate).filter_by(serial=serial)).scalar_one()
    certificate.period_start = datetime(2026, 3, 5, 9, tzinfo=CHINA_TZ)
    certificate.period_end = datetime(2026, 4, 1, 11, tzinfo=CHINA_TZ)
    db.session.commit()
    html = client.get(f"/verify/{serial}").get_data(as_text=True)
    assert "2026年3月5日 至 2026年4月1日" in html
    assert "年0" not in html and "月0" not in html
