"""Every Flask extension, created once here and bound in ``create_app``.

Nothing of the app is imported here (every module may import this one):
what an extension needs from an area, the area hands over in its ``init_app``."""
import fakeredis
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from flask import current_app, request
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations are identical on SQLite and
# PostgreSQL and a later migration can drop a constraint by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


def _plain_client(url, timeout):
    return redis.Redis.from_url(url, decode_responses=True, socket_timeout=timeout, socket_connect_timeout=timeout,
                                retry=Retry(NoBackoff(), 0))


class RedisHolder:
    """The app's Redis client: a real server when REDIS_URL is set, else an
    in-process fakeredis so the demo runs with Python alone. Attribute access
    goes to the client of the current app."""

    def init_app(self, app, make_client=None):
        """``make_client(url, timeout)`` builds the real server's client
        (create_app hands over the one behind the circuit breaker)."""
        url = app.config.get("REDIS_URL")
        timeout = app.config["REDIS_SOCKET_TIMEOUT"]
        if url:
            client = (make_client or _plain_client)(url, timeout)
        else:
            client = fakeredis.FakeRedis(decode_responses=True)
        app.extensions["jusha_redis"] = client

    @property
    def client(self):
        return current_app.extensions["jusha_redis"]

    @property
    def embedded(self):
        return not current_app.config.get("REDIS_URL")

    def __getattr__(self, name):
        return getattr(self.client, name)


redis_store = RedisHolder()


def client_address():
    """The caller's address: the socket's peer, or the address the trusted
    proxies in front (PROXY_HOPS, see create_app) say they received it from."""
    return "ip:" + (request.remote_addr or "unknown")


def rate_limit_key():
    """Limit per signed-in user, else per address.

    Keyed by the user a token resolves to, never by the header's text: any
    caller can send a fresh made-up ``Bearer`` with every request, and a key
    made from it would give each request a limit of its own (and let junk
    tokens reach the database unthrottled). The resolved id is kept in ``g``,
    so the view does not resolve the token again. Who is signed in is the auth
    area's to say: its ``init_app`` sets ``signed_in_user_id`` (the id, or None)."""
    user_id = current_app.extensions["jusha_signed_in_user_id"]()
    return f"u:{user_id}" if user_id is not None else client_address()


limiter = Limiter(key_func=rate_limit_key)


# Its HTTP-error handler gives way to app.errors' (registered after api.init_app
# in create_app), which answers in the project's JSON shape.
api = Api()
