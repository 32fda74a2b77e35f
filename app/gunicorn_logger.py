"""gunicorn's logger with projector capabilities redacted from the access
log (``--logger-class app.gunicorn_logger.RedactingLogger`` in scripts/serve).

Every atom of the access-log format goes through ``app.observability.redact``:
the request line (%(r)s), path (%(U)s), query (%(q)s), and the headers too,
since a browser may send the projector page's URL as the Referer (%(f)s) of
its own requests (the page sets Referrer-Policy: no-referrer; old browsers
may not honour it).
"""
from gunicorn.glogging import Logger

from app.observability import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
