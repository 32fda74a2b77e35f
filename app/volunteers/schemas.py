from marshmallow import fields, validate

from app import paging
from app.localtime import LocalDateTime
from app.models import VOLUNTEER_STATUSES
from app.schemas import Id, QueryId, Schema, Text
from app.validators import text

_reason = text(200)


class ConsentNoticeSchema(Schema):
    version = fields.String(metadata={"description": "send it back as consent_version"})
    purpose = fields.String()
    text = fields.String(metadata={"description": "the full notice to show before the form"})


class ApplicationSchema(Schema):
    """Consent fields come first: without ``consent_agreed: true`` on the
    current ``consent_version`` nothing is stored (422 consent_required)."""

    consent_version = Text(validate=text(16))
    consent_agreed = fields.Boolean()
    real_name = Text(required=True, validate=text(32, min_length=1))
    phone = Text(required=True, validate=text(20, min_length=1))
    id_number = Text(required=True, validate=text(32, min_length=1),
                     metadata={"description": "18-character 居民身份证号码; stored encrypted, never returned"})
    community_id = Id(required=True)
    team_id = Id(required=True, metadata={"description": "a squad (中队)"})
    skills = fields.List(Text(validate=text(32)), validate=validate.Length(max=20),
                         load_default=list)


class VolunteerProfileSchema(Schema):
    user_id = fields.Integer()
    real_name = fields.String()
    phone = fields.String()
    id_number_masked = fields.String(allow_none=True, metadata={"description": "e.g. 3301**********1234"})
    community_id = fields.Integer(allow_none=True)
    team_id = fields.Integer(allow_none=True)
    team_name = fields.Function(lambda p: p.team.name if p.team else None, allow_none=True)
    skills = fields.List(fields.String())
    status = fields.String(metadata={"description": " / ".join(VOLUNTEER_STATUSES)})
    consent_version = fields.String(allow_none=True)
    consented_at = LocalDateTime(allow_none=True)
    reviewed_at = LocalDateTime(allow_none=True)
    review_reason = fields.String(allow_none=True)
    created_at = LocalDateTime()


class MembershipSchema(Schema):
    id = fields.Integer()
    team_id = fields.Integer()
    team_name = fields.Function(lambda m: m.team.name if m.team else None, allow_none=True)
    joined_at = LocalDateTime()
    left_at = LocalDateTime(allow_none=True)
    reason = fields.String(allow_none=True)


class VolunteerDetailSchema(Schema):
    profile = fields.Nested(VolunteerProfileSchema)
    memberships = fields.List(fields.Nested(MembershipSchema))


class ReviewSchema(Schema):
    decision = Text(required=True, validate=validate.OneOf(("approve", "reject")))
    reason = Text(validate=_reason, metadata={"description": "required to reject"})


class LeaveSchema(Schema):
    reason = Text(validate=_reason)


class MoveSchema(Schema):
    team_id = Id(required=True)
    reason = Text(validate=_reason)


VOLUNTEER_SORTS = ("id", "created_at", "real_name", "reviewed_at")


class VolunteerListArgs(paging.paged_args(VOLUNTEER_SORTS)):
    status = Text(validate=validate.OneOf(VOLUNTEER_STATUSES))
    team_id = QueryId(metadata={"description": "this team and, for a corps or brigade, the squads under it"})
    community_id = QueryId()
    q = Text(validate=validate.Length(max=32), metadata={"description": "part of a name or phone number"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    before_id = QueryId()


class CloseAccountSchema(Schema):
    confirm = fields.Boolean(required=True, validate=validate.Equal(True),
                             metadata={"description": "must be true: the person confirmed in the mini-program"})
