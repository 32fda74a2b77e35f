"""在职党员报到: a community's service posts, my report, who reported."""
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.extensions import db
from app.localtime import local
from app.models import PartyMembership, utcnow
from app.party import reports, views
from app.party.routes import blp
from app.party.schemas import (
    PartyCommunityReportArgs,
    PartyCommunityReportPageSchema,
    MyPartySchema,
    PartyPostCreateSchema,
    PartyPostFieldsSchema,
    PartyPostListArgs,
    PartyPostSchema,
    PartyReportInSchema,
)


@blp.route("/party/communities/<int:community_id>/posts", methods=["GET"])
@login_required
@blp.arguments(PartyPostListArgs, location="query")
@blp.response(200, PartyPostSchema(many=True))
def list_posts(args, community_id):
    """The community's service posts (服务岗位) to choose when reporting; its
    staff may ask for retired ones too."""
    user = current_user()
    reports.community(community_id)
    retired = args["include_retired"] and policy.party.may_manage_posts(user, community_id)
    posts = reports.posts_of(community_id, retired)
    taken = reports.taken([p.id for p in posts])
    return [views.post_view(p, taken) for p in posts]


@blp.route("/party/communities/<int:community_id>/posts", methods=["POST"])
@login_required
@blp.arguments(PartyPostCreateSchema)
@blp.response(201, PartyPostSchema)
@blp.alt_response(409, schema="Error", description="post_name_taken")
def create_post(body, community_id):
    """The community's staff offer a service post to reporting members."""
    user = current_user()
    reports.community(community_id)
    policy.require(policy.party.may_manage_posts(user, community_id))
    return views.post_view(reports.create_post(user, community_id, body), {})


@blp.route("/party/posts/<int:post_id>", methods=["PATCH"])
@login_required
@blp.arguments(PartyPostFieldsSchema)
@blp.response(200, PartyPostSchema)
@blp.alt_response(409, schema="Error", description="post_name_taken")
def update_post(body, post_id):
    """The community's staff edit or retire (``active: false``) a post."""
    user = current_user()
    post = reports.get_post(post_id)
    policy.require(policy.party.may_manage_posts(user, post.community_id))
    post = reports.update_post(user, post, body)
    return views.post_view(post, reports.taken([post.id]))


@blp.route("/party/communities/<int:community_id>/reports", methods=["GET"])
@login_required
@blp.arguments(PartyCommunityReportArgs, location="query")
@blp.response(200, PartyCommunityReportPageSchema)
def community_reports(args, community_id):
    """Who reported to the community, their posts, and what they did for it in
    the year: its events attended, approved hours there, and the duties their
    work unit took on for its needs."""
    user = current_user()
    reports.community(community_id)
    policy.require(policy.party.may_read_reports(user, community_id))
    year = args.get("year") or local(utcnow()).year
    rows, total = reports.community_reports(community_id, args)
    members = db.session.execute(select(PartyMembership).where(
        PartyMembership.user_id.in_([r.user_id for r in rows] or [-1]))).scalars().all()
    return {"year": year, "items": views.community_report_views(rows, community_id, year, members),
            "total": total, "limit": args["limit"], "offset": args["offset"]}


@blp.route("/me/party/report", methods=["PUT"])
@login_required
@blp.arguments(PartyReportInSchema)
@blp.response(200, MyPartySchema)
@blp.alt_response(409, schema="Error", description="not_in_service_member / home_community_required / post_full")
def report_to_community(body):
    """报到: a confirmed 在职党员 reports to the community where they live,
    choosing its service posts; again, to change the posts."""
    user = current_user()
    reports.report(user, body)
    return views.my_party(user, reports.memberships.of_user(user.id))


@blp.route("/me/party/report", methods=["DELETE"])
@login_required
@blp.response(200, MyPartySchema)
@blp.alt_response(404, schema="Error", description="report_not_found")
def end_report():
    """End my 报到 (the community keeps the record of what I did)."""
    user = current_user()
    reports.end(user)
    return views.my_party(user, reports.memberships.of_user(user.id))
