"""Projector links are capabilities (they work for hours, without a login):
no log the app writes may carry one. Covered: the app's own log lines,
werkzeug's request log (the development server) and gunicorn's access log
(scripts/serve)."""
import io
import logging
import threading
from datetime import timedelta
from types import SimpleNamespace

import requests
from werkzeug.serving import make_server

from app.checkin import projector
from app.gunicorn_logger import RedactingLogger
from app.observability import configure_logging, redact
from tests.factories import make_community, make_event, make_organiser

SIGNED = "WzEyLCJpIiwzNF0.Z3xYzA.q1w2e3r4t5y6u7i8o9p0-_AbCdEf"


def test_redact_hides_the_signed_part_wherever_it_appears():
    assert redact(f'"GET /projector/{SIGNED} HTTP/1.1" 200') == '"GET /projector/[redacted] HTTP/1.1" 200'
    assert redact(f"/api/v1/projector/{SIGNED}/state?x=1") == "/api/v1/projector/[redacted]/state?x=1"
    assert redact(f"https://jusha.example/projector/{SIGNED}") == "https://jusha.example/projector/[redacted]"
    assert redact("/api/v1/events/3/projector-link") == "/api/v1/events/3/projector-link"
    assert redact("nothing to hide") == "nothing to hide"


def test_the_apps_own_log_lines_are_redacted():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        configure_logging("INFO")  # lends every root handler the filters
        logging.getLogger("app.checkin").warning("opened %s", f"/projector/{SIGNED}")
        logging.getLogger("app.checkin").warning(f"refused /api/v1/projector/{SIGNED}/state")
    finally:
        root.removeHandler(handler)
    assert SIGNED not in stream.getvalue()
    assert stream.getvalue().count("/projector/[redacted]") == 2


def test_werkzeugs_request_log_is_redacted(app, caplog):
    with app.app_context():
        community = make_community()
        event = make_event(community=community, starts_in=timedelta(minutes=5))
        signed = projector.issue(event.id, "checkin", make_organiser(community).id).signed
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            base = f"http://127.0.0.1:{server.server_port}"
            assert requests.get(f"{base}/projector/{signed}", timeout=10).status_code == 200
            assert requests.get(f"{base}/api/v1/projector/{signed}/state", timeout=10).status_code == 200
    finally:
        server.shutdown()
        thread.join(timeout=10)
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert len([line for line in lines if "/projector/[redacted]" in line]) == 2
    assert not any(signed in line for line in lines)


def test_gunicorns_access_log_is_redacted():
    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    stream = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(stream)]
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/api/v1/projector/{SIGNED}/state?t=1",
               "PATH_INFO": f"/api/v1/projector/{SIGNED}/state", "QUERY_STRING": "t=1",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.9",
               "HTTP_REFERER": f"https://jusha.example/projector/{SIGNED}", "HTTP_USER_AGENT": "Chrome"}
    response = SimpleNamespace(status="200 OK", sent=120, headers=[("Content-Type", "application/json")])
    request = SimpleNamespace(headers=[("Referer", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, timedelta(milliseconds=3))
    line = stream.getvalue()
    assert "GET /api/v1/projector/[redacted]/state?t=1 HTTP/1.1" in line
    assert "https://jusha.example/projector/[redacted]" in line
    assert SIGNED not in line


def test_scripts_serve_uses_the_redacting_logger():
    from pathlib import Path

    serve = (Path(__file__).resolve().parents[2] / "scripts" / "serve").read_text()
    assert "--logger-class app.gunicorn_logger.RedactingLogger" in serve
