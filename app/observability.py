"""A request id on every response and every log line."""
import logging
import re
import uuid

from flask import g, has_request_context, request

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def configure_logging(level):
    root = logging.getLogger()
    if root.handlers:
        # A host configured logging already (dramatiq's worker CLI, pytest):
        # a second handler would print every line twice; lend it the field.
        for handler in root.handlers:
            if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
                handler.addFilter(RequestIdFilter())
    else:
        handler = logging.StreamHandler()
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(level)
    # The development server (./scripts/dev) logs every request and a
    # coloured banner (raw ANSI codes in a log) at INFO; only DEBUG shows them.
    # Production runs under gunicorn, where werkzeug logs nothing.
    numeric = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    if not isinstance(numeric, int) or numeric > logging.DEBUG:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)


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
