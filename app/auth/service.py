"""Login with WeChat: code → session → user → token. Knows nothing of HTTP."""
import logging

from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.auth import tokens
from app.errors import APIError
from app.extensions import db
from app.models import User, utcnow
from app.wechat import ask_wechat, wechat

log = logging.getLogger(__name__)

# code2Session: invalid code, code already used, high-risk user blocked
LOGIN_CODE_ERRORS = dict.fromkeys((40029, 40163, 40226), "login_code_invalid")
PHONE_CODE_ERRORS = dict.fromkeys((40029, 40163, 40013), "phone_code_invalid")


def login_with_code(code):
    """Exchange a ``wx.login`` code; returns ``(token, expires_in, user)``."""
    session = ask_wechat(wechat().wxa.code_to_session, code, errors=LOGIN_CODE_ERRORS)

    user = _find_or_create_user(session["openid"], session.get("unionid"))
    if not user.is_active:
        raise APIError("account_disabled")
    user.session_key = session.get("session_key")
    if session.get("unionid") and not user.unionid:
        user.unionid = session["unionid"]
    user.last_login_at = utcnow()
    db.session.commit()
    ttl = current_app.config["AUTH_TOKEN_TTL"]
    return tokens.issue(user, ttl), ttl, user


def _find_or_create_user(openid, unionid):
    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None and unionid:
        user = db.session.execute(db.select(User).filter_by(unionid=unionid)).scalar_one_or_none()
    if user is not None:
        return user
    user = User(openid=openid, unionid=unionid)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # The same person logged in twice at once; the other request made the row.
        db.session.rollback()
        user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()
    return user


def bind_phone(user, code):
    result = ask_wechat(wechat().get_phone_number, code, errors=PHONE_CODE_ERRORS)
    info = result.get("phone_info") or {}
    phone = info.get("purePhoneNumber") or info.get("phoneNumber")
    if not phone:
        raise APIError("wechat_error", details={"errmsg": "no phone_info in the answer"})
    user.phone = phone
    db.session.commit()
    return user


def logout(token):
    tokens.revoke(token)
