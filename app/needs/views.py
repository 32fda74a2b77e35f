"""How needs, duties and steps are shown: in full to those the policy lets
see personal details, without them to everyone else (public needs)."""
from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.models import MemberUnit, User, utcnow
from app.needs import photos, rules
from app.needs.duties import is_overdue



def _unit_names(unit_ids):
    if not unit_ids:
        return {}
    return dict(db.session.execute(select(MemberUnit.id, MemberUnit.name).where(MemberUnit.id.in_(unit_ids))).all())


def duty_view(duty, unit_name=None, now=None, with_need=None):
    now = now or utcnow()
    view = {
        "id": duty.id, "need_id": duty.need_id, "unit": {"id": duty.unit_id, "name": unit_name or duty.unit.name},
        "status": duty.status, "status_label": rules.DUTY_STATUS_LABELS[duty.status],
        "accept_by": duty.accept_by, "due_by": duty.due_by, "accepted_at": duty.accepted_at,
        "decline_reason": duty.decline_reason, "done_at": duty.done_at, "done_note": duty.done_note,
        "evidence": photos.present(duty.evidence_photo_ids), "rating": duty.rating,
        "rating_comment": duty.rating_comment, "rated_at": duty.rated_at, "closed_at": duty.closed_at,
        "overdue": is_overdue(duty, now), "escalation_level": duty.escalation_level,
        "reopen_until": duty.done_at + rules.REOPEN_WINDOW if duty.done_at else None,
    }
    if with_need is not None:
        view["need"] = with_need
    return view


def need_view(need, viewer, now=None):
    """The need as ``viewer`` may see it; ``full`` says whether personal
    details are in it."""
    now = now or utcnow()
    full = policy.needs.may_see_in_full(viewer, need)
    names = _unit_names({d.unit_id for d in need.duties})
    view = {
        "id": need.id, "title": need.title, "description": need.description, "kind": need.kind,
        "service": need.service, "urgency": need.urgency,
        "community": {"id": need.community_id, "name": need.community.name}, "wanted_by": need.wanted_by,
        "source": need.source, "is_public": need.is_public, "status": need.status,
        "status_label": rules.NEED_STATUS_LABELS[need.status], "created_at": need.created_at,
        "closed_at": need.closed_at, "full": full,
        "mine": viewer is not None and need.raised_by_id == viewer.id,
        "can_manage": viewer is not None and policy.needs.may_manage(viewer, need),
        "can_rate": viewer is not None and policy.needs.may_rate(viewer, need),
    }
    if full:
        # Withheld from a public viewer: who asked, how to reach them, the exact
        # place and location (a flat number, a home) and the photos (taken at home).
        raiser = db.session.get(User, need.raised_by_id) if need.raised_by_id else None
        view.update({
            "source_ref": need.source_ref, "place": need.place, "latitude": need.latitude,
            "longitude": need.longitude, "contact_name": need.contact_name, "contact_phone": need.contact_phone,
            "raised_by": {"id": raiser.id, "name": raiser.name} if raiser else None,
            "photos": photos.present(need.photo_ids),
            "duties": [duty_view(d, names.get(d.unit_id), now) for d in need.duties],
        })
    else:
        # Units see which of their own duties the need holds; nothing of other units'.
        mine = policy.unit_ids_spoken_for(viewer) if viewer is not None else frozenset()
        view["duties"] = [duty_view(d, names.get(d.unit_id), now) for d in need.duties if d.unit_id in mine]
    return view


def brief_view(need):
    """A need inside a unit's duty list (the unit sees it in full while its duty is live)."""
    return {"id": need.id, "title": need.title, "kind": need.kind, "service": need.service,
            "urgency": need.urgency, "community": {"id": need.community_id, "name": need.community.name},
            "status": need.status, "wanted_by": need.wanted_by}


def step_view(step, names, units, in_full):
    """A public viewer sees what happened and when, not who, why or the photos."""
    return {
        "id": step.id, "action": step.action, "action_label": rules.ACTION_LABELS.get(step.action, step.action),
        "duty_id": step.duty_id, "unit": units.get(step.duty_id), "from_status": step.from_status,
        "to_status": step.to_status, "note": step.note if in_full else None,
        "actor": ({"id": step.actor_id, "name": names.get(step.actor_id)} if in_full and step.actor_id else None),
        "photos": photos.present(step.photo_ids) if in_full else [], "at": step.at,
    }


def timeline_view(need, steps, viewer):
    in_full = policy.needs.may_see_in_full(viewer, need)
    actor_ids = {s.actor_id for s in steps if s.actor_id}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(actor_ids))).all()) \
        if actor_ids else {}
    unit_names = _unit_names({d.unit_id for d in need.duties})
    units = {d.id: {"id": d.unit_id, "name": unit_names.get(d.unit_id)} for d in need.duties}
    return [step_view(s, names, units, in_full) for s in steps]
