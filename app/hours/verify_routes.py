"""GET /verify/<serial>: the public page a certificate's QR code opens.

Server-rendered HTML (the person scanning may be an admissions officer with
no mini-program); it confirms a genuine certificate with a masked name and
refuses a forged or unknown serial with 404.
"""
from flask import Blueprint, render_template

from app.hours.certificates import public_view

bp = Blueprint("verify", __name__)


@bp.get("/verify/<serial>")
def verify_certificate(serial):
    serial = serial.strip().upper()[:64]
    view = public_view(serial)
    html = render_template("verify_certificate.html", view=view, serial=serial)
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    return html, (200 if view is not None else 404), headers
