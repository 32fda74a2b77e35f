"""Render a 志愿服务证明 as an A4 PDF.

The layout follows the recommended format of 民发〔2015〕149号: identity,
service, issuer (organisation, handler, telephone), serial and date, with a
marked place for the issuer's seal. The page has a red double frame; the
issuer block sits at the foot of the last page with the verification QR
code beside it. Chinese text uses Noto Serif SC embedded as a subset
(``app/hours/pdf_font.py``), so it shows in any PDF reader.
"""
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.hours import rules
from app.hours.pdf_font import embedded_font
from app.hours.pdf_qr import qr_drawing
from app.localtime import chinese_date

RED = colors.HexColor("#C8161D")
GREY = colors.HexColor("#555555")
PAGE_W, PAGE_H = A4
MARGIN = 22 * mm
WIDTH = PAGE_W - 2 * MARGIN
FOOTER_H = 52 * mm

TITLE = "志 愿 服 务 记 录 证 明"
SEAL_TEXT = "盖章处"
QR_CAPTION = "微信扫码核验"
NOTES = (f"时长认定规则：{rules.ROUNDING_RULE}；不含往返交通时间。",
         "本证明依据志愿服务记录如实出具，仅证明所列志愿服务情况，涂改无效；未加盖公章无效。")
RECORD_HEADER = ("序号", "服务日期", "服务项目", "服务地点", "时长（小时）")
SUMMARY_LABELS = ("姓名", "身份证号码", "服务期间", "累计时长", "服务次数")


def _styles(font):
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=11, leading=18, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=26, leading=34, alignment=TA_CENTER,
                                textColor=RED, spaceAfter=2 * mm),
        "serial": ParagraphStyle("serial", parent=base, fontSize=9, alignment=TA_RIGHT, textColor=GREY),
        "body": ParagraphStyle("body", parent=base, fontSize=12.5, leading=24, firstLineIndent=25),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "label": ParagraphStyle("label", parent=base, fontSize=10.5, leading=14, textColor=GREY),
        "value": ParagraphStyle("value", parent=base, fontSize=11, leading=15),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12, textColor=GREY),
    }


def _content(certificate, verify_url, handler_name, contact):
    """Every piece of text the document shows, before any layout."""
    name = certificate.holder_name or certificate.holder_name_masked
    total = f"{rules.hours(certificate.total_minutes):g}"
    start, end = chinese_date(certificate.period_start), chinese_date(certificate.period_end)
    id_part = f"（身份证号码：{certificate.id_number_masked}）" if certificate.id_number_masked else ""
    return {
        "serial": f"证明编号：{certificate.serial}",
        "body": (f"兹证明 <u>{escape(name)}</u>{id_part}于 {start} 至 {end} 期间，参加{escape(certificate.issuer)}"
                 f"组织的志愿服务活动 {certificate.record_count} 次，经记录并审核确认，累计志愿服务时长 "
                 f"<u>{total}</u> 小时。具体服务记录如下："),
        "summary": [escape(name), certificate.id_number_masked or "—", f"{start} 至 {end}", f"{total} 小时",
                    f"{certificate.record_count} 次"],
        "records": [[str(i), item["date"], escape(item["event"]), escape(item["place"] or ""), f'{item["hours"]:g}']
                    for i, item in enumerate(certificate.records, start=1)],
        "total": f"{rules.hours(certificate.total_minutes):g}",
        "issuer_lines": [("出具单位：", certificate.issuer), ("经办人：", handler_name or ""),
                         ("联系电话：", contact or ""), ("出具日期：", chinese_date(certificate.issued_at))],
        "verify_url": verify_url,
        "verify_caption": f"核验网址：{verify_url}",
    }


