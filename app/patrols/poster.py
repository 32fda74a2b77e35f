"""A checkpoint's poster: its signed code (app/patrols/codes.py) as a QR
code, as a PNG, or as an A5 PDF with the checkpoint's and route's names for
printing and hanging at the spot. Scanned with wx.scanCode on the live
patrol page, so a plain QR code does (no mini-program code from WeChat)."""
from io import BytesIO

import qrcode
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from app.hours.pdf_font import embedded_font
from app.patrols.codes import code_for

HINT = "巡防打卡点：巡防中请在小程序「巡防」页面扫码打卡"


def png(checkpoint):
    image = qrcode.make(code_for(checkpoint.id), box_size=10, border=2)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pdf(checkpoint):
    route = checkpoint.route
    title = f"{checkpoint.position}. {checkpoint.name}"
    subtitle = f"{route.patrol_team.team.name} · {route.name}"
    width, height = A5
    buffer = BytesIO()
    with embedded_font(title + subtitle + HINT) as font:
        page = canvas.Canvas(buffer, pagesize=A5, initialFontName=font)
        page.setTitle(f"巡防点 {checkpoint.name}")
        page.setFont(font, 22)
        page.drawCentredString(width / 2, height - 30 * mm, title)
        page.setFont(font, 12)
        page.drawCentredString(width / 2, height - 40 * mm, subtitle)
        widget = QrCodeWidget(code_for(checkpoint.id))
        x1, y1, x2, y2 = widget.getBounds()
        size = 100 * mm
        drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, page, (width - size) / 2, height - 45 * mm - size)
        page.setFont(font, 10)
        page.drawCentredString(width / 2, 20 * mm, HINT)
        page.showPage()
        page.save()
    return buffer.getvalue()
