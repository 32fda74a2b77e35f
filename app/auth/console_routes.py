"""/api/v1/auth/console: sign in to the desk console by scanning a mini-program code.

nonce (the console, anonymous) → scan, confirm or cancel (the phone, signed
in) → poll (the console, anonymous; POST because the first poll after
confirmation takes the nonce and creates the session). Sign out is the usual
POST /api/v1/auth/logout with the console token.
"""
from flask import current_app, request
from flask_smorest import Blueprint

from app.auth import console_login
from app.auth.console_schemas import (
    NewNonceSchema,
    NonceSchema,
    PhoneAnswerSchema,
    PollResultSchema,
    ScanResultSchema,
)
from app.auth.permissions import current_user, login_required
from app.extensions import client_address, limiter

blp = Blueprint("console_auth", __name__, url_prefix="/api/v1/auth/console",
                description="Desk console sign-in by scanning (扫码登录)")


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


@blp.route("/nonce", methods=["POST"])
# Each nonce costs a WeChat call: limited per address like login.
@limiter.limit(_login_limit, key_func=lambda: "console-nonce:" + client_address())
@blp.response(200, NewNonceSchema)
@blp.alt_response(502, schema="Error", description="WeChat failed")
def new_nonce():
    """A one-time sign-in nonce and its mini-program code to show on the console."""
    return console_login.new_nonce(client_address(), request.headers.get("User-Agent"))


@blp.route("/scan", methods=["POST"])
@login_required
@blp.arguments(NonceSchema)
@blp.response(200, ScanResultSchema)
@blp.alt_response(403, schema="Error", description="console_not_staff")
@blp.alt_response(409, schema="Error", description="console_login_expired")
def scan(body):
    """The mini-program opened the code: the console shows 已扫码; the phone shows who asks."""
    return console_login.scan(current_user(), body["nonce"])


@blp.route("/confirm", methods=["POST"])
@login_required
@blp.arguments(NonceSchema)
@blp.response(200, PhoneAnswerSchema)
@blp.alt_response(403, schema="Error", description="console_not_staff")
@blp.alt_response(409, schema="Error", description="console_login_expired")
def confirm(body):
    """Sign the console in as me (a staff or unit-contact grant is required)."""
    return console_login.confirm(current_user(), body["nonce"])


@blp.route("/cancel", methods=["POST"])
@login_required
@blp.arguments(NonceSchema)
@blp.response(200, PhoneAnswerSchema)
@blp.alt_response(409, schema="Error", description="console_login_expired")
def cancel(body):
    """Refuse the sign-in on the phone."""
    return console_login.cancel(current_user(), body["nonce"])


@blp.route("/poll", methods=["POST"])
@blp.arguments(NonceSchema)
@blp.response(200, PollResultSchema)
def poll(body):
    """The console asks how its code is doing; the first poll after confirmation gets the token."""
    return console_login.poll(body["nonce"], client_address())
