"""How whistles look to the person asking."""
from app.auth.policy import unit_ids_spoken_for
from app.auth.policy import whistles as whistle_policy
from app.extensions import db
from app.models import Need
from app.whistles import links


def minutes_between(start, end):
    return max(0, int((end - start).total_seconds() // 60))


def present_report(report, whistle):
    return {"id": report.id, "unit": report.unit, "people_count": report.people_count, "brings": report.brings,
            "arrive_at": report.arrive_at, "reported_at": report.reported_at,
            "response_minutes": minutes_between(whistle.created_at, report.reported_at)}


def present_whistle(whistle, user, detail=False):
    mine = unit_ids_spoken_for(user)
    can_manage = whistle_policy.may_manage(user, whistle)
    shown = {
        "id": whistle.id, "community": whistle.community, "title": whistle.title,
        "description": whistle.description, "place": whistle.place, "latitude": whistle.latitude,
        "longitude": whistle.longitude, "needed_by": whistle.needed_by, "to_all_units": whistle.to_all_units,
        "status": whistle.status, "event_id": whistle.event_id, "photo_ids": whistle.photo_ids or [],
        "created_at": whistle.created_at, "closed_at": whistle.closed_at, "summary": whistle.summary,
        "unit_count": len(whistle.units), "reported_count": len(whistle.reports), "can_manage": can_manage,
        "my_unit_ids": [u.id for u in whistle.units if u.id in mine],
    }
    if detail:
        shown["units"] = whistle.units
        shown["reports"] = [present_report(r, whistle) for r in whistle.reports]
        shown["needs"] = db.session.execute(
            db.select(Need).where(Need.source == "whistle", Need.source_ref.startswith(links.whistle_needs_prefix(whistle.id), autoescape=True))
            .order_by(Need.id)).scalars().all()
    return shown
