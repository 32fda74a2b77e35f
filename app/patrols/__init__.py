"""Patrols (巡防): a volunteer squad patrols a community on routes of
checkpoints; each patrol's route, time, distance and checkpoints are
recorded and count as volunteer service. docs/grids-and-patrols.md"""


def init_app(app):
    from app import contributions, signals
    from app.patrols import jobs, personal  # noqa: F401  (jobs declares the periodic job)

    contributions.contribute(app, "personal_data", "patrols", personal.my_patrols)
    signals.account_closed.connect(personal.erase_locations_of, sender=app)
