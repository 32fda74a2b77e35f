"""/console/: the desk console's single-page app (console/, built by Vite).

The built files live in CONSOLE_DIST (default console/dist). Files that exist
there are served as they are (assets carry a content hash in their name, so
they may be cached for a year); every other /console/... path gets index.html,
because the console routes in the browser (history mode: /console/events/12,
/console/screen). Without a build, a Chinese page says how to make one.
"""
from pathlib import Path

from flask import Blueprint, current_app, render_template, send_from_directory
from werkzeug.security import safe_join

from app.extensions import limiter

bp = Blueprint("console", __name__, url_prefix="/console")
limiter.exempt(bp)  # a page load fetches a dozen files; the API behind it keeps its limits

YEAR = 365 * 24 * 3600


def _dist():
    return Path(current_app.config["CONSOLE_DIST"])


@bp.get("/")
@bp.get("/<path:path>")
def console(path=""):
    dist = _dist()
    if not (dist / "index.html").is_file():
        return render_template("console/not_built.html", dist=str(dist)), 503, {"Cache-Control": "no-store"}
    found = safe_join(str(dist), path) if path else None
    if found and Path(found).is_file():
        immutable = path.startswith("assets/")
        return send_from_directory(dist, path, max_age=YEAR if immutable else 0)
    if path.startswith("assets/"):
        # A stale page asking for last build's chunk: a 404, not index.html parsed as JavaScript.
        return "", 404
    response = send_from_directory(dist, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"  # a new build must reach the next page load
    return response
