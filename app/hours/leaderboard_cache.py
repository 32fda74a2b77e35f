"""The hours leaderboard, cached in Redis for a short while, per scope.

Every organiser of a community (and every office admin) asks the same ranking
all morning; it is the same answer for everyone whose grants add up to the
same scope, so it is computed once per LEADERBOARD_CACHE_SECONDS and shared
by every process. All cached boards live in one Redis hash that expires that
long after its first board was stored, so no board is older than that; an
approval of hours (``signals.hours_approved``) deletes the hash at once, so
the board an organiser reads after approving already counts those hours.
Corrections are rarer and wait out the TTL, as does a board computed while
an approval commits and stored just after it. Redis down: computed every time.
"""
import json
import logging

import redis
from flask import current_app

from app.auth.policy.scope import EVERYTHING, scope_of
from app.extensions import redis_store
from app.hours import reports

log = logging.getLogger(__name__)
CACHE_KEY = "hours:leaderboards"


def scope_key(actor):
    """The same text for everyone whose grants cover the same communities and units."""
    scope = scope_of(actor)
    if scope is EVERYTHING:
        return "all"
    return "c{}:u{}".format(",".join(map(str, sorted(scope.community_ids))),
                            ",".join(map(str, sorted(scope.member_unit_ids))))


def leaderboard(actor, by, year=None, limit=20):
    """reports.leaderboard, from the cache when it is fresh there."""
    seconds = current_app.config["LEADERBOARD_CACHE_SECONDS"]
    if not seconds:
        return reports.leaderboard(actor, by, year, limit)
    field = f"{scope_key(actor)}|{by}|{year or 'all'}|{limit}"
    try:
        cached = redis_store.hget(CACHE_KEY, field)
        if cached:
            return json.loads(cached)
    except redis.RedisError:
        return reports.leaderboard(actor, by, year, limit)
    board = reports.leaderboard(actor, by, year, limit)
    try:
        pipe = redis_store.pipeline(transaction=False)
        pipe.hset(CACHE_KEY, field, json.dumps(board, ensure_ascii=False))
        pipe.expire(CACHE_KEY, seconds, nx=True)  # the hash's first board sets when all go
        pipe.execute()
    except redis.RedisError:
        log.warning("could not cache the hours leaderboard")
    return board


def forget_on_approval(sender, **kwargs):
    """``hours_approved`` receiver: every cached board is out of date now."""
    if not current_app.config["LEADERBOARD_CACHE_SECONDS"]:
        return
    try:
        redis_store.delete(CACHE_KEY)
    except redis.RedisError:
        log.warning("could not drop the cached hours leaderboards")
