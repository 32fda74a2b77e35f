"""Certificates (志愿服务证明): issue, list, download as PDF, revoke."""
from io import BytesIO

from flask import current_app, send_file
from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.extensions import db
from app.hours import certificates
from app.hours.pdf import render_certificate
from app.hours.schemas import CertificateSchema, DateRangeArgs, ReasonSchema
from app.models import User
from app.volunteers.service import profile_for_staff

blp = Blueprint("certificates", __name__, url_prefix="/api/v1", description="Volunteer service certificates")


@blp.route("/me/certificates", methods=["GET"])
@login_required
@blp.response(200, CertificateSchema(many=True))
def my_certificates():
    """Certificates issued to me, newest first."""
    return certificates.list_for(current_user().id)


@blp.route("/me/certificates", methods=["POST"])
@login_required
@blp.arguments(DateRangeArgs)
@blp.response(201, CertificateSchema)
@blp.alt_response(409, schema="Error", description="no_approved_hours / not_a_volunteer")
def issue_mine(body):
    """Issue a certificate of my approved hours (all, or between two dates)."""
    user = current_user()
    return certificates.issue(user, user, body.get("date_from"), body.get("date_to"))


@blp.route("/hours/volunteers/<int:user_id>/certificates", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(DateRangeArgs)
@blp.response(201, CertificateSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope")
def issue_for(body, user_id):
    """Issue a certificate for a volunteer I manage."""
    profile_for_staff(current_user(), user_id)
    holder = db.session.get(User, user_id)
    return certificates.issue(holder, current_user(), body.get("date_from"), body.get("date_to"))


@blp.route("/certificates/<string:serial>/pdf", methods=["GET"])
@login_required
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf",
              description="the certificate, A4 PDF")
@blp.alt_response(404, schema="Error", description="certificate_not_found")
def certificate_pdf(serial):
    """The certificate as a PDF, for its holder or the organisers who manage them."""
    certificate = certificates.get_for(current_user(), serial)
    pdf = render_certificate(certificate, certificates.verify_url(certificate.serial),
                             handler_name=certificates.handler_name(certificate),
                             contact=current_app.config["CERTIFICATE_ISSUER_CONTACT"])
    return send_file(BytesIO(pdf), mimetype="application/pdf", as_attachment=False,
                     download_name=f"志愿服务证明_{certificate.serial}.pdf")


@blp.route("/certificates/<string:serial>/revoke", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ReasonSchema)
@blp.response(200, CertificateSchema)
@blp.alt_response(409, schema="Error", description="certificate_revoked")
def revoke(body, serial):
    """Revoke a certificate (e.g. its hours were corrected); the public page then says so."""
    certificate = certificates.get_for(current_user(), serial)
    return certificates.revoke(current_user(), certificate, body["reason"])
