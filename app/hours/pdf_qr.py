"""A QR code as a reportlab drawing, shared by the PDFs that print one (the
certificate's verification code, the 居民卡)."""
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing


def qr_drawing(url, size, font):
    """``url`` as a square QR code ``size`` points wide, error correction M."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    # initialFontName: the drawing would otherwise name Times-Roman, a font the PDF does not carry.
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                      initialFontName=font)
    drawing.add(widget)
    return drawing
