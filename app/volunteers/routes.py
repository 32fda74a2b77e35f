"""Volunteer applications, review, squads and the person's own data."""
from flask_smorest import Blueprint
from marshmallow import fields

from app import paging
from app.auth.permissions import current_user, login_required, roles_required
from app.auth.roles import STAFF
from app.errors import APIError
from app.hours.schemas import CertificateSchema, HoursSummarySchema, LedgerEntrySchema
from app.localtime import LocalDateTime
from app.schemas import GrantSchema, HeldRoleSchema, Schema
from app.volunteers import privacy, service
from app.volunteers.consent import current_notice
from app.volunteers.schemas import (
    ApplicationSchema,
    CloseAccountSchema,
    ConsentNoticeSchema,
    LeaveSchema,
    MembershipSchema,
    MoveSchema,
    ReviewSchema,
    VolunteerDetailSchema,
    VolunteerListArgs,
    VolunteerProfileSchema,
)

blp = Blueprint("volunteers", __name__, url_prefix="/api/v1", description="Volunteers (志愿者)")


class AccountSchema(Schema):
    id = fields.Integer()
    openid = fields.String()
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    role = fields.String()
    roles = fields.List(fields.Nested(HeldRoleSchema))
    community_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()
    last_login_at = LocalDateTime(allow_none=True)


class ConsentRecordSchema(Schema):
    version = fields.String()
    consented_at = LocalDateTime()
    purpose = fields.String()


class CheckinRowSchema(Schema):
    event_id = fields.Integer()
    event_title = fields.String()
    direction = fields.String()
    method = fields.String()
    scanned_at = LocalDateTime()
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)


class RegistrationRowSchema(Schema):
    event_id = fields.Integer()
    event_title = fields.String()
    status = fields.String()
    created_at = LocalDateTime()


class SessionRowSchema(Schema):
    created_at = LocalDateTime()
    expires_at = LocalDateTime()
    revoked_at = LocalDateTime(allow_none=True)


class MyDataSchema(Schema):
    account = fields.Nested(AccountSchema)
    volunteer = fields.Nested(VolunteerProfileSchema, allow_none=True)
    consent = fields.Nested(ConsentRecordSchema, allow_none=True)
    memberships = fields.List(fields.Nested(MembershipSchema))
    hours = fields.Nested(HoursSummarySchema)
    ledger = fields.List(fields.Nested(LedgerEntrySchema))
    certificates = fields.List(fields.Nested(CertificateSchema))
    checkins = fields.List(fields.Nested(CheckinRowSchema))
    registrations = fields.List(fields.Nested(RegistrationRowSchema))
    sessions = fields.List(fields.Nested(SessionRowSchema), metadata={"description": "login sessions"})
    grants = fields.List(fields.Nested(GrantSchema), metadata={"description": "roles held, live and past"})
    areas = fields.Dict(keys=fields.String(), metadata={
        "description": "what other areas hold about me, one section each (app/contributions.py)"})


@blp.route("/volunteers/consent", methods=["GET"])
@blp.response(200, ConsentNoticeSchema)
def consent_notice():
    """The personal-information notice an applicant must agree to first."""
    return current_notice()


@blp.route("/me/volunteer", methods=["GET"])
@login_required
@blp.response(200, VolunteerProfileSchema)
@blp.alt_response(404, schema="Error", description="no application yet")
def my_application():
    """My volunteer registration and its review status."""
    profile = service.profile_of(current_user().id)
    if profile is None or profile.status == "closed":
        raise APIError("not_found", "您还没有申请成为志愿者")
    return profile


@blp.route("/me/volunteer", methods=["POST"])
@login_required
@blp.arguments(ApplicationSchema)
@blp.response(201, VolunteerProfileSchema)
@blp.alt_response(422, schema="Error", description="consent_required / id_number_invalid / phone_invalid")
@blp.alt_response(409, schema="Error", description="already_volunteer / id_number_taken")
def apply(body):
    """Apply to become a volunteer (again, after a rejection or leaving)."""
    return service.apply(current_user(), body)


@blp.route("/me/volunteer/leave", methods=["POST"])
@login_required
@blp.arguments(LeaveSchema)
@blp.response(200, VolunteerProfileSchema)
def leave(body):
    """Leave the volunteer team; hours and records stay."""
    return service.leave(current_user(), body.get("reason"))


@blp.route("/me/volunteer/move", methods=["POST"])
@login_required
@blp.arguments(MoveSchema)
@blp.response(200, VolunteerProfileSchema)
def move(body):
    """Move to another squad; the squad history keeps the old one."""
    return service.move(current_user(), body["team_id"], body.get("reason"))


@blp.route("/me/volunteer/memberships", methods=["GET"])
@login_required
@blp.response(200, MembershipSchema(many=True))
def my_memberships():
    """My squad history."""
    return service.memberships_of(current_user().id)


@blp.route("/me/data", methods=["GET"])
@login_required
@blp.response(200, MyDataSchema)
def my_data():
    """Everything held about me (个人信息保护法 第四十五条); the ID number only masked."""
    return privacy.my_data(current_user())


@blp.route("/me/close-account", methods=["POST"])
@login_required
@blp.arguments(CloseAccountSchema)
@blp.response(204)
@blp.alt_response(409, schema="Error", description="staff_cannot_close")
def close_account(body):
    """Close my account: my identity is erased, my service hours stay on record anonymously."""
    privacy.close_account(current_user())


@blp.route("/volunteers", methods=["GET"])
@roles_required(*STAFF)
@blp.arguments(VolunteerListArgs, location="query")
@blp.response(200, VolunteerProfileSchema(many=True), headers=paging.TOTAL_HEADER_DOC)
def list_volunteers(args):
    """Volunteers and applicants in my scope, newest first (``status=pending`` to review);
    the count in X-Total-Count."""
    return paging.with_total(*service.list_in_scope(current_user(), **args))


@blp.route("/volunteers/<int:user_id>", methods=["GET"])
@roles_required(*STAFF)
@blp.response(200, VolunteerDetailSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope")
def volunteer_detail(user_id):
    """One volunteer in my scope, with their squad history."""
    profile = service.profile_for_staff(current_user(), user_id)
    return {"profile": profile, "memberships": service.memberships_of(user_id)}


@blp.route("/volunteers/<int:user_id>/review", methods=["POST"])
@roles_required(*STAFF)
@blp.arguments(ReviewSchema)
@blp.response(200, VolunteerProfileSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope / own_application")
@blp.alt_response(409, schema="Error", description="application_not_pending")
def review(body, user_id):
    """Approve or reject an application (a reason is required to reject)."""
    profile = service.profile_for_staff(current_user(), user_id)
    return service.review(current_user(), profile, body["decision"], body.get("reason"))
