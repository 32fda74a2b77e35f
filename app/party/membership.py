"""Party membership: a person declares it, the branch's organisers confirm or
reject it (with a reason), and mark a confirmed member as left when they
transfer out. One row per person (app.models.PartyMembership).

  declared ──► pending ──confirm──► confirmed ──leave──► left
                  │                                        │
                  └──reject──► rejected        declare again (a new branch)
  editing what was declared (branch, date, 在职, unit) puts it back to pending.
"""
from sqlalchemy import func, select

from app import audit
from app.errors import invalid
from app.extensions import db
from app.models import MemberUnit, PartyMembership, PartyReport, User, utcnow
from app.models.base import insert_unless_exists, lock_row
from app.party import branches
from app.party.errors import fail

DECLARED = ("branch_id", "joined_on", "in_service", "work_unit_id")


def of_user(user_id):
    return db.session.execute(select(PartyMembership).where(PartyMembership.user_id == user_id)).scalar_one_or_none()


def get(membership_id):
    membership = db.session.get(PartyMembership, membership_id)
    if membership is None:
        raise fail("membership_not_found")
    return membership


def declare(user, body, now=None):
    """Declare my membership, or change what I declared. A change (or a
    declaration after being rejected or leaving) waits for the branch's
    organisers again; sending the same facts again changes nothing."""
    now = now or utcnow()
    branches.get(body["branch_id"])
    values = {"branch_id": body["branch_id"], "joined_on": body.get("joined_on"), "in_service": body["in_service"],
              "work_unit_id": body.get("work_unit_id") if body["in_service"] else None}
    if values["work_unit_id"] is not None and db.session.get(MemberUnit, values["work_unit_id"]) is None:
        raise invalid("work_unit_id", "共建单位不存在")
    # Two taps at once leave one row: the database decides (user_id is unique).
    db.session.execute(insert_unless_exists(PartyMembership.__table__, {
        "user_id": user.id, "status": "pending", "created_at": now, "updated_at": now, **values}, ["user_id"]))
    membership = lock_row(PartyMembership, of_user(user.id).id)
    changed = any(getattr(membership, key) != value for key, value in values.items())
    if changed or membership.status in ("rejected", "left"):
        for key, value in values.items():
            setattr(membership, key, value)
        membership.status = "pending"
        membership.reviewed_by_id = membership.reviewed_at = membership.review_reason = None
        membership.updated_at = now
    db.session.commit()
    return membership


def withdraw(user):
    """Take back a declaration not (or no longer) confirmed; a confirmed one
    is changed by the branch (转出) or goes with account closing."""
    membership = of_user(user.id)
    if membership is None:
        raise fail("membership_not_found")
    membership = lock_row(PartyMembership, membership.id)
    if membership.status == "confirmed":
        raise fail("membership_not_withdrawable")
    db.session.delete(membership)
    db.session.commit()


_MOVES = {"confirm": ("pending", "confirmed", "membership_not_pending"),
          "reject": ("pending", "rejected", "membership_not_pending"),
          "leave": ("confirmed", "left", "membership_not_confirmed")}


def review(actor, membership_id, action, reason=None, now=None):
    """Confirm, reject or mark as left: one organiser at a time (the row is
    locked), so two pressing at once cannot both move it."""
    now = now or utcnow()
    membership = lock_row(PartyMembership, membership_id)
    if membership is None:
        raise fail("membership_not_found")
    if membership.user_id == actor.id:
        raise fail("own_membership")
    start, end, refusal = _MOVES[action]
    if membership.status != start:
        db.session.rollback()
        raise fail(refusal)
    membership.status = end
    membership.reviewed_by_id, membership.reviewed_at, membership.review_reason = actor.id, now, reason
    if end == "left":
        # A member who left is no longer a 在职党员 serving at a community's posts.
        for report in db.session.execute(select(PartyReport).where(
                PartyReport.user_id == membership.user_id, PartyReport.status == "active")).scalars():
            report.status, report.ended_at = "ended", now
    audit.record(f"party.membership_{action}", actor=actor, target=membership,
                 detail={"branch_id": membership.branch_id, "reason": reason})
    db.session.commit()
    return membership


_SORTS = {"declared": PartyMembership.created_at, "joined_on": PartyMembership.joined_on, "name": User.name}


def members(branch_id, args):
    query = (select(PartyMembership).join(User, User.id == PartyMembership.user_id)
             .where(PartyMembership.branch_id == branch_id))
    if args.get("status") is not None:
        query = query.where(PartyMembership.status == args["status"])
    if args.get("in_service") is not None:
        query = query.where(PartyMembership.in_service.is_(args["in_service"]))
    if args.get("work_unit_id") is not None:
        query = query.where(PartyMembership.work_unit_id == args["work_unit_id"])
    if args.get("q"):
        query = query.where(User.name.contains(args["q"], autoescape=True))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    column = _SORTS[args["sort"]]
    ordered = column.desc().nulls_last() if args["order"] == "desc" else column.asc().nulls_last()
    tie = PartyMembership.id.desc() if args["order"] == "desc" else PartyMembership.id.asc()
    rows = db.session.execute(query.order_by(ordered, tie).limit(args["limit"]).offset(args["offset"])).scalars()
    return rows.all(), total
