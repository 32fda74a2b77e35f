"""聚沙 Jusha: the Flask backend of Xiasha's volunteer and party-building mini-program."""
from pathlib import Path

from flask import Flask, send_from_directory
from flask.sessions import SessionInterface

from config import load_settings

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


class NoCookieSessions(SessionInterface):
    """The API authenticates with bearer tokens and never uses Flask's cookie
    session; not opening one saves work on every request (the check-in hot
    path included) and sets no cookie."""

    def open_session(self, app, request):
        return None  # Flask then uses a NullSession, which refuses writes

    def save_session(self, app, session, response):
        return None


def create_app(env=None, **overrides):
    """The app factory. ``env`` replaces os.environ (tests); ``overrides``
    are environment variables layered on top (e.g. DATABASE_URL=...)."""
    from app import jobs, models, redis_breaker  # noqa: F401  (models registers every table)
    from app.errors import register_error_handlers
    from app.extensions import api, db, limiter, migrate, redis_store
    from app.observability import configure_logging, init_request_ids
    from app.schemas import ErrorSchema

    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_settings(env, **overrides))
    _refuse_debug_in_production(app)
    app.json.ensure_ascii = False  # Chinese stays readable in responses and logs
    app.session_interface = NoCookieSessions()
    _trust_proxies(app)
    _configure_rate_limit_storage(app)
    configure_logging(app.config["LOG_LEVEL"])
    _ensure_sqlite_folder(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    redis_store.init_app(app, make_client=lambda url, timeout: redis_breaker.make_redis_client(
        url, timeout, breaker=redis_breaker.for_app(app)))
    limiter.init_app(app)
    api.ERROR_SCHEMA = ErrorSchema
    api.init_app(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    register_error_handlers(app)
    init_request_ids(app)

    _bound_integer_urls(app)
    _init_areas(app)
    jobs.init_app(app)  # after the areas: binds the queued jobs they declared
    _register_areas(app, api)
    _serve_docs_assets(app)
    from app import request_body

    request_body.init_app(app)  # after the areas: it reads which endpoints take a JSON body

    from app.cli import register_cli

    register_cli(app)
    return app


def _init_areas(app):
    """Each area connects its signal receivers (app/signals.py), declares its
    queued and periodic jobs (app/jobs.py) and adds its ``flask jusha`` commands."""
    from app import (
        admin, auth, checkin, consultations, events, files, grids, hall, hours, households, lectures, mediation,
        needs, notices, party, patrols, quiz, reports, residents, scale, screen, units, whistles,
    )

    for area in (
        # volunteer service: login, people, events, check-in, hours, notices, photos
        auth, admin, checkin, events, hours, notices, files,
        # the alliance (需求清单 → 履职清单) and the 数据大屏
        units, needs, whistles, screen,
        # the front door: resident codes and cards, 家属代签
        residents,
        # party learning: 聚沙讲堂, the online and the offline contest, party members
        lectures, quiz, hall, party,
        # grid governance: grids, patrols, 随手拍 work orders, 党员联户, 钱塘阿姨, 议事
        grids, patrols, reports, households, mediation, consultations,
        # operators: district-scale data and the plans of the hot queries (issue 16)
        scale,
    ):
        area.init_app(app)


def _refuse_debug_in_production(app):
    """Flask reads FLASK_DEBUG from the process environment itself; whatever
    switched debug on, production does not start with it (as it refuses the
    development secret)."""
    from config import ConfigError

    if app.config["APP_ENV"] == "production" and (app.debug or app.config.get("DEBUG")):
        raise ConfigError("refusing to start in production: debug mode is on (FLASK_DEBUG)")


def _register_areas(app, api):
    from app.admin.routes import blp as admin_blp
    from app.auth import console_demo
    from app.auth.console_routes import blp as console_auth_blp
    from app.auth.routes import blp as auth_blp
    from app.checkin.attendance_routes import blp as attendance_blp
    from app.checkin.projector_routes import bp as projector_bp
    from app.checkin.resident_routes import blp as resident_checkin_blp
    from app.checkin.routes import blp as checkin_blp
    from app.console import bp as console_bp
    from app.consultations.routes import blp as consultations_blp
    from app.events.routes import blp as events_blp
    from app.files.routes import blp as files_blp
    from app.grids.routes import blp as grids_blp
    from app.hall.projector_routes import bp as hall_projector_bp
    from app.hall.routes import blp as hall_blp
    from app.health import bp as health_bp
    from app.hours.certificate_routes import blp as certificates_blp
    from app.hours.review_routes import blp as hours_review_blp
    from app.hours.routes import blp as hours_blp
    from app.hours.verify_routes import bp as verify_bp
    from app.households.routes import blp as households_blp
    from app.lectures.routes import blp as lectures_blp
    from app.mediation.routes import blp as mediation_blp
    from app.needs.routes import blp as needs_blp
    from app.notices.routes import blp as notices_blp
    from app.party.routes import blp as party_blp
    from app.patrols.routes import blp as patrols_blp
    from app.quiz.routes import blp as quiz_blp
    from app.reports.routes import blp as reports_blp
    from app.residents.routes import blp as residents_blp
    from app.screen.routes import blp as screen_blp
    from app.subscriptions.routes import blp as subscriptions_blp
    from app.teams.routes import blp as teams_blp
    from app.units.routes import blp as units_blp
    from app.users.routes import blp as users_blp
    from app.volunteers.routes import blp as volunteers_blp
    from app.wechat.push_routes import blp as wechat_push_blp
    from app.whistles.routes import blp as whistles_blp

    # Pages outside the API (health, the certificate check, the projectors, the console).
    for blueprint in (health_bp, verify_bp, projector_bp, hall_projector_bp, console_bp):
        app.register_blueprint(blueprint)
    for blueprint in (
        auth_blp, console_auth_blp, users_blp, admin_blp, events_blp, checkin_blp, attendance_blp, teams_blp,
        volunteers_blp, hours_blp, hours_review_blp, certificates_blp, subscriptions_blp, notices_blp, files_blp,
        wechat_push_blp, units_blp, needs_blp, whistles_blp, screen_blp,
        resident_checkin_blp, residents_blp,
        lectures_blp, quiz_blp, hall_blp, party_blp,
        grids_blp, patrols_blp, reports_blp, households_blp, mediation_blp, consultations_blp,
    ):
        api.register_blueprint(blueprint)
    console_demo.init_app(app)  # development servers only


def _bound_integer_urls(app):
    """``<int:id>`` in every route stops at PostgreSQL's integer range, so a
    huge id in a URL is a 404 rather than a database error."""
    from werkzeug.routing import IntegerConverter

    class DatabaseIntegerConverter(IntegerConverter):
        def __init__(self, map, *args, **kwargs):
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(map, *args, **kwargs)

    app.url_map.converters["int"] = DatabaseIntegerConverter


def _trust_proxies(app):
    """Behind nginx every request comes from nginx's address; without this the
    per-address limits (login's 10 a minute) would be shared by the whole
    city. gunicorn's --forwarded-allow-ips only trusts the scheme headers, not
    X-Forwarded-For. Only the last PROXY_HOPS entries are believed, so a
    client cannot pick its own address by sending the header itself."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _configure_rate_limit_storage(app):
    url = app.config["REDIS_URL"]
    timeout = app.config["REDIS_SOCKET_TIMEOUT"]
    app.config.setdefault("RATELIMIT_STORAGE_URI", url or "memory://")
    if url:
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # The same breaker as the app's own client: one Redis timeout opens it for both.
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {
            "socket_timeout": timeout, "socket_connect_timeout": timeout, "retry": Retry(NoBackoff(), 0),
            "connection_class": redis_breaker.connection_class(redis_breaker.for_app(app), url),
        })
    # A Redis outage must not turn every request into an error: limits lapse instead.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "jusha-rl")


def _ensure_sqlite_folder(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
        Path(uri[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)


def _serve_docs_assets(app):
    import swagger_ui_bundle

    @app.get("/api/v1/docs/assets/<path:filename>")
    def docs_assets(filename):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)
