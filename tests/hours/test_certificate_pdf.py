"""The certificate PDF carries its own Chinese font, names its issuer's
handler and telephone, marks the seal's place, and uses the whole page."""
import re
import shutil
import subprocess

import pytest

from tests.factories import auth_headers, make_community, make_hours, make_organiser, make_team, make_volunteer


def _settings(monkeypatch, app, handler, contact):
    # The app lives for the whole session: settings are put back after each test.
    monkeypatch.setitem(app.config, "CERTIFICATE_ISSUER_HANDLER", handler)
    monkeypatch.setitem(app.config, "CERTIFICATE_ISSUER_CONTACT", contact)


def _certificate_pdf(client, app, monkeypatch, handler="下沙街道志愿服务总队办公室", contact="0571-86901234",
                     name="张喆"):
    _settings(monkeypatch, app, handler, contact)
    community = make_community()
    volunteer = make_volunteer(team=make_team(community=community), community=community, name=name)
    organiser = make_organiser(community, name="陈主任")
    for i, hours in enumerate((2, 3.5)):
        make_hours(volunteer, hours=hours, community=community, approver=organiser, days_ago=10 - i)
    body = client.post("/api/v1/me/certificates", json={}, headers=auth_headers(volunteer)).get_json()
    response = client.get(body["pdf_url"], headers=auth_headers(volunteer))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


def _objects(pdf):
    """Every indirect object's dictionary text (reportlab writes no object streams)."""
    return [m.group(1).decode("latin-1") for m in re.finditer(rb"\d+ 0 obj\s*(.*?)endobj", pdf, re.S)]


def test_the_chinese_font_is_embedded_not_borrowed_from_the_reader(client, app, ctx, monkeypatch):
    pdf = _certificate_pdf(client, app, monkeypatch)
    objects = _objects(pdf)
    descriptors = [o for o in objects if "/Type /FontDescriptor" in o]
    assert descriptors, "no font descriptor: the text has no embedded font"
    # Every font that describes glyphs carries them (FontFile2: TrueType).
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)
    # No CID font left to the reader's mercy (the old STSong-Light / Adobe-GB1 set-up).
    assert b"STSong" not in pdf and b"Adobe-GB1" not in pdf and b"UniGB" not in pdf
    cid_fonts = [o for o in objects if "/CIDFontType" in o]
    assert all("/FontDescriptor" in o for o in cid_fonts)
    # The embedded font is a subset (AAAAAA+...), not the 11 MB original.
    assert re.search(r"/BaseFont /[A-Z]{6}\+NotoSerifSC", "".join(objects))
    assert len(pdf) < 400_000
    # Not even a Latin base font is left for the reader to supply.
    base_fonts = re.findall(r"/BaseFont /([^\s/>]+)", "".join(objects))
    assert base_fonts and all(re.match(r"[A-Z]{6}\+", name) for name in base_fonts), base_fonts
    font_files = [o for o in objects if "/Length1" in o]
    assert font_files and all("/Filter" in o for o in font_files)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_the_issuer_fields_and_the_seal_place_are_on_it(client, app, ctx, monkeypatch):
    pdf = _certificate_pdf(client, app, monkeypatch)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = re.sub(r"\s+", "", text.decode())
    for expected in ("志愿服务记录证明", "张喆", "5.5", "出具单位：杭州市钱塘区下沙街道志愿服务总队",
                     "经办人：下沙街道志愿服务总队办公室", "联系电话：0571-86901234", "盖章处", "出具日期："):
        assert expected in text, expected


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_without_a_configured_handler_the_issuing_organiser_signs(client, app, ctx, monkeypatch):
    community = make_community("新沙社区")
    _settings(monkeypatch, app, "", "")
    volunteer = make_volunteer(team=make_team(community=community), community=community, name="李四")
    organiser = make_organiser(community, name="陈主任")
    make_hours(volunteer, hours=2, community=community, approver=organiser, days_ago=3)
    body = client.post(f"/api/v1/hours/volunteers/{volunteer.id}/certificates", json={},
                       headers=auth_headers(organiser)).get_json()
    pdf = client.get(body["pdf_url"], headers=auth_headers(organiser)).data
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "经办人：陈主任" in re.sub(r"\s+", "", text)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils (pdftoppm)")
def test_the_certificate_uses_the_whole_page(client, app, ctx, monkeypatch):
    """The issuer block and seal sit at the foot: the bottom third has ink."""
    pdf = _certificate_pdf(client, app, monkeypatch)
    gray = subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", "-"],
                          input=pdf, capture_output=True, check=True).stdout
    header, pixels = _pgm(gray)
    width, height = header
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    inked = [sum(1 for p in row if p < 128) for row in rows]
    inner = slice(int(height * 0.62), int(height * 0.92))  # the bottom third, inside the frame
    assert sum(inked[inner]) > 200, "the bottom of the page is empty"


def _pgm(data):
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return (width, height), data[match.end():]


def test_the_font_subset_is_truetype():
    from app.hours.pdf_font import truetype_subset

    name, font = truetype_subset("志愿服务喆")
    assert name.startswith("NotoSerifSC-") and name != truetype_subset("志愿服务")[0]
    assert font[:4] == b"\x00\x01\x00\x00" and b"glyf" in font[:400] and b"CFF " not in font[:400]
    assert len(font) < 100_000


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_each_certificate_gets_the_glyphs_of_its_own_names(client, app, ctx, monkeypatch):
    """reportlab keeps one font per face name: a second certificate with other
    characters must not be drawn with the first one's subset (boxes)."""
    from reportlab.pdfbase import pdfmetrics

    fonts_before = set(pdfmetrics.getRegisteredFontNames())
    for name in ("王五", "欧阳喆"):
        pdf = _certificate_pdf(client, app, monkeypatch, name=name)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        assert name in re.sub(r"\s+", "", text.decode())
    assert set(pdfmetrics.getRegisteredFontNames()) == fonts_before  # nothing left registered
