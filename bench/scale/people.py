"""Who the simulated phones are: real people of the seeded district.

Phones sign in as residents drawn from the data with its own skew: a
Bernoulli sample of check-in rows picks each person in proportion to how
often they came (the few very active volunteers are drawn often, the many
occasional ones rarely), topped up with residents who never checked in.
Organisers' phones are the people who hold organiser grants in the data.

Their login tokens are minted the way bench/checkin does (an auth_sessions
row and the Redis cache entry, as on a morning after they logged in), and
``Borrowed.cleanup`` removes every row the benchmark added: the tokens, the
benchmark's own welfare day and its check-ins, the organiser it made.
"""
import hashlib
import random
import secrets
from datetime import timedelta

import redis
from sqlalchemy import delete, func, select, text

from app.auth.tokens import CACHE_PREFIX
from app.extensions import db
from app.models import AuthSession, CheckIn, Community, Event, RoleGrant, User, utcnow

BENCH_TITLE = "市民公益日（规模压测）"


class Borrowed:
    """Rows the benchmark adds to a database it did not create, to remove after."""

    def __init__(self, app, redis_url):
        self.app, self.redis_url = app, redis_url
        self.token_hashes, self.event_ids, self.user_ids = [], [], []

    def mint(self, user_ids):
        """A login token for each user id (auth_sessions + Redis cache); {token: user_id}."""
        now = utcnow()
        bearers, rows = {}, []
        for user_id in user_ids:
            token = secrets.token_urlsafe(32)
            digest = hashlib.sha256(token.encode()).hexdigest()
            bearers[token] = user_id
            rows.append({"user_id": user_id, "token_hash": digest, "created_at": now,
                         "expires_at": now + timedelta(hours=6)})
        with self.app.app_context():
            for start in range(0, len(rows), 5000):
                db.session.execute(db.insert(AuthSession), rows[start:start + 5000])
            db.session.commit()
        cache = redis.Redis.from_url(self.redis_url)
        pipe = cache.pipeline(transaction=False)
        for token, user_id in bearers.items():
            pipe.set(CACHE_PREFIX + hashlib.sha256(token.encode()).hexdigest(), user_id, ex=6 * 3600)
        pipe.execute()
        self.token_hashes += [row["token_hash"] for row in rows]
        return bearers

    def open_welfare_day(self, organiser_id=None):
        """Today's welfare day, open now, in the biggest community, and an
        organiser of that community (a real one if the data has one).
        Returns (event_id, warm-up event_id, organiser_user_id)."""
        with self.app.app_context():
            community_id = db.session.execute(
                select(User.community_id).where(User.community_id.is_not(None))
                .group_by(User.community_id).order_by(func.count().desc()).limit(1)).scalar()
            if community_id is None:
                community_id = db.session.execute(select(Community.id).order_by(Community.id).limit(1)).scalar()
            if organiser_id is None:
                organiser_id = db.session.execute(
                    select(RoleGrant.user_id).where(RoleGrant.role == "organiser", RoleGrant.scope_kind == "community",
                                                    RoleGrant.scope_id == community_id).limit(1)).scalar()
            if organiser_id is None:
                organiser = User(openid=f"o-scale-bench-{secrets.token_hex(6)}", name="压测组织者")
                db.session.add(organiser)
                db.session.flush()
                db.session.add(RoleGrant(user_id=organiser.id, role="organiser", scope_kind="community",
                                         scope_id=community_id))
                organiser_id = organiser.id
                self.user_ids.append(organiser_id)
            now = utcnow()
            events = [Event(kind="welfare_day", title=title, host_community_id=community_id, status="published",
                            starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=4),
                            latitude=30.3095, longitude=120.3550, radius_m=300)
                      for title in (BENCH_TITLE, BENCH_TITLE + "预热")]
            db.session.add_all(events)
            db.session.commit()
            self.event_ids += [e.id for e in events]
            return events[0].id, events[1].id, organiser_id

    def cleanup(self):
        with self.app.app_context():
            for start in range(0, len(self.token_hashes), 5000):
                db.session.execute(delete(AuthSession).where(
                    AuthSession.token_hash.in_(self.token_hashes[start:start + 5000])))
            if self.event_ids:
                db.session.execute(delete(CheckIn).where(CheckIn.event_id.in_(self.event_ids)))
                db.session.execute(delete(Event).where(Event.id.in_(self.event_ids)))
            if self.user_ids:
                db.session.execute(delete(RoleGrant).where(RoleGrant.user_id.in_(self.user_ids)))
                db.session.execute(delete(AuthSession).where(AuthSession.user_id.in_(self.user_ids)))
                db.session.execute(delete(User).where(User.id.in_(self.user_ids)))
            db.session.commit()
        cache = redis.Redis.from_url(self.redis_url)
        for start in range(0, len(self.token_hashes), 5000):
            cache.delete(*[CACHE_PREFIX + h for h in self.token_hashes[start:start + 5000]])
        self.token_hashes, self.event_ids, self.user_ids = [], [], []


def sample_residents(app, count, seed):
    """``count`` distinct active user ids, drawn in proportion to their check-ins, then residents at random."""
    rng = random.Random(seed)
    with app.app_context():
        rows = db.session.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'checkins'")).scalar() or 0
        chosen = []
        if rows > 0:
            percent = min(100.0, 100.0 * 4 * count / rows)
            drawn = db.session.execute(text(
                f"SELECT c.user_id FROM checkins c TABLESAMPLE BERNOULLI ({percent:.6f}) REPEATABLE ({seed}) "
                "JOIN users u ON u.id = c.user_id WHERE u.is_active")).scalars().all()
            rng.shuffle(drawn)
            chosen = list(dict.fromkeys(drawn))[: count * 3 // 4]
        users = db.session.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'users'")).scalar() or 0
        percent = min(100.0, 100.0 * 3 * count / max(users, 1))
        others = db.session.execute(text(
            f"SELECT id FROM users TABLESAMPLE BERNOULLI ({percent:.6f}) REPEATABLE ({seed}) "
            "WHERE is_active")).scalars().all()
        rng.shuffle(others)
        taken = set(chosen)
        chosen += [uid for uid in others if uid not in taken][: count - len(chosen)]
    return chosen


def staff_users(app, limit=50):
    """People holding organiser grants over a community, and the office's admins."""
    with app.app_context():
        return db.session.execute(
            select(RoleGrant.user_id).join(User, User.id == RoleGrant.user_id)
            .where(User.is_active.is_(True), RoleGrant.role.in_(("organiser", "admin")))
            .distinct().limit(limit)).scalars().all()


def admin_user(app):
    with app.app_context():
        return db.session.execute(
            select(RoleGrant.user_id).join(User, User.id == RoleGrant.user_id)
            .where(User.is_active.is_(True), RoleGrant.role == "admin").limit(1)).scalar()


def recent_event_ids(app, limit=200):
    """Events a phone opens: those around today (a month back, the weeks ahead), else the latest."""
    with app.app_context():
        now = utcnow()
        found = db.session.execute(
            select(Event.id).where(Event.starts_at > now - timedelta(days=30), Event.starts_at < now + timedelta(days=60),
                                   Event.status == "published").order_by(Event.starts_at).limit(limit)).scalars().all()
        if not found:
            found = db.session.execute(select(Event.id).order_by(Event.starts_at.desc()).limit(limit)).scalars().all()
    return found


def openid_of(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id).openid
