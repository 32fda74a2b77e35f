"""The front door for everyone (docs/front-door.md): resident codes and
printed cards for people who cannot scan, and family members who check an
elder in with the elder's consent (家属代签). The check-in side (scanning a
resident's code, offline batches, family check-in) lives in app/checkin."""
from app import contributions, signals


def init_app(app):
    from app.residents import privacy

    signals.account_closed.connect(privacy.forget_closed_account, sender=app)
    contributions.contribute(app, "personal_data", "front_door", privacy.my_front_door)
