"""Drawing the on-screen check-in QR code (PNG for screens and the
mini-program, SVG for the projector page where it scales to any wall)."""
import io
import re

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

_SVG_SIZE = re.compile(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"')


def _code(content):
    # Medium error correction survives a glare spot on a projector screen
    # while keeping the modules big enough to read from the back rows.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=12, border=2)
    code.add_data(content)
    code.make(fit=True)
    return code


def png(content):
    buffer = io.BytesIO()
    _code(content).make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def svg(content):
    """A standalone SVG document that fills whatever box it is put in."""
    image = _code(content).make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    document = buffer.getvalue().decode()
    return _SVG_SIZE.sub(r'\1 width="100%" height="100%"', document, count=1)


def inline_svg(content):
    """The ``<svg>`` element alone, to put inside an HTML page."""
    document = svg(content)
    return document[document.index("<svg"):]
