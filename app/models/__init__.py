"""Models grouped by area; importing this module registers them all."""
from app.models.audit import AuditLog
from app.models.base import UTCDateTime, utcnow
from app.models.events import (
    CHECKIN_DIRECTIONS,
    CHECKIN_METHODS,
    EVENT_KINDS,
    REGISTRATION_STATUSES,
    CheckIn,
    Event,
    Registration,
)
from app.models.hours import (
    LEDGER_KINDS,
    SERVICE_RECORD_STATUSES,
    Certificate,
    HoursLedgerEntry,
    LedgerIsAppendOnly,
    ServiceRecord,
)
from app.models.notices import (
    ACCEPTING_ANSWERS,
    DELIVERY_STATES,
    NOTICE_KINDS,
    NOTICE_STATUSES,
    OPEN_DELIVERY_STATES,
    SUBSCRIPTION_ANSWERS,
    Notice,
    NoticeDelivery,
    SubscriptionAnswer,
    SubscriptionQuota,
)
from app.models.places import Community, MemberUnit
from app.models.screen import ScreenLink
from app.models.teams import TEAM_LEVELS, Team
from app.models.users import AuthSession, RoleGrant, User
from app.models.volunteers import VOLUNTEER_STATUSES, TeamMembership, VolunteerProfile

__all__ = [
    "ACCEPTING_ANSWERS",
    "DELIVERY_STATES",
    "NOTICE_KINDS",
    "NOTICE_STATUSES",
    "Notice",
    "NoticeDelivery",
    "OPEN_DELIVERY_STATES",
    "SUBSCRIPTION_ANSWERS",
    "SubscriptionAnswer",
    "SubscriptionQuota",
    "CHECKIN_DIRECTIONS",
    "CHECKIN_METHODS",
    "CheckIn",
    "EVENT_KINDS",
    "Event",
    "REGISTRATION_STATUSES",
    "Registration",
    "AuditLog",
    "Certificate",
    "HoursLedgerEntry",
    "LEDGER_KINDS",
    "LedgerIsAppendOnly",
    "SERVICE_RECORD_STATUSES",
    "ServiceRecord",
    "AuthSession",
    "Community",
    "MemberUnit",
    "RoleGrant",
    "ScreenLink",
    "TEAM_LEVELS",
    "Team",
    "TeamMembership",
    "User",
    "VOLUNTEER_STATUSES",
    "VolunteerProfile",
    "UTCDateTime",
    "utcnow",
]
