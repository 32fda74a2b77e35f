"""Settings, read from the environment (12-factor).

Every setting has a documented default that is safe for development and
testing. Production (``APP_ENV=production``) refuses to start when a secret is
missing or still has its development value.

| variable | default | meaning |
| --- | --- | --- |
| APP_ENV | development | development, testing or production |
| DATABASE_URL | sqlite:///instance/jusha.db | SQLAlchemy URL; ``postgresql://`` uses psycopg 3 |
| REDIS_URL | (empty) | empty: an in-process Redis (fakeredis); else a real server |
| REDIS_SOCKET_TIMEOUT | 0.5 | seconds; a hung Redis must not stall the workers |
| REDIS_BREAKER_RESET_SECONDS | 5 | after a Redis timeout or refused connection, seconds a process answers without trying Redis (then one request tries again) |
| SECRET_KEY | dev value | signs tokens and cookies |
| WECHAT_APPID / WECHAT_SECRET | dev values | the mini-program's credentials |
| WECHAT_API_BASE | emulator (dev, tests); WeChat (production) | where wechatpy sends its calls |
| WECHAT_TIMEOUT | 5 | seconds for one call to WeChat |
| AUTH_TOKEN_TTL | 604800 | seconds a login token lives (7 days) |
| CHECKIN_TOKEN_WINDOW | 30 | seconds one on-screen check-in QR token lives (its window) |
| CHECKIN_TOKEN_GRACE | 5 | seconds around a window's edge in which the neighbouring window's token is still taken (a scan made as the code rotates) |
| RESIDENT_CODE_WINDOW | 60 | seconds one rotating 居民码 on a resident's phone lives; the one before it is still taken for CHECKIN_TOKEN_GRACE seconds |
| CHECKIN_BATCH_MAX | 100 | scans one offline batch (POST /events/{id}/checkins/batch) may carry |
| OFFLINE_SCAN_MAX_AGE_HOURS | 72 | an offline scan uploaded later than this after it was made is refused (a phone's clock gone wrong, a lost queue found weeks later) |
| CHECKIN_EVENT_CACHE_SECONDS | 5 | seconds a process keeps an event's check-in fields in memory (edits apply within this) |
| CHECKIN_SCAN_LIMIT | 60 | scans one person may send a minute (a stuck button, a script); more get 429 |
| PROJECTOR_LINK_TTL | 21600 | seconds an organiser's projector link works (6 hours) |
| SCREEN_STREAM_SECONDS | 300 (testing: 1) | seconds one 数据大屏 event stream lasts before the server ends it (the browser reconnects at once); bounds how long a stream holds a gunicorn thread |
| SCREEN_HEARTBEAT_SECONDS | 15 | seconds between the stream's heartbeat comments (keeps proxies from closing it, finds a vanished client) |
| SCREEN_SNAPSHOT_SECONDS | 60 | seconds between full snapshots on a stream (corrects drift, rolls over at midnight, notices a revoked key) |
| SCREEN_CACHE_SECONDS | 5 | seconds a computed 大屏 snapshot is cached in Redis, shared by every display and process |
| LEADERBOARD_CACHE_SECONDS | 30 (testing: 0) | seconds an hours leaderboard is cached in Redis, shared by every organiser of the same scope (an approval drops them all at once); 0 turns the cache off |
| POSTER_CACHE_SECONDS | 2592000 | seconds a poster's mini-program code PNG stays cached in Redis (30 days) |
| RATELIMIT_LOGIN | 10 per minute;100 per hour | per client address |
| PROXY_HOPS | 0 | proxies in front of the app (1 behind nginx) whose X-Forwarded-For / -Proto are trusted; 0 trusts none |
| RATELIMIT_DEFAULT | 300 per minute | per user or address on every API call |
| LOG_LEVEL | INFO | |
| MAX_CONTENT_LENGTH | 1048576 | bytes a request body may have (1 MiB); larger ones get 413 payload_too_large |
| JSON_MAX_DEPTH | 32 | how deep a JSON body may nest lists and objects; deeper gets 400 json_too_deep |
| FLASK_DEBUG | (off) | Flask's debug mode (the interactive debugger runs code): refused in production |
| WELFARE_PLAN_MONTHS | 3 | months of welfare days the scheduler keeps planned ahead |
| DATA_ENCRYPTION_KEY | (derived from SECRET_KEY) | Fernet key (urlsafe base64, 32 bytes) for ID-card numbers at rest; set it in production so rotating SECRET_KEY cannot make stored numbers unreadable |
| CONSOLE_DIST | console/dist | the desk console's built files (`npm run build` in console/), served at /console/ |
| CONSOLE_LOGIN_NONCE_TTL | 120 | seconds a console sign-in code (its mini-program code) may be scanned and confirmed |
| CONSOLE_SESSION_TTL | 28800 | seconds a console session lives (8 hours) |
| CONSOLE_DEMO_SIGNIN | on in development | the sign-in page's "scan as a demo person" (through the emulator); refused in production |
| PUBLIC_BASE_URL | http://127.0.0.1:5000 | where the public pages live; a certificate's QR code opens PUBLIC_BASE_URL/verify/<serial> |
| CERTIFICATE_ISSUER | 杭州市钱塘区下沙街道志愿服务总队 | the issuing organisation printed on 志愿服务证明 |
| CERTIFICATE_ISSUER_HANDLER | 志愿服务总队办公室 (development, testing); empty (production) | 经办人 printed on 志愿服务证明; empty: the organiser who issued it, else a line to sign by hand |
| CERTIFICATE_ISSUER_CONTACT | 0571-12345678 (development, testing); empty (production) | 联系电话 printed on 志愿服务证明; empty: a line to write it by hand |
| SUBSCRIBE_TEMPLATES | config/subscribe_templates.json | the subscribe-message templates (shared with the emulator) |
| REPORT_DEADLINES | config/report_deadlines.json | hours each level (grid, community, office) has for a 随手拍 work order, per category |
| MINIPROGRAM_PAGES | the mini-program's pages | comma-separated pages a notice may open |
| WECHAT_MINIPROGRAM_STATE | formal | developer, trial or formal: which build a notice opens |
| NOTICE_SEND_RATE | 300 | subscribe messages per second, across every worker together |
| NOTICE_BATCH_SIZE | 20 | recipients per first-try job (retries go one by one) |
| NOTICE_MAX_ATTEMPTS | 8 | tries per recipient on -1/45009/token errors before it counts as failed |
| NOTICE_RETRY_BASE_MS / NOTICE_RETRY_MAX_MS | 1000 / 60000 | backoff between tries (doubling, with jitter) |
| NOTICE_SENDING_LEASE | 2 x WECHAT_TIMEOUT + 5 | seconds a worker may hold a recipient in 'sending' before it counts as crashed |
| NOTICE_STALE_AFTER | 120 | seconds after which the sweeper re-queues work the queue seems to have lost |
| NOTICE_REMINDER_LEAD_HOURS | 24 | event reminders go out when the event starts within this many hours |
| HOUSEHOLD_CONTACT_DAYS | 30 | 党员联户: a household not contacted for this many days is overdue (reminder, coverage) |
| NOTICE_INPROCESS_WORKER | on when REDIS_URL is empty (not in tests) | run queued jobs, and the periodic jobs marked embedded (app/jobs.py), on threads inside the web process |
| NOTICE_INPROCESS_THREADS | 2 | threads of that in-process worker |
| STORAGE_URL | instance/uploads | where uploaded files live: a folder (``file:///abs/path`` or a path) in embedded mode, ``s3://bucket[/prefix]`` for an S3-compatible object store |
| STORAGE_S3_ENDPOINT | (AWS) | the object store's endpoint URL (e.g. ``https://oss-cn-hangzhou.aliyuncs.com``, a MinIO or SeaweedFS) |
| STORAGE_S3_ACCESS_KEY / STORAGE_S3_SECRET_KEY | (boto3's own lookup) | the object store's credentials; never in the repo |
| STORAGE_S3_REGION | us-east-1 | the region signatures are made for |
| BACKUP_S3_ENDPOINT / BACKUP_S3_ACCESS_KEY / BACKUP_S3_SECRET_KEY / BACKUP_S3_REGION | the STORAGE_S3_* values | the object store that ``flask jusha backup --to s3://...`` writes to and ``restore --from s3://...`` reads from (docs/backups.md); set them to keep backups in another account than the photos |
| UPLOAD_MAX_BYTES | 8388608 | bytes one uploaded image may have (8 MiB); larger gets 413 upload_too_large |
| UPLOAD_MAX_DIMENSION | 2048 | pixels: re-encoded images are scaled down to fit this square |
| UPLOAD_JPEG_QUALITY | 85 | JPEG quality of re-encoded images |
| FILE_URL_TTL | 600 | seconds a signed file URL handed to a client works (10 minutes) |
| EXPORT_INLINE_MAX_ROWS | 20000 | an export of more rows than this is not made during the request: GET answers 409 export_too_large and POST starts a background export job |
| EXPORT_FILE_TTL | 86400 | seconds an export job's file is kept for download (a day); then it is deleted |
| EXPORT_JOB_LEASE | 120 | seconds without a progress heartbeat after which a running export job counts as abandoned (its worker died) and another worker takes it over |
| MEDIA_CHECK_URL_TTL | 86400 | seconds the signed URL handed to WeChat's media check works (it may fetch late) |
| WECHAT_PUSH_TOKEN | dev value | the token of WeChat's message push (消息推送), which signs each push; production must set it |
| QUEUE_NAMESPACE | jusha-dq | prefix of the job queue's Redis keys |
| QUEUE_HEARTBEAT_TIMEOUT_MS | max(15000, 3 x WECHAT_TIMEOUT) | a worker silent this long is dead: its unacknowledged jobs go back to the queue |
| QUEUE_MAINTENANCE_CHANCE | 10000 | per million queue commands that also requeue dead workers' jobs |
| METRICS_ALLOW_NETWORKS | 127.0.0.1/32,::1/128 | comma-separated networks whose direct connections (no proxy in between) may read /metrics |
| METRICS_TOKEN | (empty: off) | a bearer token that may read /metrics from anywhere (``Authorization: Bearer ...``) |
"""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "jusha-development-key-do-not-use-in-production"
DEV_WECHAT_APPID = "wx0123456789abcdef"
DEV_WECHAT_SECRET = "jusha0dev0secret0000000000000000"
DEV_WECHAT_PUSH_TOKEN = "jushadevpushtoken"

