"""Who is signed in, and the gate at each handler's door.

Handlers declare ``@login_required`` or ``@roles_required(roles.ORGANISER, ...)``
(holding the role over any scope); whether a particular object is theirs is
asked of ``app.auth.policy``.
"""
from functools import wraps

from flask import g, request
from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload

from app.auth import tokens
from app.auth.policy import holds
from app.errors import APIError
from app.extensions import db
from app.models import User

BEARER_DOC = {"security": [{"bearerAuth": []}]}
# The grants in the user's own statement: nearly every view asks the policy,
# and their own SELECT (the relationship's selectin) was a second round trip
# on every signed-in request. Built once: building it costs ~25 µs a request.
_WITH_GRANTS = (joinedload(User.grants),)


def current_user():
    """The signed-in user of this request, or None."""
    if "current_user" not in g:
        g.current_user = _user_from_header()
    return g.current_user


def _user_from_header():
    user_id = current_user_id()
    if user_id is None:
        return None
    user = db.session.get(User, user_id, options=_WITH_GRANTS)
    if user is None or not user.is_active:
        raise APIError("token_invalid")
    return user


def current_user_id():
    """The signed-in user's id without loading the user row, for hot paths
    (check-in scans). A login token resolves only while its session is live,
    and deactivating a user revokes all of their sessions."""
    if "current_user" in g:
        return g.current_user.id if g.current_user is not None else None
    if "current_user_id" not in g:
        header = request.headers.get("Authorization", "")
        user_id = None
        if header.startswith("Bearer "):
            user_id = tokens.resolve(header[7:].strip())
            if user_id is None:
                raise APIError("token_invalid")
        g.current_user_id = user_id
    return g.current_user_id


def bearer_token():
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else None


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            raise APIError("unauthenticated")
        return view(*args, **kwargs)

    return Blueprint.doc(**BEARER_DOC)(wrapper)


def login_id_required(view):
    """``login_required`` that checks the token but does not load the user
    (read it with ``current_user_id()``). The token cache cannot know of a
    user disabled by a path other than ours, so a view behind this gate must
    ask the row itself (the scan's insert does, in its own statement:
    ``app.checkin.service._active``)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user_id() is None:
            raise APIError("unauthenticated")
        return view(*args, **kwargs)

    return Blueprint.doc(**BEARER_DOC)(wrapper)


def roles_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                raise APIError("unauthenticated")
            if not any(holds(user, role) for role in roles):
                raise APIError("forbidden")
            return view(*args, **kwargs)

        return Blueprint.doc(**BEARER_DOC)(wrapper)

    return decorator
