"""The printed resident card: A6, large type, the name masked, the code big
enough for an organiser's phone to read at arm's length."""
from io import BytesIO

from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from app.hours.pdf_font import embedded_font
from app.hours.pdf_qr import qr_drawing
from app.localtime import chinese_date

RED = colors.HexColor("#C8102E")
TITLE = "聚沙 · 居民卡"
LINES = ("参加活动时请出示本卡，由工作人员扫码签到", "遗失请到所在社区补办，旧卡随即作废")


def render(card, holder, community_name, code_url, serial):
    width, height = A6
    issued = chinese_date(card.issued_at)
    text = TITLE + holder + (community_name or "") + serial + issued + "".join(LINES) + "姓名社区卡号发卡日期："
    with embedded_font(text) as font:
        buffer = BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A6, initialFontName=font)
        pdf.setTitle(f"居民卡 {serial}")
        pdf.setFillColor(RED)
        pdf.rect(0, height - 18 * mm, width, 18 * mm, stroke=0, fill=1)
        pdf.setFillColor(colors.white)
        pdf.setFont(font, 16)
        pdf.drawCentredString(width / 2, height - 12 * mm, TITLE)

        size = 62 * mm
        drawing = qr_drawing(code_url, size, font)
        renderPDF.draw(drawing, pdf, (width - size) / 2, height - 22 * mm - size)

        pdf.setFillColor(colors.black)
        y = height - 30 * mm - size
        for label, value in (("姓名：", holder), ("社区：", community_name or "—"), ("卡号：", serial),
                             ("发卡日期：", issued)):
            pdf.setFont(font, 12)
            pdf.drawString(12 * mm, y, label + value)
            y -= 6.5 * mm
        pdf.setFont(font, 8)
        pdf.setFillColor(colors.HexColor("#555555"))
        for line in LINES:
            pdf.drawCentredString(width / 2, y - 1 * mm, line)
            y -= 4.5 * mm
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()
