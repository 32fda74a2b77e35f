"""How roundtables look to the person asking."""
from app.auth.policy import whistles as roundtable_policy
from app.extensions import db
from app.models import Community, MemberUnit, User


def _named(model, row_id):
    row = db.session.get(model, row_id) if row_id is not None else None
    return {"id": row.id, "name": row.name} if row is not None else None


def present_resolution(resolution):
    return {"id": resolution.id, "text": resolution.text, "owner_unit": _named(MemberUnit, resolution.owner_unit_id),
            "owner_user": _named(User, resolution.owner_user_id), "due_on": resolution.due_on,
            "need_id": resolution.need_id, "project_id": resolution.project_id,
            "created_at": resolution.created_at}


def present(roundtable, user, detail=False):
    community = db.session.get(Community, roundtable.community_id) if roundtable.community_id else None
    shown = {"id": roundtable.id, "title": roundtable.title, "held_at": roundtable.held_at,
             "place": roundtable.place, "status": roundtable.status,
             "community": {"id": community.id, "name": community.name} if community else None,
             "can_manage": roundtable_policy.may_run(user, roundtable)}
    if detail:
        shown["minutes"] = roundtable.minutes
        shown["items"] = roundtable.items
        shown["resolutions"] = [present_resolution(r) for r in roundtable.resolutions]
    return shown
