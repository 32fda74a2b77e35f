"""A request id on every response and every log line; capabilities (projector
links, 数据大屏 display keys) kept out of every log line.

A projector link (``/projector/<signed>``, and its ``/api/v1/projector/
<signed>/state``) works for hours without a login: whoever reads it in a log
can show, and scan, the event's check-in code. ``redact`` replaces the signed
part with ``[redacted]``; the filter below applies it to the app's log lines
and to werkzeug's request log (the development server), and
``app.gunicorn_logger`` to gunicorn's access log (scripts/serve).
"""
import logging
import re
import uuid

from flask import g, has_request_context, request

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# The path segment after /projector/ up to the next separator (path, query,
# quote or space), URL-encoded or not.
_CAPABILITY = re.compile(r"(/projector/)[^/?#\s\"'<>]+")
REDACTED = "[redacted]"


# A 数据大屏 display key in a query string (``/console/screen?key=...``,
# ``/api/v1/screen/stream?key=...``): it works until an admin revokes it.
_DISPLAY_KEY = re.compile(r"([?&](?:amp;)?key=)[^&#\s\"'<>]+")


def redact(text):
    """``text`` with every projector capability and display key replaced by [redacted]."""
    if "/projector/" in text:
        text = _CAPABILITY.sub(lambda m: m.group(1) + REDACTED, text)
    if "key=" in text:
        text = _DISPLAY_KEY.sub(lambda m: m.group(1) + REDACTED, text)
    return text


def _redact_value(value):
    return redact(value) if isinstance(value, str) else value


class RedactCapabilities(logging.Filter):
    """Rewrites a record's message and arguments with ``redact``."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redact_value(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redact_value(value) for value in record.args)
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def configure_logging(level):
    root = logging.getLogger()
    # werkzeug's request log ("GET /projector/... HTTP/1.1" 200) is filtered
    # at its logger, whichever handler prints it.
    _add_filter_once(logging.getLogger("werkzeug"), RedactCapabilities)
    if root.handlers:
        # A host configured logging already (dramatiq's worker CLI, pytest):
        # a second handler would print every line twice; lend it the fields.
        for handler in root.handlers:
            _add_filter_once(handler, RequestIdFilter)
            _add_filter_once(handler, RedactCapabilities)
    else:
        handler = logging.StreamHandler()
        handler.addFilter(RequestIdFilter())
        handler.addFilter(RedactCapabilities())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(level)
    # The development server (./scripts/dev) logs every request and a
    # coloured banner (raw ANSI codes in a log) at INFO; only DEBUG shows them.
    # Production runs under gunicorn, where werkzeug logs nothing.
    numeric = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    # APScheduler announces every run of every job at INFO (the notices tick
    # runs every 15 s); the jobs log what they did themselves.
    if not isinstance(numeric, int) or numeric > logging.DEBUG:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _add_filter_once(target, kind):
    if not any(isinstance(f, kind) for f in target.filters):
        target.addFilter(kind())


def init_request_ids(app):
    @app.before_request
    def assign_request_id():
        incoming = request.headers.get("X-Request-ID", "")
        # Keep the balancer's id when it is sane, so one id follows a request end to end.
        g.request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def expose_request_id(response):
        response.headers["X-Request-ID"] = g.get("request_id", "-")
        return response
