"""Sending one notice to one person: at most once, retried until it is
delivered or finally refused.

The delivery row is the guard. A worker claims it with one committed UPDATE
(``queued`` -> ``sending``, a fresh ``claim_token``, a lease) that also takes
one send from the user's quota, and only then calls WeChat; only the holder
of the token records the outcome. A second copy of the job (a redelivery,
a sweep) finds the row claimed or finished and does nothing.

The window that remains is between WeChat accepting a message and our
commit of ``sent``: a worker killed there leaves the row ``sending``, and
subscribeMessage.send has no idempotency key to ask WeChat about it. Such a
row is settled once its lease has run out (so its worker is surely gone),
with WeChat's own quota as the witness: when the user's ledger says the
crashed send used their last acceptance, we send again, and WeChat either
delivers (the first never arrived) or answers 43101 (it did, and no
acceptance is left), so the person gets the message exactly once. When the
user still has acceptances left a second send could arrive twice, so the
row becomes ``unconfirmed`` instead: never sent twice, reported to the
organiser. So does a row whose person already has an ``unconfirmed`` send of
the same template: that send may have left WeChat one acceptance more than
our ledger counts, so the ledger no longer witnesses anything for them. The window itself is kept small: the rate-limit token, the
access token and the payload are ready before the claim, and the outcome
is written right after the answer. One send per (user, template) is in
flight at a time (a partial unique index), which keeps the witness exact.

A dropped connection or a read timeout is the same question (did WeChat
get it?) and takes the same path; a connection that never opened is a
plain retry, and so is a send WeChat refused for its access token even when
the refresh after it failed (the client reports the refusal).
"""
import logging
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

import requests
from dramatiq import Retry
from flask import current_app
from sqlalchemy import exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Notice, NoticeDelivery, User, utcnow
from app.notices import ratelimit
from app.subscriptions import ledger
from app.subscriptions.fields import wechat_data
from app.wechat import WeChatClientException, WeChatUnavailable, wechat

log = logging.getLogger(__name__)

deliveries = NoticeDelivery.__table__
notices = Notice.__table__
users = User.__table__

# -1 system busy, 45009/45011 frequency limits, 40001/40014/42001 access token
# (the client refreshed once already): WeChat delivered nothing, try again later.
TRANSIENT_ERRCODES = frozenset({-1, 45009, 45011, 40001, 40014, 42001})
USER_REFUSED = 43101
SEND_ENDPOINT = "cgi-bin/message/subscribe/send"


@dataclass
class Outcome:
    kind: str  # sent | transient | refused | failed | ambiguous
    errcode: int | None = None
    error: str | None = None
    msgid: int | None = None


def deliver(delivery_id):
    # One connection for the whole job: each commit below is its own
    # transaction, without a pool checkout (and its ping) per transaction.
    with db.engine.connect() as conn:
        row = _load(conn, delivery_id)
        conn.rollback()
        if row is None or row.state not in ("queued", "sending"):
            return
        now = utcnow()
        if row.notice_status == "cancelled":
            _cancel_if_queued(conn, row.id, now)
            return
        if row.state == "queued":
            if row.next_attempt_at is not None and row.next_attempt_at > now + timedelta(seconds=1):
                # An early copy (a sweep); come back when the backoff is over.
                raise Retry(delay=_ms(row.next_attempt_at - now))
            _send_fresh(conn, row)
            return
        if row.lease_until is not None and row.lease_until > now:
            # Another worker holds it, or held it until it died: wait out its lease.
            raise Retry(delay=_ms(row.lease_until - now) + 250)
        _settle_interrupted(conn, row)


def _load(conn, delivery_id):
    return conn.execute(
        select(
            deliveries.c.id, deliveries.c.notice_id, deliveries.c.user_id, deliveries.c.template_id,
            deliveries.c.state, deliveries.c.attempts, deliveries.c.claim_token, deliveries.c.lease_until,
            deliveries.c.next_attempt_at, notices.c.status.label("notice_status"), notices.c.data,
            notices.c.page, users.c.openid,
        )
        .join(notices, notices.c.id == deliveries.c.notice_id)
        .join(users, users.c.id == deliveries.c.user_id)
        .where(deliveries.c.id == delivery_id)
    ).first()


def _payload(row):
    payload = {
        "touser": row.openid,
        "template_id": row.template_id,
        "data": wechat_data(row.data),
        "miniprogram_state": current_app.config["WECHAT_MINIPROGRAM_STATE"],
        "lang": "zh_CN",
    }
    if row.page:
        payload["page"] = row.page
    return payload


