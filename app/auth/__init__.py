"""Authentication and authorisation."""


def init_app(app):
    from app.auth.permissions import current_user_id
    from app.errors import APIError

    def signed_in_user_id():
        """The caller's user id, or None (no token, or one that resolves to nobody)."""
        try:
            return current_user_id()
        except APIError:
            return None

    # The rate limiter (app.extensions) keys a signed-in caller's limits by this.
    app.extensions["jusha_signed_in_user_id"] = signed_in_user_id
