"""Public HTML pages of check-in (outside the JSON API): the full-screen
projector page, and what a browser shows for the on-screen code's link."""
from flask import Blueprint, render_template, url_for

from app.checkin import projector
from app.errors import APIError
from app.localtime import day_and_time

bp = Blueprint("projector", __name__)

PHASE_TEXT = {
    "open": "请用微信扫码{what}",
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


@bp.get("/q/c")
def scanned_in_a_browser():
    """The on-screen code's link opened outside WeChat (another scanner app,
    a browser): WeChat would have opened the mini-program instead. No token
    is checked or shown here; the page only says what to do."""
    return render_template("checkin/scan_in_wechat.html"), 200, {
        "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}