def _ready_to_call():
    """Everything that may wait or fail before the claim, not after it:
    the rate-limit token and the access token (fetched now if there is none)."""
    ratelimit.acquire()
    client = wechat()
    return client, client.access_token


def _send_fresh(conn, row):
    client, access_token = _ready_to_call()
    payload = _payload(row)
    token = secrets.token_hex(8)
    claimed = _claim(conn, row, token)
    if claimed == "busy":
        # This person has another send with this template in flight.
        raise Retry(delay=random.randint(300, 1000))
    if claimed != "claimed":
        return
    outcome = _call(client, access_token, payload)
    _record(conn, row, token, row.attempts + 1, outcome, settling=False)


def _claim(conn, row, token):
    now = utcnow()
    lease = timedelta(seconds=current_app.config["NOTICE_SENDING_LEASE"])
    try:
        result = conn.execute(
            update(deliveries)
            .where(deliveries.c.id == row.id, deliveries.c.state == "queued")
            .values(state="sending", claim_token=token, lease_until=now + lease,
                    attempts=deliveries.c.attempts + 1, updated_at=now)
        )
        if result.rowcount != 1:
            conn.rollback()
            return "taken"
        if not ledger.take_one(row.user_id, row.template_id, conn=conn):
            conn.execute(
                update(deliveries).where(deliveries.c.id == row.id)
                .values(state="skipped", reason="no_subscription", claim_token=None, lease_until=None,
                        updated_at=now)
            )
            conn.commit()
            return "no_quota"
        conn.commit()
        return "claimed"
    except IntegrityError:
        conn.rollback()
        return "busy"


def _call(client, access_token, payload):
    try:
        result = client.post(SEND_ENDPOINT, api_base_url=client.wxa.API_BASE_URL, data=payload,
                             params={"access_token": access_token})
    except WeChatClientException as exc:
        code = exc.errcode
        text = str(getattr(exc, "errmsg", "") or "")[:200]
        if code in TRANSIENT_ERRCODES:
            return Outcome("transient", code, text)
        if code == USER_REFUSED:
            return Outcome("refused", code, text)
        return Outcome("failed", code, text)
    except WeChatUnavailable as exc:
        if _never_sent(exc):
            return Outcome("transient", None, f"network: {exc}"[:200])
        return Outcome("ambiguous", None, f"network: {exc}"[:200])
    msgid = result.get("msgid") if isinstance(result, dict) else None
    return Outcome("sent", msgid=int(msgid) if msgid is not None else None)


