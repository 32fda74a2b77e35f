"""基层吹哨，联盟报到 and 圆桌会: a community blows the whistle, the alliance's
units report for duty and check in at the whistle's event; roundtables turn
open matters into needs and projects. docs/alliance-whistles.md."""


def init_app(app):
    from app.whistles import notify  # noqa: F401  (declares the call's job and its periodic catch-up)
