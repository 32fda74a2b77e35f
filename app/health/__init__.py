"""/healthz and /readyz for the load balancer."""
import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from app.extensions import db, limiter, redis_store

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)
limiter.exempt(bp)


@bp.get("/healthz")
def healthz():
    """The process answers."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """The database and Redis answer; a 503 takes this process out of rotation."""
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means "not ready"
        log.warning("readiness: database failed: %s", exc)
        checks["database"] = "unavailable"
        db.session.rollback()
    try:
        redis_store.ping()
        checks["redis"] = "ok"
    except Exception as exc:
        log.warning("readiness: redis failed: %s", exc)
        checks["redis"] = "unavailable"
    ready = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
