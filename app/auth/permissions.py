"""Who may do what: the one place authorisation is decided.

Handlers declare ``@login_required`` or ``@roles_required(...)``; services ask
``scope_of(user)`` whether a community or member unit is theirs to manage.
"""
from dataclasses import dataclass, field
from functools import wraps

from flask import g, request
from flask_smorest import Blueprint

from app.auth import tokens
from app.errors import APIError
from app.extensions import db
from app.models import User

BEARER_DOC = {"security": [{"bearerAuth": []}]}
STAFF_ROLES = ("organiser", "admin")


def current_user():
    """The signed-in user of this request, or None."""
    if "current_user" not in g:
        g.current_user = _user_from_header()
    return g.current_user


def _user_from_header():
    user_id = current_user_id()
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
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
    (read it with ``current_user_id()``)."""

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
            if user.role not in roles:
                raise APIError("forbidden")
            return view(*args, **kwargs)

        return Blueprint.doc(**BEARER_DOC)(wrapper)

    return decorator


@dataclass(frozen=True)
class Scope:
    """The communities and member units a user may manage."""

    everything: bool = False
    community_ids: frozenset = field(default_factory=frozenset)
    member_unit_ids: frozenset = field(default_factory=frozenset)

    def covers(self, community_id=None, member_unit_id=None):
        if self.everything:
            return True
        if community_id is not None and community_id in self.community_ids:
            return True
        return member_unit_id is not None and member_unit_id in self.member_unit_ids

    @property
    def is_empty(self):
        return not (self.everything or self.community_ids or self.member_unit_ids)


def scope_of(user):
    if user is None:
        return Scope()
    if user.role == "admin":
        return Scope(everything=True)
    if user.role != "organiser":
        return Scope()
    return Scope(
        community_ids=frozenset(s.community_id for s in user.scopes if s.community_id is not None),
        member_unit_ids=frozenset(s.member_unit_id for s in user.scopes if s.member_unit_id is not None),
    )


def require_scope(user, community_id=None, member_unit_id=None):
    """Raise 403 unless ``user`` manages the given community or member unit."""
    if not scope_of(user).covers(community_id=community_id, member_unit_id=member_unit_id):
        raise APIError("out_of_scope")
