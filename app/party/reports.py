"""在职党员报到: community service posts (服务岗位), members' reports to the
community where they live, and what the community sees of them."""
from sqlalchemy import func, select

from app import audit
from app.extensions import db
from app.models import Community, PartyReport, ServicePost, User, party_report_posts, utcnow
from app.models.base import insert_unless_exists, lock_row
from app.party import membership as memberships
from app.party.errors import fail


def community(community_id):
    found = db.session.get(Community, community_id)
    if found is None:
        raise fail("community_not_found")
    return found


def get_post(post_id):
    post = db.session.get(ServicePost, post_id)
    if post is None:
        raise fail("post_not_found")
    return post


def _name_free(community_id, name, post_id=None):
    taken = db.session.execute(select(ServicePost.id).where(ServicePost.community_id == community_id,
                                                            ServicePost.name == name)).scalar()
    if taken is not None and taken != post_id:
        raise fail("post_name_taken")


def create_post(actor, community_id, body):
    community(community_id)
    _name_free(community_id, body["name"])
    post = ServicePost(community_id=community_id, name=body["name"], description=body.get("description"),
                       capacity=body.get("capacity"), active=body.get("active", True), created_by_id=actor.id)
    db.session.add(post)
    db.session.flush()
    audit.record("party.post_create", actor=actor, target=post, detail={"name": post.name})
    db.session.commit()
    return post


def update_post(actor, post, body):
    if "name" in body:
        _name_free(post.community_id, body["name"], post.id)
    for key in ("name", "description", "capacity", "active"):
        if key in body:
            setattr(post, key, body[key])
    audit.record("party.post_update", actor=actor, target=post, detail=dict(body))
    db.session.commit()
    return post


def posts_of(community_id, include_retired=False):
    query = select(ServicePost).where(ServicePost.community_id == community_id)
    if not include_retired:
        query = query.where(ServicePost.active.is_(True))
    return db.session.execute(query.order_by(ServicePost.id)).scalars().all()


def taken(post_ids):
    """{post_id: members now reported on it}."""
    if not post_ids:
        return {}
    return dict(db.session.execute(
        select(party_report_posts.c.post_id, func.count())
        .join(PartyReport, PartyReport.id == party_report_posts.c.report_id)
        .where(party_report_posts.c.post_id.in_(post_ids), PartyReport.status == "active")
        .group_by(party_report_posts.c.post_id)).all())


def active_report(user_id):
    return db.session.execute(select(PartyReport).where(PartyReport.user_id == user_id,
                                                        PartyReport.status == "active")).scalar_one_or_none()


def may_report(user, membership=None):
    membership = membership if membership is not None else memberships.of_user(user.id)
    return bool(membership is not None and membership.status == "confirmed" and membership.in_service
                and user.community_id is not None)


def report(user, body, now=None):
    """报到 to my home community with the posts I choose; reporting again
    changes the posts. Moving home and reporting to the new community ends
    the report to the old one."""
    now = now or utcnow()
    membership = memberships.of_user(user.id)
    if membership is None or membership.status != "confirmed" or not membership.in_service:
        raise fail("not_in_service_member")
    if user.community_id is None:
        raise fail("home_community_required")
    community_id = body.get("community_id") or user.community_id
    if community_id != user.community_id:
        raise fail("not_in_service_member", "在职党员须到居住地社区报到，请先在“我的”中修改居住社区",
                   details={"json": {"community_id": ["只能向您居住的社区报到"]}})
    # The member's row is the lock: one report of theirs changes at a time.
    lock_row(type(membership), membership.id)
    post_ids = sorted(set(body["post_ids"]))
    posts = []
    for post_id in post_ids:  # in id order, so two members choosing the same posts cannot deadlock
        post = lock_row(ServicePost, post_id)
        if post is None or post.community_id != community_id or not post.active:
            db.session.rollback()
            raise fail("post_not_found", "所选服务岗位不存在或已停用")
        posts.append(post)
    db.session.execute(insert_unless_exists(PartyReport.__table__, {
        "user_id": user.id, "community_id": community_id, "status": "active", "reported_at": now,
        "created_at": now, "updated_at": now}, ["user_id", "community_id"]))
    row = db.session.execute(select(PartyReport).where(PartyReport.user_id == user.id,
                                                       PartyReport.community_id == community_id)
                             .execution_options(populate_existing=True)).scalar_one()
    mine = {p.id for p in row.posts} if row.status == "active" else set()
    counts = taken([p.id for p in posts])
    for post in posts:
        if post.capacity is not None and post.id not in mine and counts.get(post.id, 0) >= post.capacity:
            db.session.rollback()
            raise fail("post_full", f"服务岗位“{post.name}”人数已满，请选择其他岗位")
    if row.status != "active":
        row.status, row.reported_at, row.ended_at = "active", now, None
    row.posts = posts
    row.note = body.get("note")
    row.updated_at = now
    for other in db.session.execute(select(PartyReport).where(
            PartyReport.user_id == user.id, PartyReport.status == "active", PartyReport.id != row.id)).scalars():
        other.status, other.ended_at = "ended", now
    db.session.commit()
    return row


def end(user, now=None):
    row = active_report(user.id)
    if row is None:
        raise fail("report_not_found")
    row.status, row.ended_at = "ended", now or utcnow()
    db.session.commit()
    return row


def community_reports(community_id, args):
    query = (select(PartyReport).join(User, User.id == PartyReport.user_id)
             .where(PartyReport.community_id == community_id))
    if args["status"] != "all":
        query = query.where(PartyReport.status == args["status"])
    if args.get("post_id") is not None:
        query = query.where(PartyReport.id.in_(select(party_report_posts.c.report_id)
                                               .where(party_report_posts.c.post_id == args["post_id"])))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(PartyReport.reported_at.desc(), PartyReport.id.desc())
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    return rows, total
