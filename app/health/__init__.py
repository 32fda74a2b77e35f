"""/healthz and /readyz for the load balancer; /metrics for Prometheus
(app/health/metrics.py)."""
import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from app.extensions import db, limiter, redis_store

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)
limiter.exempt(bp)


def init_app(app):
    metrics.init_app(app)


@bp.get("/healthz")
def healthz():
    """The process answers."""
    return jsonify(status="ok")


def _database():
    db.session.execute(text("SELECT 1"))


def _redis():
    redis_store.ping()


def _storage():
    current_app.extensions["jusha_storage"].check_ready()


DEPENDENCIES = (("database", _database), ("redis", _redis), ("storage", _storage))


def _reason(exc):
    """Short and safe to show whoever reaches /readyz: the store's own reason,
    else the error's kind (a driver's message may carry hosts and user names;
    the log has it whole)."""
    from app.files.storage import StorageUnavailable

    return str(exc) if isinstance(exc, StorageUnavailable) else type(exc).__name__


@bp.get("/readyz")
def readyz():
    """The database, Redis and the object store answer; a 503 takes this
    process out of rotation, and ``failing`` names what is down.

    ``checks`` (database and Redis, "ok" or "unavailable") is the older
    shape, kept for the probes that read it; ``dependencies`` has every
    dependency with a short reason."""
    dependencies = {}
    for name, check in DEPENDENCIES:
        try:
            check()
            dependencies[name] = {"status": "ok"}
        except Exception as exc:  # any error means "not ready"
            log.warning("readiness: %s failed: %s", name, exc)
            dependencies[name] = {"status": "unavailable", "reason": _reason(exc)}
            if name == "database":
                db.session.rollback()
    failing = [name for name, answer in dependencies.items() if answer["status"] != "ok"]
    checks = {name: dependencies[name]["status"] for name in ("database", "redis")}
    return jsonify(status="unavailable" if failing else "ok", checks=checks, dependencies=dependencies,
                   failing=failing), 503 if failing else 200


# Last: it adds /metrics to ``bp`` (so before any app registers it), and imports ``bp`` from here.
from app.health import metrics  # noqa: E402
