"""Subscription messages: what each user allowed (the quota ledger), the
notices organisers push, and one delivery row per (notice, recipient).

A delivery's ``state`` is the at-most-once guard: a worker moves it from
``queued`` to ``sending`` in a committed UPDATE before it calls WeChat, and
only the holder of ``claim_token`` may record the outcome.
"""
from app.extensions import db
from app.models.base import TimestampMixin, UTCDateTime, utcnow

# wx.requestSubscribeMessage answers; acceptWithAudio / acceptWithAlert are
# acceptances with a voice or alert reminder and count as accept.
SUBSCRIPTION_ANSWERS = ("accept", "reject", "ban", "filter", "acceptWithAudio", "acceptWithAlert")
ACCEPTING_ANSWERS = ("accept", "acceptWithAudio", "acceptWithAlert")

NOTICE_KINDS = ("manual", "event_reminder", "hours_credited", "duty_reminder", "whistle_call",
                "report_closed", "household_overdue", "household_request")
# scheduled -> queued -> fanning_out -> sending -> done; cancelled at any point before done
NOTICE_STATUSES = ("scheduled", "queued", "fanning_out", "sending", "done", "cancelled")

DELIVERY_STATES = ("queued", "sending", "sent", "skipped", "failed", "unconfirmed", "cancelled")
OPEN_DELIVERY_STATES = ("queued", "sending")


class SubscriptionQuota(TimestampMixin, db.Model):
    """How many sends a user still allows for one template: each acceptance
    adds one, each send takes one. WeChat keeps its own count; this one lets
    the preview say who can be reached and settles crashed sends."""

    __tablename__ = "subscription_quotas"
    __table_args__ = (
        db.UniqueConstraint("user_id", "template_id", name="uq_subscription_quotas_user_template"),
        db.CheckConstraint("remaining >= 0", name="remaining_not_negative"),
    )

    id = db.Column(db.Integer, primary_key=True)
    # (no separate index: the unique constraint leads with user_id)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    template_id = db.Column(db.String(64), nullable=False)
    remaining = db.Column(db.Integer, nullable=False, default=0)
    accepted_total = db.Column(db.Integer, nullable=False, default=0)
    last_answer = db.Column(db.String(16), nullable=True)
    last_answered_at = db.Column(UTCDateTime(), nullable=True)


class SubscriptionAnswer(db.Model):
    """Every answer the mini-program reported, kept as the ledger's trail.
    ``request_id`` (optional, from the phone) makes a retried report count once."""

    __tablename__ = "subscription_answers"
    __table_args__ = (
        db.UniqueConstraint("user_id", "request_id", "template_id", name="uq_subscription_answers_request"),
    )

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    template_id = db.Column(db.String(64), nullable=False)
    answer = db.Column(db.String(16), nullable=False)
    request_id = db.Column(db.String(64), nullable=True)
    answered_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class Notice(TimestampMixin, db.Model):
    __tablename__ = "notices"
    __table_args__ = (db.Index("ix_notices_status_send_at", "status", "send_at"),)

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(24), nullable=False, default="manual")
    template_name = db.Column(db.String(32), nullable=False)
    template_id = db.Column(db.String(64), nullable=False)
    # The field values exactly as they go to WeChat (after any shortening).
    data = db.Column(db.JSON, nullable=False)
    page = db.Column(db.String(256), nullable=True)
    audience = db.Column(db.JSON, nullable=False)
    # Whose notice it is, for organisers' visibility: the audience's community or member unit.
    community_id = db.Column(db.Integer, db.ForeignKey("communities.id"), nullable=True, index=True)
    member_unit_id = db.Column(db.Integer, db.ForeignKey("member_units.id"), nullable=True, index=True)
    event_id = db.Column(db.Integer, db.ForeignKey("events.id", ondelete="SET NULL"), nullable=True, index=True)
    status = db.Column(db.String(16), nullable=False, default="queued")
    send_at = db.Column(UTCDateTime(), nullable=True)
    started_at = db.Column(UTCDateTime(), nullable=True)
    finished_at = db.Column(UTCDateTime(), nullable=True)
    cancelled_at = db.Column(UTCDateTime(), nullable=True)
    cancel_reason = db.Column(db.String(64), nullable=True)
    # Automatic notices: one per purpose ("reminder:event:12", "hours:event:12:user:7").
    source_key = db.Column(db.String(64), nullable=True, unique=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True, index=True)

    created_by = db.relationship("User")


class NoticeDelivery(db.Model):
    __tablename__ = "notice_deliveries"
    __table_args__ = (
        db.UniqueConstraint("notice_id", "user_id", name="uq_notice_deliveries_notice_user"),
        db.Index("ix_notice_deliveries_notice_id_state", "notice_id", "state"),
        db.Index("ix_notice_deliveries_state_next_attempt_at", "state", "next_attempt_at"),
        # One send in flight per user and template: a crashed send can then be
        # settled against WeChat's own quota (see app/notices/delivery.py).
        db.Index(
            "uq_notice_deliveries_one_sending",
            "user_id",
            "template_id",
            unique=True,
            postgresql_where=db.text("state = 'sending'"),
            sqlite_where=db.text("state = 'sending'"),
        ),
    )

    id = db.Column(db.Integer, primary_key=True)
    notice_id = db.Column(db.Integer, db.ForeignKey("notices.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    template_id = db.Column(db.String(64), nullable=False)
    state = db.Column(db.String(16), nullable=False, default="queued")
    # skipped: no_subscription | quota_spent; sent: confirmed_by_quota; unconfirmed: interrupted
    reason = db.Column(db.String(32), nullable=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    errcode = db.Column(db.Integer, nullable=True)
    error = db.Column(db.String(200), nullable=True)
    claim_token = db.Column(db.String(32), nullable=True)
    lease_until = db.Column(UTCDateTime(), nullable=True)
    next_attempt_at = db.Column(UTCDateTime(), nullable=True)
    msgid = db.Column(db.BigInteger, nullable=True)
    sent_at = db.Column(UTCDateTime(), nullable=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)

    notice = db.relationship("Notice")
    user = db.relationship("User")
