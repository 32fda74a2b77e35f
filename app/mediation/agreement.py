"""The 人民调解协议书 of a settled case as an A4 PDF: the case number, the
parties, the dispute, the terms, signature lines for every party and the
mediators, the date. Chinese text uses the embedded Noto Serif SC subset of
app/hours/pdf_font.py, so any reader shows it."""
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.hours.pdf_font import embedded_font
from app.localtime import chinese_date
from app.mediation.reads import SIDE_LABELS
from app.models import DISPUTE_KIND_LABELS

TITLE = "人民调解协议书"
ISSUER = "下沙街道钱塘阿姨调解队"
CLAUSES = ("本协议经各方当事人签字后生效，各方应自觉履行。",
           "本协议一式三份，各方当事人各执一份，调解组织留存一份。")
SIGN_LABELS = ("签名：", "日期：")
WIDTH = A4[0] - 44 * mm


def _styles(font):
    base = ParagraphStyle("base", fontName=font, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=22, leading=30, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=base, fontSize=10.5, alignment=TA_RIGHT),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=22, spaceBefore=3 * mm),
        "body": ParagraphStyle("body", parent=base, firstLineIndent=24),
    }


def _content(case, mediators, community_name):
    parties = [(SIDE_LABELS[p.side], p.name, p.address or "", p.phone or "") for p in case.parties]
    return {
        "number": f"编号：{case.number}",
        "parties": parties,
        "dispute": f"纠纷类别：{DISPUTE_KIND_LABELS[case.kind]}。" + (case.summary or ""),
        "terms": case.agreement_terms or "",
        "mediators": mediators,
        "date": chinese_date(case.outcome_at or case.updated_at),
        "issuer": f"{ISSUER}（{community_name}）",
    }


def _party_table(content, s):
    rows = [[Paragraph(h, s["base"]) for h in ("身份", "姓名", "住址", "联系电话")]]
    rows += [[Paragraph(escape(v), s["base"]) for v in party] for party in content["parties"]]
    table = Table(rows, colWidths=[24 * mm, 30 * mm, WIDTH - 94 * mm, 40 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONTNAME", (0, 0), (-1, -1), s["base"].fontName)]))
    return table


def _signature_table(content, s):
    """A line to sign by name for each party and each mediator, with the date."""
    people = [f"{side}（{name}）" for side, name, _, _ in content["parties"]]
    people += [f"调解员（{name}）" for name in content["mediators"]] or ["调解员"]
    rows = [[Paragraph(escape(who), s["base"]), Paragraph(SIGN_LABELS[0], s["base"]), "",
             Paragraph(SIGN_LABELS[1], s["base"]), ""] for who in people]
    table = Table(rows, colWidths=[52 * mm, 20 * mm, 42 * mm, 20 * mm, WIDTH - 134 * mm], rowHeights=14 * mm)
    table.setStyle(TableStyle([("LINEBELOW", (2, 0), (2, -1), 0.6, colors.black),
                               ("LINEBELOW", (4, 0), (4, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("FONTNAME", (0, 0), (-1, -1), s["base"].fontName)]))
    return table


def _all_text(content):
    parts = [content["number"], content["dispute"], content["terms"], content["date"], content["issuer"]]
    parts += ["".join(p) for p in content["parties"]] + list(content["mediators"])
    return "".join(parts)


def render_agreement(case, mediators, community_name):
    """The agreement as PDF bytes (``mediators``: their names as shown)."""
    content = _content(case, mediators, community_name)
    text = (_all_text(content) + TITLE + ISSUER + "".join(CLAUSES) + "".join(SIGN_LABELS) + "身份姓名住址联系电话纠纷类别"
            + "".join(SIDE_LABELS.values()) + "调解员当事人基本情况纠纷事项协议内容（）一二三四")
    with embedded_font(text) as font:
        s = _styles(font)
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                                bottomMargin=20 * mm, title=f"{TITLE} {case.number}", initialFontName=font,
                                author=ISSUER, subject=TITLE)
        story = [
            Paragraph(TITLE, s["title"]),
            Paragraph(escape(content["number"]), s["number"]),
            Paragraph("一、当事人基本情况", s["heading"]),
            _party_table(content, s),
            Paragraph("二、纠纷事项", s["heading"]),
            Paragraph(escape(content["dispute"]), s["body"]),
            Paragraph("三、协议内容", s["heading"]),
            *(Paragraph(escape(line), s["body"]) for line in content["terms"].splitlines() if line.strip()),
            *(Paragraph(escape(c), s["body"]) for c in CLAUSES),
            Paragraph("四、签名", s["heading"]),
            _signature_table(content, s),
            Spacer(1, 8 * mm),
            Paragraph(escape(content["issuer"]), s["number"]),
            Paragraph(escape(content["date"]), s["number"]),
        ]
        doc.build(story)
        return buffer.getvalue()
