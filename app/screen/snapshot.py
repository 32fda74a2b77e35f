"""The whole screen in one JSON document, cached for a few seconds in Redis
so any number of displays (and app processes) cost one computation."""
import json
import logging

import redis
from flask import current_app

from app.extensions import db, redis_store
from app.localtime import iso
from app.screen import figures, panels

log = logging.getLogger(__name__)

CACHE_KEY = "jusha:screen:snapshot"


def compute(now=None):
    at = panels.period(now)
    communities, totals = figures.communities(at)
    return {
        "generated_at": iso(at.now),
        "date": at.date.isoformat(),
        "communities": communities,
        "checkins": totals,
        "events_today": figures.events_today(at),
        "hours": figures.hours_this_year(at),
        "top_squads": figures.top_squads(at),
        "figures": panels.figures(current_app._get_current_object(), at),
    }


def current():
    """The cached snapshot, or a fresh one (cached for SCREEN_CACHE_SECONDS)."""
    seconds = current_app.config["SCREEN_CACHE_SECONDS"]
    if seconds:
        try:
            cached = redis_store.get(CACHE_KEY)
            if cached:
                return json.loads(cached)
        except redis.RedisError:
            seconds = 0  # Redis is down: compute, and do not try to store
    fresh = compute()
    db.session.rollback()  # end the read transaction: a stream must not hold a connection
    if seconds:
        try:
            redis_store.set(CACHE_KEY, json.dumps(fresh, ensure_ascii=False), ex=seconds)
        except redis.RedisError:
            log.warning("could not cache the screen snapshot")
    return fresh
