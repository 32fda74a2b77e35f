"""Subdistrict admins: roles, organiser scopes, the audit trail."""


def init_app(app):
    from app.admin import cli
    from app.cli import jusha

    cli.register(jusha)
