"""The hall projector's scoreboard page (outside the JSON API): full screen,
any browser, authorised by its signed link alone (app/hall/scoreboard.py)."""
from flask import Blueprint, render_template, url_for

from app.hall import scoreboard
from app.models import ROUND_KIND_LABELS
from app.errors import APIError

bp = Blueprint("hall_projector", __name__)

HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


@bp.get("/hall/projector/<string:signed>")
def page(signed):
    try:
        contest = scoreboard.open_link(signed)
    except APIError as exc:
        return render_template("hall/scoreboard_invalid.html", message=exc.message), 403, HEADERS
    return render_template("hall/scoreboard.html", state=scoreboard.state(contest), kinds=ROUND_KIND_LABELS,
                           state_url=url_for("hall.scoreboard_state", board=signed)), 200, HEADERS
