"""Opaque, revocable login tokens.

The database holds the record (so a Redis outage logs nobody out); Redis
caches ``token hash -> user id`` with a TTL so the hot path is one GET.
Only the SHA-256 of a token is stored anywhere.
"""
import hashlib
import logging
import secrets
from datetime import timedelta

import redis

from app.extensions import db, redis_store
from app.models import AuthSession, utcnow
from app.redis_breaker import RedisUnavailable, always_try

log = logging.getLogger(__name__)

CACHE_PREFIX = "auth:tok:"
MAX_CACHE_SECONDS = 3600


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _cache_set(token_hash, user_id, seconds):
    try:
        redis_store.set(CACHE_PREFIX + token_hash, str(user_id), ex=max(1, min(seconds, MAX_CACHE_SECONDS)))
    except RedisUnavailable:
        pass  # not tried: the breaker logged the outage once when it opened
    except redis.RedisError:
        log.warning("redis unavailable: login token not cached")


def issue(user, ttl_seconds, kind="miniprogram"):
    """A new token for ``user``; ``kind`` names the client ("miniprogram" or
    "console"), which changes nothing about how the token resolves."""
    token = secrets.token_urlsafe(32)
    token_hash = _hash(token)
    db.session.add(AuthSession(user_id=user.id, token_hash=token_hash, kind=kind,
                               expires_at=utcnow() + timedelta(seconds=ttl_seconds)))
    db.session.commit()
    _cache_set(token_hash, user.id, ttl_seconds)
    return token


def resolve(token):
    """The user id a token belongs to, or None when unknown, expired or revoked."""
    if not token or len(token) > 128:
        return None
    token_hash = _hash(token)
    try:
        cached = redis_store.get(CACHE_PREFIX + token_hash)
    except redis.RedisError:
        cached = None
    if cached:
        return int(cached)
    session = db.session.execute(
        db.select(AuthSession).filter_by(token_hash=token_hash)
    ).scalar_one_or_none()
    now = utcnow()
    if session is None or session.revoked_at is not None or session.expires_at <= now:
        return None
    _cache_set(token_hash, session.user_id, int((session.expires_at - now).total_seconds()))
    return session.user_id


def revoke(token):
    token_hash = _hash(token)
    db.session.execute(
        db.update(AuthSession)
        .where(AuthSession.token_hash == token_hash, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.commit()
    try:
        with always_try():  # not skipped on the breaker's guess: a revoked token must leave the cache
            redis_store.delete(CACHE_PREFIX + token_hash)
    except redis.RedisError:
        # The cache entry dies with its TTL (at most MAX_CACHE_SECONDS).
        log.warning("redis unavailable: revoked token stays cached until its TTL")


def revoke_all(user_id):
    """Log a user out everywhere (account closed, role taken away)."""
    hashes = db.session.execute(
        db.select(AuthSession.token_hash).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    ).scalars().all()
    db.session.execute(
        db.update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.commit()
    if hashes:
        try:
            with always_try():
                redis_store.delete(*[CACHE_PREFIX + h for h in hashes])
        except redis.RedisError:
            log.warning("redis unavailable: revoked tokens stay cached until their TTL")
