"""党史学习亮初心: the offline contest in the hall: teams of the alliance's
units and communities, rounds, judges' score entries (an append-only log),
the projector's live scoreboard, results and certificates. docs/hall.md."""
from app import contributions, signals


def init_app(app):
    from app.hall import privacy

    contributions.contribute(app, "personal_data", "hall", privacy.personal_data)
    signals.account_closed.connect(privacy.end_appointments, sender=app)
