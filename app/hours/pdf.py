"""Render a 志愿服务证明 as an A4 PDF.

The layout follows the recommended format of 民发〔2015〕149号: identity,
service, issuer, and serial/date, with room for the issuer's seal. Chinese
text uses reportlab's built-in STSong-Light CID font (the Adobe-GB1 font
every PDF reader carries), so no font file ships with the app. The QR code
opens the public verification page.
"""
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.hours import rules

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BASE = ParagraphStyle("base", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
_TITLE = ParagraphStyle("title", parent=_BASE, fontSize=22, leading=30, alignment=TA_CENTER, spaceAfter=4 * mm)
_SERIAL = ParagraphStyle("serial", parent=_BASE, fontSize=9, alignment=TA_RIGHT, textColor=colors.grey)
_BODY = ParagraphStyle("body", parent=_BASE, fontSize=12, leading=22, firstLineIndent=24)
_CELL = ParagraphStyle("cell", parent=_BASE, fontSize=9.5, leading=13)
_SMALL = ParagraphStyle("small", parent=_BASE, fontSize=8.5, leading=12, textColor=colors.HexColor("#555555"))


def _qr(url, size=32 * mm):
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _records_table(certificate):
    header = ["序号", "服务日期", "服务项目", "服务地点", "时长（小时）"]
    rows = [[Paragraph(h, _CELL) for h in header]]
    for i, item in enumerate(certificate.records, start=1):
        rows.append([
            Paragraph(str(i), _CELL), Paragraph(item["date"], _CELL), Paragraph(escape(item["event"]), _CELL),
            Paragraph(escape(item["place"] or ""), _CELL), Paragraph(f'{item["hours"]:g}', _CELL),
        ])
    rows.append([Paragraph("合计", _CELL), "", "", "", Paragraph(f"{rules.hours(certificate.total_minutes):g}", _CELL)])
    table = Table(rows, colWidths=[12 * mm, 26 * mm, 62 * mm, 54 * mm, 22 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2E6E6")),
        ("SPAN", (0, -1), (3, -1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def render_certificate(certificate, verify_url, handler_name=None, contact=None):
    """The certificate as PDF bytes."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"志愿服务记录证明 {certificate.serial}",
                            author=certificate.issuer, subject="志愿服务记录证明")
    name = certificate.holder_name or certificate.holder_name_masked
    id_part = f"（身份证号码：{certificate.id_number_masked}）" if certificate.id_number_masked else ""
    total = f"{rules.hours(certificate.total_minutes):g}"
    story = [
        Paragraph(f"证明编号：{certificate.serial}", _SERIAL),
        Paragraph("志愿服务记录证明", _TITLE),
        Paragraph(
            f"兹证明 <u>{escape(name)}</u>{id_part}于 {rules.chinese_date(certificate.period_start)} 至 "
            f"{rules.chinese_date(certificate.period_end)} 期间，参加{escape(certificate.issuer)}组织的志愿服务活动 "
            f"{certificate.record_count} 次，经记录并审核确认，累计志愿服务时长 <u>{total}</u> 小时。"
            "具体服务记录如下：", _BODY),
        Spacer(1, 4 * mm),
        _records_table(certificate),
        Spacer(1, 3 * mm),
        Paragraph(f"时长认定规则：{rules.ROUNDING_RULE}；不含往返交通时间。", _SMALL),
        Paragraph("本证明依据志愿服务记录如实出具，仅证明所列志愿服务情况，涂改无效。", _SMALL),
        Spacer(1, 8 * mm),
    ]
    issuer_lines = [
        Paragraph(f"出具单位：{escape(certificate.issuer)}（盖章）", _BASE),
        Paragraph(f"经办人：{escape(handler_name)}" if handler_name else "经办人：", _BASE),
        Paragraph(f"联系电话：{escape(contact)}" if contact else "联系电话：", _BASE),
        Paragraph(f"出具日期：{rules.chinese_date(certificate.issued_at)}", _BASE),
    ]
    verify_lines = [_qr(verify_url), Paragraph("微信扫码核验本证明", _SMALL)]
    footer = Table([[verify_lines, issuer_lines]], colWidths=[40 * mm, 134 * mm])
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    story.append(footer)
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(f"核验网址：{escape(verify_url)}", _SMALL))
    doc.build(story)
    return buffer.getvalue()