def _all_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "".join(_all_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return "".join(_all_text(v) for v in value)
    return str(value)


def _summary_table(content, s):
    v = content["summary"]
    cell = lambda text, style: Paragraph(text, s[style])  # noqa: E731
    rows = [[cell(SUMMARY_LABELS[0], "label"), cell(v[0], "value"), cell(SUMMARY_LABELS[1], "label"), cell(v[1], "value")],
            [cell(SUMMARY_LABELS[3], "label"), cell(v[3], "value"), cell(SUMMARY_LABELS[4], "label"), cell(v[4], "value")],
            [cell(SUMMARY_LABELS[2], "label"), cell(v[2], "value"), cell("", "value"), cell("", "value")]]
    table = Table(rows, colWidths=[24 * mm, 55 * mm, 26 * mm, WIDTH - 105 * mm])
    table.setStyle(TableStyle([
        ("SPAN", (1, 2), (3, 2)),
        ("BOX", (0, 0), (-1, -1), 0.8, RED),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#D9B8B8")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#FBF3F3")),
        ("BACKGROUND", (2, 0), (2, 1), colors.HexColor("#FBF3F3")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), s["base"].fontName),  # not the default Helvetica
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _records_table(content, s):
    rows = [[Paragraph(h, s["cell"]) for h in RECORD_HEADER]]
    rows += [[Paragraph(text, s["cell"]) for text in row] for row in content["records"]]
    blank = Paragraph("", s["cell"])
    rows.append([Paragraph("合计", s["cell"]), blank, blank, blank, Paragraph(content["total"], s["cell"])])
    table = Table(rows, colWidths=[12 * mm, 24 * mm, 58 * mm, 50 * mm, WIDTH - 144 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2E6E6")),
        ("SPAN", (0, -1), (3, -1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), s["base"].fontName),  # not the default Helvetica
    ]))
    return table


class _FillToBottom(Flowable):
    """Empty space that pushes what follows to the foot of the page (keeping
    ``reserve`` points for it); nothing when that much room is not left."""

    def __init__(self, reserve):
        super().__init__()
        self.reserve = reserve
        self.height = 0

    def wrap(self, avail_width, avail_height):
        self.height = max(0, avail_height - self.reserve - 1)
        return avail_width, self.height

    def draw(self):
        pass


class _IssuerBlock(Flowable):
    """QR code and its caption on the left; on the right the issuer's lines
    (an underline to fill by hand where a value is missing) and the dashed
    circle where the seal goes, over the organisation's name and the date as
    Chinese seals are placed."""

    def __init__(self, content, font):
        super().__init__()
        self.content, self.font = content, font
        self.width, self.height = WIDTH, FOOTER_H

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c, font = self.canv, self.font
        qr_size = 30 * mm
        self.canv.saveState()
        qr_drawing(self.content["verify_url"], qr_size, font).drawOn(c, 0, self.height - qr_size - 4 * mm)
        c.setFont(font, 9)
        c.setFillColor(GREY)
        c.drawCentredString(qr_size / 2, self.height - qr_size - 9 * mm, QR_CAPTION)
        c.setFont(font, 7.5)
        c.drawString(0, 2 * mm, self.content["verify_caption"])

        size, leading = 11.5, 9 * mm
        label_x, value_x = 62 * mm, 86 * mm
        y = self.height - 10 * mm
        c.setFillColor(colors.black)
        for label, value in self.content["issuer_lines"]:
            c.setFont(font, size)
            c.drawRightString(value_x, y, label)
            if value:
                c.drawString(value_x, y, value)
            else:
                c.setLineWidth(0.5)
                c.line(value_x, y - 1.5, value_x + 45 * mm, y - 1.5)
            y -= leading
        # The seal: 42 mm across, over the right end of the organisation and date lines.
        radius = 21 * mm
        cx, cy = self.width - 30 * mm, self.height - 10 * mm - 1.5 * leading
        c.setStrokeColor(RED)
        c.setLineWidth(0.8)
        c.setDash(3, 2)
        c.circle(cx, cy, radius, stroke=1, fill=0)
        c.setDash()
        c.setFillColor(colors.HexColor("#E3A3A5"))
        c.setFont(font, 12)
        c.drawCentredString(cx, cy - 4, SEAL_TEXT)
        c.restoreState()


def _frame(serial, font):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(2)
        canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
        canvas.setLineWidth(0.6)
        canvas.rect(14.5 * mm, 14.5 * mm, PAGE_W - 29 * mm, PAGE_H - 29 * mm)
        canvas.setFont(font, 8)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(PAGE_W / 2, 16.5 * mm, f"{serial}　第 {doc.page} 页")
        canvas.restoreState()
    return draw


def render_certificate(certificate, verify_url, handler_name=None, contact=None):
    """The certificate as PDF bytes. ``handler_name`` and ``contact`` fill
    经办人 and 联系电话; left out, a line is drawn to write them by hand."""
    content = _content(certificate, verify_url, handler_name, contact)
    text = _all_text(content) + TITLE + SEAL_TEXT + QR_CAPTION + "".join(NOTES + RECORD_HEADER + SUMMARY_LABELS)
    text += "合计第页　" + certificate.serial
    with embedded_font(text) as font:
        s = _styles(font)
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=24 * mm,
                                bottomMargin=22 * mm, title=f"志愿服务记录证明 {certificate.serial}",
                                # The canvas starts in our font too: the PDF names no font it does not carry.
                                initialFontName=font,
                                author=certificate.issuer, subject="志愿服务记录证明")
        story = [
            Paragraph(content["serial"], s["serial"]),
            Spacer(1, 4 * mm),
            Paragraph(TITLE, s["title"]),
            Spacer(1, 6 * mm),
            Paragraph(content["body"], s["body"]),
            Spacer(1, 5 * mm),
            _summary_table(content, s),
            Spacer(1, 6 * mm),
            _records_table(content, s),
            Spacer(1, 3 * mm),
            *(Paragraph(note, s["small"]) for note in NOTES),
            _FillToBottom(FOOTER_H),
            _IssuerBlock(content, font),
        ]
        frame = _frame(certificate.serial, font)
        doc.build(story, onFirstPage=frame, onLaterPages=frame)
        return buffer.getvalue()
