"""The full-screen projector page (server-rendered HTML, outside the JSON API)."""
from flask import Blueprint, render_template, url_for

from app.checkin import projector
from app.checkin.localtime import day_and_time
from app.errors import APIError

bp = Blueprint("projector", __name__)

PHASE_TEXT = {
    "open": "请用“聚沙”小程序扫码{what}",
    "not_open": "{what}将于 {opens} 开始",
    "closed": "{what}已结束",
    "cancelled": "活动已取消",
}


@bp.get("/projector/<string:signed>")
def page(signed):
    try:
        event, purpose = projector.open_link(signed)
    except APIError as exc:
        return render_template("checkin/projector_invalid.html", message=exc.message), 403
    state = projector.state(event, purpose)
    what = "签到" if purpose == "checkin" else "签退"
    texts = {phase: text.format(what=what, opens=day_and_time(state["opens_at"])) for phase, text in PHASE_TEXT.items()}
    response = render_template(
        "checkin/projector.html",
        state=state,
        what=what,
        texts=texts,
        state_url=url_for("checkin.projector_state", signed=signed),
    )
    return response, 200, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex",
                           "Referrer-Policy": "no-referrer"}
