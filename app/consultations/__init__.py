"""议事: community consultation topics with comments, votes and a resolution
(新沙社区's corridor meetings). See docs/consultations.md."""


def init_app(app):
    from app import signals
    from app.consultations.service import erase_comments_of
    from app.consultations.views import my_consultations
    from app.contributions import contribute

    signals.account_closed.connect(erase_comments_of, sender=app)
    contribute(app, "personal_data", "consultations", my_consultations)
