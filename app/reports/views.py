"""How work orders and their steps are shown: the reporter's name only to
those who handle the order; the actions the viewer may take now."""
from app.auth import policy
from app.files import service as files
from app.models import utcnow
from app.reports import rules


def present(ids):
    ids = list(ids or ())
    return files.present_uploads(ids) if ids else []


def _named(row, attr="name"):
    return {"id": row.id, "name": getattr(row, attr) or ""} if row is not None else None


def actions_of(order, viewer, now):
    """What ``viewer`` may do with ``order`` now (the same rules the moves check)."""
    found = []
    if policy.reports.may_act(viewer, order):
        for action in rules.LEVEL_MOVES:
            rule = rules.MOVES[action]
            if order.status in rule.sources and order.level in rule.levels:
                if action in ("whistle", "need") and (order.whistle_id or order.need_id):
                    continue
                found.append(action)
    if policy.reports.may_follow(viewer, order):
        if order.status == "closed" and order.rating is None:
            found.append("rate")
        if order.status in ("closed", "rejected") and rules.in_reopen_window(order.closed_at, now):
            found.append("reopen")
    return found


def is_overdue(order, now):
    return order.lapsed_due_at is not None or (order.status in rules.OPEN and order.due_at < now)


def order_view(order, viewer, now=None):
    now = now or utcnow()
    handler = viewer is not None and order.reporter_id != viewer.id and policy.reports.may_see(viewer, order)
    return {
        "id": order.id, "category": order.category, "category_label": rules.CATEGORIES.get(order.category, ""),
        "description": order.description, "place": order.place, "latitude": order.latitude,
        "longitude": order.longitude, "photos": present(order.photo_ids), "source": order.source,
        "source_label": rules.SOURCE_LABELS.get(order.source, ""), "source_ref": order.source_ref,
        "community": _named(order.community), "grid": _named(order.grid), "level": order.level,
        "level_label": rules.LEVEL_LABELS[order.level], "status": order.status,
        "status_label": rules.STATUS_LABELS[order.status],
        "reporter": _named(order.reporter) if handler else None, "assignee": _named(order.assignee),
        "due_at": order.due_at, "overdue": is_overdue(order, now), "closed_at": order.closed_at,
        "closed_level": order.closed_level, "close_note": order.close_note,
        "evidence": present(order.evidence_photo_ids), "reject_reason": order.reject_reason,
        "reject_label": rules.REJECT_LABELS.get(order.reject_reason) if order.reject_reason else None,
        "duplicate_of_id": order.duplicate_of_id, "rating": order.rating, "rating_comment": order.rating_comment,
        "whistle_id": order.whistle_id, "need_id": order.need_id, "created_at": order.created_at,
        "reopen_until": order.closed_at + rules.REOPEN_WINDOW if order.closed_at else None,
        "mine": viewer is not None and order.reporter_id == viewer.id,
        "actions": actions_of(order, viewer, now),
    }


def step_view(step, names):
    return {
        "id": step.id, "action": step.action, "action_label": rules.ACTION_LABELS.get(step.action, step.action),
        "from_status": step.from_status, "to_status": step.to_status, "from_level": step.from_level,
        "to_level": step.to_level, "note": step.note, "photos": present(step.photo_ids), "at": step.at,
        "actor": {"id": step.actor_id, "name": names.get(step.actor_id) or ""} if step.actor_id else None,
    }
