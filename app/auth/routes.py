"""/api/v1/auth: login, phone binding, logout."""
from flask import current_app
from flask_smorest import Blueprint

from app.auth import service
from app.auth.permissions import bearer_token, current_user, login_required
from app.auth.schemas import LoginResultSchema, LoginSchema, PhoneCodeSchema
from app.extensions import client_address, limiter
from app.schemas import UserSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="WeChat login")


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


@blp.route("/login", methods=["POST"])
# By address alone: login carries no token to key on.
@limiter.limit(_login_limit, key_func=lambda: "login:" + client_address())
@blp.arguments(LoginSchema)
@blp.response(200, LoginResultSchema)
@blp.alt_response(401, schema="Error", description="login_code_invalid")
@blp.alt_response(502, schema="Error", description="WeChat failed")
def login(body):
    """Exchange a wx.login code for an API token."""
    token, expires_in, user = service.login_with_code(body["code"])
    return {"token": token, "expires_in": expires_in, "user": user}


@blp.route("/phone", methods=["POST"])
@limiter.limit(_login_limit)
@login_required
@blp.arguments(PhoneCodeSchema)
@blp.response(200, UserSchema)
def bind_phone(body):
    """Bind the phone number the user granted with the getPhoneNumber button."""
    return service.bind_phone(current_user(), body["code"])


@blp.route("/logout", methods=["POST"])
@login_required
@blp.response(204)
def logout():
    """Revoke the token this request carries."""
    service.logout(bearer_token())
