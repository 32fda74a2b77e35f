"""Development only: "scan" the console's code as a demo person.

WeChat cannot scan a browser's screen here, so the sign-in page of a
development server (CONSOLE_DEMO_SIGNIN, refused in production) offers the
demo people. Choosing one does what their phone would: a wx.login code minted
by the emulator, the real login with it (code2Session through wechatpy), then
the same scan and confirm that POST /auth/console/scan and /confirm run, as
the person that login identified. The phone's token is revoked afterwards.

A plain Flask blueprint, outside the OpenAPI document: it is no part of the
API's contract, and the document must not change with a development switch.
"""
import requests
from flask import Blueprint, current_app, jsonify, request
from marshmallow import ValidationError

from app.auth import console_login, roles, service, tokens
from app.auth.console_schemas import DemoConfirmSchema, DemoPersonSchema
from app.auth.policy import primary_role
from app.errors import APIError
from app.extensions import db
from app.models import User

bp = Blueprint("console_demo", __name__, url_prefix="/api/v1/auth/console/demo")


def _demo_openids():
    from app.cli.demo import PEOPLE

    return [openid for openid, *_ in PEOPLE]


@bp.get("/people")
def people():
    """The demo people (development servers only)."""
    openids = _demo_openids()
    found = {u.openid: u for u in db.session.execute(db.select(User).where(User.openid.in_(openids))).scalars()}
    answer = []
    for openid in openids:
        if openid in found:
            user = found[openid]
            role = primary_role(user)
            answer.append({"id": user.id, "name": user.name, "role": role, "role_label": roles.ROLE_LABELS[role]})
    return jsonify(DemoPersonSchema(many=True).dump(answer))


@bp.post("/confirm")
def confirm():
    """Log a demo person in at the emulator, then scan and confirm as them."""
    try:
        body = DemoConfirmSchema().load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise APIError("validation_failed", details={"json": exc.messages}) from exc
    user = db.session.get(User, body["user_id"])
    if user is None or user.openid not in _demo_openids():
        raise APIError("user_not_found")
    base = current_app.config["WECHAT_API_BASE"]
    try:
        minted = requests.post(f"{base}/_emulator/login-codes", json={"openid": user.openid}, timeout=5)
        minted.raise_for_status()
    except requests.RequestException as exc:
        raise APIError("wechat_unavailable") from exc
    phone_token, _, _ = service.login_with_code(minted.json()["code"])
    try:
        phone_user = db.session.get(User, tokens.resolve(phone_token))
        console_login.scan(phone_user, body["nonce"])
        return jsonify(console_login.confirm(phone_user, body["nonce"]))
    finally:
        tokens.revoke(phone_token)


def init_app(app):
    if app.config["CONSOLE_DEMO_SIGNIN"]:
        app.register_blueprint(bp)
