"""The party area's answers, as the schemas in app/party/schemas.py shape them."""
from app.auth import policy
from app.party import activity, branches, reports
from app.party.schemas import KIND_LABELS, REPORT_LABELS, STATUS_LABELS


def named(row, attribute="name"):
    return None if row is None else {"id": row.id, "name": getattr(row, attribute)}


def branch_view(branch, user, counts=None):
    reviews = policy.party.may_review_branch(user, branch.id)
    shown = {"id": branch.id, "name": branch.name, "kind": branch.kind, "kind_label": KIND_LABELS[branch.kind],
             "community": named(branch.community), "member_unit": named(branch.member_unit), "can_review": reviews,
             "member_count": None, "pending_count": None}
    if reviews:
        mine = (counts if counts is not None else branches.counts([branch.id])).get(branch.id, {})
        shown.update(member_count=mine.get("confirmed", 0), pending_count=mine.get("pending", 0))
    return shown


def membership_view(membership):
    return {
        "id": membership.id, "user": named(membership.user), "branch": named(membership.branch),
        "joined_on": membership.joined_on, "in_service": membership.in_service,
        "work_unit": named(membership.work_unit), "status": membership.status,
        "status_label": STATUS_LABELS[membership.status], "review_reason": membership.review_reason,
        "reviewed_at": membership.reviewed_at, "declared_at": membership.created_at,
        "updated_at": membership.updated_at,
    }


def report_view(report):
    return {"id": report.id, "community": named(report.community), "status": report.status,
            "status_label": REPORT_LABELS[report.status], "posts": [named(p) for p in report.posts],
            "note": report.note, "reported_at": report.reported_at, "ended_at": report.ended_at}


def post_view(post, taken):
    return {"id": post.id, "community_id": post.community_id, "name": post.name, "description": post.description,
            "capacity": post.capacity, "taken": taken.get(post.id, 0), "active": post.active}


def community_report_views(rows, community_id, year, memberships):
    """Each report with who, which branch and unit, and what they did for the
    community in the year; counted in a few queries for the whole page."""
    user_ids = [r.user_id for r in rows]
    events = activity.events_attended(user_ids, community_id, year)
    minutes = activity.minutes_in_year(user_ids, year, community_id)
    units = {m.user_id: m for m in memberships}
    duties = activity.unit_duties(sorted({m.work_unit_id for m in memberships if m.work_unit_id}), community_id, year)
    shown = []
    for row in rows:
        membership = units.get(row.user_id)
        unit_id = membership.work_unit_id if membership else None
        shown.append(dict(report_view(row), member=named(row.user),
                          branch=named(membership.branch) if membership else None,
                          work_unit=named(membership.work_unit) if membership else None,
                          activity={"events_attended": events.get(row.user_id, 0),
                                    "hours": activity.hours(minutes.get(row.user_id, 0)),
                                    "duties": duties.get(unit_id, []) if unit_id else []}))
    return shown


def my_party(user, membership):
    report = reports.active_report(user.id)
    return {"membership": membership_view(membership) if membership else None,
            "report": report_view(report) if report else None,
            "can_report": reports.may_report(user, membership)}
