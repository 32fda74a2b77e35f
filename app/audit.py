"""Leave an audit row for an admin or organiser action (who, what, when)."""
from flask import g, has_request_context

from app.extensions import db
from app.models import AuditLog


def record(action, actor=None, target=None, detail=None, actor_label=None):
    """Add an audit row to the current transaction; the caller commits with
    the change it describes, so there is never a change without its row."""
    target_type = target_id = None
    if target is not None:
        target_type = getattr(target, "__tablename__", type(target).__name__)
        target_id = str(getattr(target, "id", target))
    row = AuditLog(
        actor_id=getattr(actor, "id", None),
        actor_label=actor_label,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail or {},
        request_id=g.get("request_id") if has_request_context() else None,
    )
    db.session.add(row)
    return row