def _never_sent(exc):
    """True when the request surely never reached WeChat (no connection was made)."""
    cause = exc.__cause__
    if isinstance(cause, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(cause, requests.exceptions.ConnectionError):
        text = repr(cause.args[0]) if cause.args else ""
        return "NewConnectionError" in text or "Connection refused" in text
    return False


def _backoff_ms(attempts):
    config = current_app.config
    ceiling = min(config["NOTICE_RETRY_MAX_MS"], config["NOTICE_RETRY_BASE_MS"] * 2 ** max(0, attempts - 1))
    return int(ceiling * random.uniform(0.5, 1.0))


def _record(conn, row, token, attempts, outcome, settling):
    """Write the outcome of a call made under ``token``; raise Retry when it should be tried again."""
    now = utcnow()
    give_back = spent = False
    retry_ms = None
    last_try = attempts >= current_app.config["NOTICE_MAX_ATTEMPTS"]
    done = {"claim_token": None, "lease_until": None, "next_attempt_at": None}
    if outcome.kind == "sent":
        values = {"state": "sent", "msgid": outcome.msgid, "sent_at": now, "errcode": None, "error": None, **done}
    elif outcome.kind == "refused" and settling:
        # No acceptance left at WeChat: the interrupted send is the one that used it.
        values = {"state": "sent", "reason": "confirmed_by_quota", "sent_at": now, "errcode": None,
                  "error": None, **done}
    elif outcome.kind == "refused":
        values = {"state": "skipped", "reason": "quota_spent", "errcode": outcome.errcode,
                  "error": outcome.error, **done}
        spent = True
    elif outcome.kind == "failed":
        values = {"state": "failed", "errcode": outcome.errcode, "error": outcome.error, **done}
        give_back = True
    elif last_try:
        if settling or outcome.kind == "ambiguous":
            values = {"state": "unconfirmed", "reason": "interrupted", "errcode": outcome.errcode,
                      "error": outcome.error, **done}
        else:
            values = {"state": "failed", "errcode": outcome.errcode, "error": outcome.error, **done}
            give_back = True
    elif outcome.kind == "transient" and not settling:
        retry_ms = _backoff_ms(attempts)
        values = {"state": "queued", "errcode": outcome.errcode, "error": outcome.error, "claim_token": None,
                  "lease_until": None, "next_attempt_at": now + timedelta(milliseconds=retry_ms)}
        give_back = True
    else:
        # Did WeChat get it? Keep the row 'sending' with the lease released;
        # the next try settles it (see the module docstring).
        retry_ms = _backoff_ms(attempts)
        values = {"errcode": outcome.errcode, "error": outcome.error, "lease_until": now,
                  "next_attempt_at": now + timedelta(milliseconds=retry_ms)}
    result = conn.execute(
        update(deliveries)
        .where(deliveries.c.id == row.id, deliveries.c.claim_token == token, deliveries.c.state == "sending")
        .values(updated_at=now, **values)
    )
    if result.rowcount == 1:
        if give_back:
            ledger.give_back(row.user_id, row.template_id, conn=conn)
        if spent:
            ledger.mark_spent(row.user_id, row.template_id, conn=conn)
    else:
        log.warning("delivery %s: claim %s was taken over before its outcome (%s) was written",
                    row.id, token, outcome.kind)
    conn.commit()
    if retry_ms is not None:
        raise Retry(delay=retry_ms)


def _settle_interrupted(conn, row):
    """A 'sending' row whose lease ran out: decide with WeChat's quota as witness."""
    client, access_token = _ready_to_call()
    payload = _payload(row)
    token = secrets.token_hex(8)
    now = utcnow()
    lease = timedelta(seconds=current_app.config["NOTICE_SENDING_LEASE"])
    taken = conn.execute(
        update(deliveries)
        .where(deliveries.c.id == row.id, deliveries.c.state == "sending",
               deliveries.c.claim_token == row.claim_token,
               or_(deliveries.c.lease_until.is_(None), deliveries.c.lease_until <= now))
        .values(claim_token=token, lease_until=now + lease, attempts=deliveries.c.attempts + 1, updated_at=now)
    )
    if taken.rowcount != 1:
        conn.rollback()
        return
    doubt = _why_not_witness(conn, row)
    if doubt:
        # A second send could arrive twice: leave it unconfirmed, never resend.
        conn.execute(
            update(deliveries).where(deliveries.c.id == row.id, deliveries.c.claim_token == token)
            .values(state="unconfirmed", reason="interrupted", claim_token=None, lease_until=None, updated_at=now)
        )
        conn.commit()
        log.warning("delivery %s: interrupted send left unconfirmed (%s)", row.id, doubt)
        return
    conn.commit()
    outcome = _call(client, access_token, payload)
    _record(conn, row, token, row.attempts + 1, outcome, settling=True)


def _why_not_witness(conn, row):
    """Why WeChat's quota cannot tell whether the interrupted send arrived; None when it can.

    Resending is safe only when WeChat surely has exactly one acceptance for
    this send (ours) or none (it arrived). Our ledger says so only while it
    matches WeChat's count. Every ``unconfirmed`` send of the same template
    to the same person took an acceptance from our ledger that WeChat may
    still hold (a dropped connection before WeChat saw it), so from the first
    one on the ledger may be short by one per unconfirmed send, and a ledger
    at zero no longer means WeChat is at zero either."""
    if ledger.remaining(row.user_id, row.template_id, conn=conn) > 0:
        return "the user has acceptances left"
    unsure = conn.execute(
        select(exists().where(
            deliveries.c.user_id == row.user_id, deliveries.c.template_id == row.template_id,
            deliveries.c.state == "unconfirmed", deliveries.c.id != row.id,
        ))
    ).scalar()
    if unsure:
        return "an earlier send of this template to the user is unconfirmed: the ledger may be short"
    return None


def _cancel_if_queued(conn, delivery_id, now):
    conn.execute(
        update(deliveries).where(deliveries.c.id == delivery_id, deliveries.c.state == "queued")
        .values(state="cancelled", updated_at=now)
    )
    conn.commit()


def finish_notice_if_done(notice_id):
    """Mark the notice done once no recipient is queued or in flight; True when it is."""
    still_open = exists().where(deliveries.c.notice_id == notice_id, deliveries.c.state.in_(("queued", "sending")))
    now = utcnow()
    db.session.execute(
        update(notices)
        .where(notices.c.id == notice_id, notices.c.status == "sending", ~still_open)
        .values(status="done", finished_at=now, updated_at=now)
    )
    db.session.commit()
    status = db.session.execute(select(notices.c.status).where(notices.c.id == notice_id)).scalar_one_or_none()
    db.session.commit()
    return status in (None, "done", "cancelled")


def _ms(delta):
    return max(0, int(delta.total_seconds() * 1000))