ENVIRONMENTS = ("development", "testing", "production")
WECHAT_PRODUCTION_BASE = "https://api.weixin.qq.com"


class ConfigError(RuntimeError):
    """Raised when the environment cannot yield a safe configuration."""


def _int(env, name, default):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _flag(env, name, default):
    raw = (env.get(name) or "").strip().lower()
    if raw == "":
        return default
    return raw not in ("0", "false", "no", "off")


def _float(env, name, default):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def database_uri(url):
    """Normalise a DATABASE_URL so PostgreSQL goes through psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def load_settings(env=None, **overrides):
    """Build the Flask config mapping from ``env`` (default: os.environ)."""
    env = dict(os.environ if env is None else env)
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    app_env = env.get("APP_ENV", "development")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {ENVIRONMENTS}, got {app_env!r}")

    default_db = "sqlite:///" + str(REPO_ROOT / "instance" / "jusha.db")
    database_url = env.get("DATABASE_URL") or default_db
    settings = {
        "APP_ENV": app_env,
        "TESTING": app_env == "testing",
        "SECRET_KEY": env.get("SECRET_KEY") or DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_uri(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url, env),
        "REDIS_URL": env.get("REDIS_URL", ""),
        "REDIS_SOCKET_TIMEOUT": _float(env, "REDIS_SOCKET_TIMEOUT", 0.5),
        "REDIS_BREAKER_RESET_SECONDS": max(0.0, _float(env, "REDIS_BREAKER_RESET_SECONDS", 5.0)),
        "WECHAT_APPID": env.get("WECHAT_APPID") or DEV_WECHAT_APPID,
        "WECHAT_SECRET": env.get("WECHAT_SECRET") or DEV_WECHAT_SECRET,
        "WECHAT_API_BASE": (env.get("WECHAT_API_BASE") or _default_wechat_base(app_env)).rstrip("/"),
        "WECHAT_TIMEOUT": _float(env, "WECHAT_TIMEOUT", 5.0),
        "AUTH_TOKEN_TTL": _int(env, "AUTH_TOKEN_TTL", 7 * 24 * 3600),
        "RATELIMIT_LOGIN": env.get("RATELIMIT_LOGIN") or "10 per minute;100 per hour",
        "RATELIMIT_DEFAULT": env.get("RATELIMIT_DEFAULT") or "300 per minute",
        "RATELIMIT_ENABLED": env.get("RATELIMIT_ENABLED", "1") not in ("0", "false", "no"),
        "PROXY_HOPS": max(0, _int(env, "PROXY_HOPS", 0)),
        "LOG_LEVEL": env.get("LOG_LEVEL") or "INFO",
        "WELFARE_PLAN_MONTHS": _int(env, "WELFARE_PLAN_MONTHS", 3),
        "DATA_ENCRYPTION_KEY": _fernet_key(env),
        "CONSOLE_DIST": env.get("CONSOLE_DIST") or str(REPO_ROOT / "console" / "dist"),
        "CONSOLE_LOGIN_NONCE_TTL": max(10, _int(env, "CONSOLE_LOGIN_NONCE_TTL", 120)),
        "CONSOLE_SESSION_TTL": max(60, _int(env, "CONSOLE_SESSION_TTL", 8 * 3600)),
        "CONSOLE_DEMO_SIGNIN": _flag(env, "CONSOLE_DEMO_SIGNIN", app_env == "development"),
        "PUBLIC_BASE_URL": (env.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        "CERTIFICATE_ISSUER": env.get("CERTIFICATE_ISSUER") or "杭州市钱塘区下沙街道志愿服务总队",
        # Demo values outside production, so the demo certificate is complete; production prints
        # only what the operator sets (an invented telephone number must never reach a resident).
        "CERTIFICATE_ISSUER_HANDLER": env.get("CERTIFICATE_ISSUER_HANDLER", "" if app_env == "production" else "志愿服务总队办公室"),
        "CERTIFICATE_ISSUER_CONTACT": env.get("CERTIFICATE_ISSUER_CONTACT", "" if app_env == "production" else "0571-12345678"),
        "CHECKIN_TOKEN_WINDOW": _int(env, "CHECKIN_TOKEN_WINDOW", 30),
        "CHECKIN_TOKEN_GRACE": _int(env, "CHECKIN_TOKEN_GRACE", 5),
        "RESIDENT_CODE_WINDOW": _int(env, "RESIDENT_CODE_WINDOW", 60),
        "CHECKIN_BATCH_MAX": _int(env, "CHECKIN_BATCH_MAX", 100),
        "OFFLINE_SCAN_MAX_AGE_HOURS": _int(env, "OFFLINE_SCAN_MAX_AGE_HOURS", 72),
        "CHECKIN_EVENT_CACHE_SECONDS": _float(env, "CHECKIN_EVENT_CACHE_SECONDS", 5.0),
        "CHECKIN_SCAN_LIMIT": _int(env, "CHECKIN_SCAN_LIMIT", 60),
        "PROJECTOR_LINK_TTL": _int(env, "PROJECTOR_LINK_TTL", 6 * 3600),
        "SCREEN_STREAM_SECONDS": max(0.0, _float(env, "SCREEN_STREAM_SECONDS", 1.0 if app_env == "testing" else 300.0)),
        "SCREEN_HEARTBEAT_SECONDS": max(0.05, _float(env, "SCREEN_HEARTBEAT_SECONDS", 15.0)),
        "SCREEN_SNAPSHOT_SECONDS": max(0.05, _float(env, "SCREEN_SNAPSHOT_SECONDS", 60.0)),
        "SCREEN_CACHE_SECONDS": max(0, _int(env, "SCREEN_CACHE_SECONDS", 5)),
        "LEADERBOARD_CACHE_SECONDS": max(0, _int(env, "LEADERBOARD_CACHE_SECONDS", 0 if app_env == "testing" else 30)),
        "POSTER_CACHE_SECONDS": _int(env, "POSTER_CACHE_SECONDS", 30 * 24 * 3600),
        "MAX_CONTENT_LENGTH": max(1024, _int(env, "MAX_CONTENT_LENGTH", 1024 * 1024)),
        "JSON_MAX_DEPTH": min(64, max(4, _int(env, "JSON_MAX_DEPTH", 32))),
        "HOUSEHOLD_CONTACT_DAYS": min(365, max(1, _int(env, "HOUSEHOLD_CONTACT_DAYS", 30))),
    }
    settings.update(_notice_settings(env, settings))
    settings.update(_storage_settings(env))
    settings.update(_metrics_settings(env))
    settings.update(_openapi_settings())
    _check_checkin_windows(settings)
    if app_env == "production":
        _refuse_unsafe_production(settings, env)
    return settings


def debug_requested(env):
    """Whether the environment asks for Flask's debug mode (FLASK_DEBUG, as
    ``flask run --debug`` sets it too)."""
    return (env.get("FLASK_DEBUG") or "").strip().lower() not in ("", "0", "false", "no", "off")


def _default_wechat_base(app_env):
    # Production talks to WeChat; development and tests to the local emulator.
    return WECHAT_PRODUCTION_BASE if app_env == "production" else "http://127.0.0.1:9100"


def _fernet_key(env):
    """DATA_ENCRYPTION_KEY checked at start-up: a wrong key found only when the
    first ID number is read would be too late."""
    raw = env.get("DATA_ENCRYPTION_KEY") or ""
    if not raw:
        return ""
    import base64
    import binascii

    try:
        decoded = base64.urlsafe_b64decode(raw.encode())
    except (binascii.Error, ValueError) as exc:
        raise ConfigError("DATA_ENCRYPTION_KEY must be urlsafe base64 (a Fernet key)") from exc
    if len(decoded) != 32:
        raise ConfigError("DATA_ENCRYPTION_KEY must decode to 32 bytes (a Fernet key)")
    return raw


DEFAULT_MINIPROGRAM_PAGES = (
    "pages/index/index",
    "pages/scan/scan",
    "pages/event/detail",
    "pages/hours/hours",
    "pages/volunteer/apply",
    "organiser/pages/index",
    "pages/notice/detail",
    "pages/needs/detail",
    "pages/duties/detail",
    "pages/whistle/list",
    "pages/whistle/report",
    "pages/whistle/rollcall",
    "pages/console-login/console-login",
    "households/pages/mine/mine",
    "households/pages/requests/requests",
)


def _notice_settings(env, settings):
    wechat_timeout = settings["WECHAT_TIMEOUT"]
    pages = [p.strip() for p in (env.get("MINIPROGRAM_PAGES") or "").split(",") if p.strip()]
    state = env.get("WECHAT_MINIPROGRAM_STATE") or "formal"
    if state not in ("developer", "trial", "formal"):
        raise ConfigError(f"WECHAT_MINIPROGRAM_STATE must be developer, trial or formal, got {state!r}")
    rate = _float(env, "NOTICE_SEND_RATE", 300.0)
    if rate <= 0:
        raise ConfigError("NOTICE_SEND_RATE must be above zero")
    inprocess_default = not settings["REDIS_URL"] and settings["APP_ENV"] != "testing"
    inprocess = env.get("NOTICE_INPROCESS_WORKER")
    inprocess = inprocess_default if inprocess in (None, "") else inprocess not in ("0", "false", "no")
    return {
        "SUBSCRIBE_TEMPLATES": env.get("SUBSCRIBE_TEMPLATES") or str(REPO_ROOT / "config" / "subscribe_templates.json"),
        "REPORT_DEADLINES": env.get("REPORT_DEADLINES") or str(REPO_ROOT / "config" / "report_deadlines.json"),
        "MINIPROGRAM_PAGES": pages or list(DEFAULT_MINIPROGRAM_PAGES),
        "WECHAT_MINIPROGRAM_STATE": state,
        "NOTICE_SEND_RATE": rate,
        "NOTICE_MAX_ATTEMPTS": max(1, _int(env, "NOTICE_MAX_ATTEMPTS", 8)),
        "NOTICE_BATCH_SIZE": max(1, _int(env, "NOTICE_BATCH_SIZE", 20)),
        "NOTICE_RETRY_BASE_MS": max(1, _int(env, "NOTICE_RETRY_BASE_MS", 1000)),
        "NOTICE_RETRY_MAX_MS": max(1, _int(env, "NOTICE_RETRY_MAX_MS", 60000)),
        # Longer than one send can take (the call, a token refresh, the retried call).
        "NOTICE_SENDING_LEASE": _float(env, "NOTICE_SENDING_LEASE", 2 * wechat_timeout + 5),
        "NOTICE_STALE_AFTER": _float(env, "NOTICE_STALE_AFTER", 120.0),
        "NOTICE_REMINDER_LEAD_HOURS": _float(env, "NOTICE_REMINDER_LEAD_HOURS", 24.0),
        "NOTICE_INPROCESS_WORKER": inprocess,
        "NOTICE_INPROCESS_THREADS": max(1, _int(env, "NOTICE_INPROCESS_THREADS", 2)),
        "QUEUE_NAMESPACE": env.get("QUEUE_NAMESPACE") or "jusha-dq",
        "QUEUE_HEARTBEAT_TIMEOUT_MS": _int(env, "QUEUE_HEARTBEAT_TIMEOUT_MS", max(15000, int(3000 * wechat_timeout))),
        "QUEUE_MAINTENANCE_CHANCE": min(1_000_000, max(1, _int(env, "QUEUE_MAINTENANCE_CHANCE", 10000))),
    }


def _storage_settings(env):
    url = env.get("STORAGE_URL") or str(REPO_ROOT / "instance" / "uploads")
    if "://" in url and not url.startswith(("file://", "s3://")):
        raise ConfigError(f"STORAGE_URL must be a folder, file:///folder or s3://bucket, got {url!r}")
    return {
        "STORAGE_URL": url,
        "STORAGE_S3_ENDPOINT": env.get("STORAGE_S3_ENDPOINT") or None,
        "STORAGE_S3_ACCESS_KEY": env.get("STORAGE_S3_ACCESS_KEY") or None,
        "STORAGE_S3_SECRET_KEY": env.get("STORAGE_S3_SECRET_KEY") or None,
        "STORAGE_S3_REGION": env.get("STORAGE_S3_REGION") or "us-east-1",
        # Backups may live in another store (or account) than the photos;
        # each unset value falls back to the storage's own.
        "BACKUP_S3_ENDPOINT": env.get("BACKUP_S3_ENDPOINT") or env.get("STORAGE_S3_ENDPOINT") or None,
        "BACKUP_S3_ACCESS_KEY": env.get("BACKUP_S3_ACCESS_KEY") or env.get("STORAGE_S3_ACCESS_KEY") or None,
        "BACKUP_S3_SECRET_KEY": env.get("BACKUP_S3_SECRET_KEY") or env.get("STORAGE_S3_SECRET_KEY") or None,
        "BACKUP_S3_REGION": env.get("BACKUP_S3_REGION") or env.get("STORAGE_S3_REGION") or "us-east-1",
        "UPLOAD_MAX_BYTES": max(1024, _int(env, "UPLOAD_MAX_BYTES", 8 * 1024 * 1024)),
        "UPLOAD_MAX_DIMENSION": min(8192, max(64, _int(env, "UPLOAD_MAX_DIMENSION", 2048))),
        "UPLOAD_JPEG_QUALITY": min(95, max(50, _int(env, "UPLOAD_JPEG_QUALITY", 85))),
        "FILE_URL_TTL": max(30, _int(env, "FILE_URL_TTL", 600)),
        "EXPORT_INLINE_MAX_ROWS": max(1, _int(env, "EXPORT_INLINE_MAX_ROWS", 20000)),
        "EXPORT_FILE_TTL": max(60, _int(env, "EXPORT_FILE_TTL", 24 * 3600)),
        "EXPORT_JOB_LEASE": max(5, _int(env, "EXPORT_JOB_LEASE", 120)),
        "MEDIA_CHECK_URL_TTL": max(600, _int(env, "MEDIA_CHECK_URL_TTL", 24 * 3600)),
        "WECHAT_PUSH_TOKEN": env.get("WECHAT_PUSH_TOKEN") or DEV_WECHAT_PUSH_TOKEN,
    }


def _metrics_settings(env):
    import ipaddress

    raw = env.get("METRICS_ALLOW_NETWORKS", "127.0.0.1/32,::1/128")
    try:
        networks = tuple(ipaddress.ip_network(part.strip()) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"METRICS_ALLOW_NETWORKS must be networks like 10.0.0.0/8, got {raw!r}") from exc
    return {"METRICS_ALLOW_NETWORKS": networks, "METRICS_TOKEN": env.get("METRICS_TOKEN") or ""}


def _engine_options(database_url, env):
    if database_url.startswith("sqlite"):
        # SQLite serialises writers; a busy timeout turns "database is locked"
        # into a short wait when the demo's threads write at once.
        return {"connect_args": {"timeout": 15}}
    return {
        "pool_pre_ping": True,
        "pool_size": _int(env, "DB_POOL_SIZE", 5),
        "max_overflow": _int(env, "DB_MAX_OVERFLOW", 10),
        "pool_timeout": _float(env, "DB_POOL_TIMEOUT", 5.0),
        "connect_args": {"connect_timeout": _int(env, "DB_CONNECT_TIMEOUT", 5)},
    }


def _check_checkin_windows(settings):
    window, grace = settings["CHECKIN_TOKEN_WINDOW"], settings["CHECKIN_TOKEN_GRACE"]
    if window < 5:
        raise ConfigError("CHECKIN_TOKEN_WINDOW must be at least 5 seconds")
    if not 0 <= grace < window / 2:
        raise ConfigError("CHECKIN_TOKEN_GRACE must be between 0 and half of CHECKIN_TOKEN_WINDOW")
    if settings["RESIDENT_CODE_WINDOW"] < max(10, 2 * grace):
        raise ConfigError("RESIDENT_CODE_WINDOW must be at least 10 seconds and twice CHECKIN_TOKEN_GRACE")
    if not 1 <= settings["CHECKIN_BATCH_MAX"] <= 1000:
        raise ConfigError("CHECKIN_BATCH_MAX must be between 1 and 1000")


def _openapi_settings():
    return {
        "API_TITLE": "聚沙 Jusha API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        # Served by the app itself from the swagger-ui-bundle package, so the
        # docs page works on an intranet with no CDN.
        "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    }


def _refuse_unsafe_production(settings, env):
    problems = []
    if not env.get("SECRET_KEY") or settings["SECRET_KEY"] == DEV_SECRET_KEY:
        problems.append("SECRET_KEY is missing or is the development key")
    elif len(settings["SECRET_KEY"]) < 32:
        problems.append("SECRET_KEY must be at least 32 characters")
    for name, dev_value in (("WECHAT_APPID", DEV_WECHAT_APPID), ("WECHAT_SECRET", DEV_WECHAT_SECRET)):
        if not env.get(name) or env[name] == dev_value:
            problems.append(f"{name} is missing or is the development value")
    if not env.get("WECHAT_PUSH_TOKEN") or env["WECHAT_PUSH_TOKEN"] == DEV_WECHAT_PUSH_TOKEN:
        problems.append("WECHAT_PUSH_TOKEN is missing or is the development value")
    if not env.get("DATABASE_URL"):
        problems.append("DATABASE_URL is missing (production runs on PostgreSQL)")
    if not env.get("REDIS_URL"):
        problems.append("REDIS_URL is missing (production processes share one Redis)")
    if not env.get("DATA_ENCRYPTION_KEY"):
        # Derived from SECRET_KEY, rotating that key would make every stored ID number unreadable.
        problems.append("DATA_ENCRYPTION_KEY is missing (a Fernet key for ID-card numbers at rest)")
    if settings["CONSOLE_DEMO_SIGNIN"]:
        # It signs anyone in as any demo person through the emulator.
        problems.append("CONSOLE_DEMO_SIGNIN is on; production signs in by a real scan only")
    if debug_requested(env):
        # The debugger's console runs any code a visitor types.
        problems.append("debug mode is on (FLASK_DEBUG); production never runs the debugger")
    if problems:
        raise ConfigError("refusing to start in production: " + "; ".join(problems))
