"""Patrol teams, routes and patrols as the API shows them."""
from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.models import ServiceRecord

STATUS_LABELS = {"open": "巡防中", "ended": "已结束", "auto_closed": "超时自动结束"}
REPORT_PAGE = "/reports/pages/new/new?source=patrol&source_ref={id}"


def route_view(route):
    return {"id": route.id, "patrol_team_id": route.patrol_team_id, "name": route.name,
            "description": route.description, "is_active": route.is_active,
            "checkpoints": [{"id": c.id, "position": c.position, "name": c.name, "latitude": c.latitude,
                             "longitude": c.longitude, "radius_m": c.radius_m} for c in route.checkpoints]}


def team_view(patrol_team, user):
    return {"id": patrol_team.id, "team_id": patrol_team.team_id, "team_name": patrol_team.team.name,
            "community_id": patrol_team.community_id, "community_name": patrol_team.community.name,
            "grid_id": patrol_team.grid_id, "grid_name": patrol_team.grid.name if patrol_team.grid else None,
            "is_member": policy.patrols.is_patroller(user, patrol_team),
            "may_manage": policy.patrols.may_manage_team(user, patrol_team),
            "routes": [route_view(r) for r in sorted(patrol_team.routes, key=lambda r: r.id)]}


def _records(patrols):
    pairs = {(p.service_event_id, p.user_id) for p in patrols if p.service_event_id}
    if not pairs:
        return {}
    rows = db.session.execute(select(ServiceRecord).where(
        ServiceRecord.event_id.in_(sorted(e for e, _ in pairs)))).scalars()
    return {(r.event_id, r.user_id): r for r in rows}


def patrol_views(patrols, now):
    records = _records(patrols)
    answer = []
    for patrol in patrols:
        route = patrol.route
        passed = {p.checkpoint_id: p for p in patrol.passes}
        end = patrol.ended_at or now
        record = records.get((patrol.service_event_id, patrol.user_id))
        answer.append({
            "id": patrol.id, "user_id": patrol.user_id, "patroller_name": patrol.user.name,
            "patrol_team_id": patrol.patrol_team_id, "team_name": patrol.patrol_team.team.name,
            "route_id": route.id, "route_name": route.name, "community_id": patrol.patrol_team.community_id,
            "status": patrol.status, "status_label": STATUS_LABELS[patrol.status],
            "started_at": patrol.started_at, "ended_at": patrol.ended_at,
            "duration_minutes": max(0, int((end - patrol.started_at).total_seconds() // 60)),
            "distance_m": round(patrol.distance_m or 0.0, 1), "track_points": patrol.track_points or 0,
            "checkpoints_total": len(route.checkpoints), "checkpoints_passed": len(passed),
            "checkpoints": [{"checkpoint_id": c.id, "name": c.name, "position": c.position,
                             "passed": c.id in passed,
                             "passed_at": passed[c.id].passed_at if c.id in passed else None,
                             "method": passed[c.id].method if c.id in passed else None}
                            for c in route.checkpoints],
            "service_record_id": record.id if record else None,
            "service_minutes": record.minutes if record else None,
            "service_status": record.status if record else None,
            "report_page": REPORT_PAGE.format(id=patrol.id),
        })
    return answer


def patrol_view(patrol, now):
    return patrol_views([patrol], now)[0]
