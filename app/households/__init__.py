"""党员联户 (household contact): households of a grid paired with party members,
the 联户证 and its messages, the 联户记录本 with needs found, reminders of
households not contacted, coverage, and an audit row for every read of a
household's record. See docs/households.md."""


def init_app(app):
    from app import signals
    from app.cli import jusha
    from app.contributions import contribute
    from app.households import cli, privacy, reminders  # noqa: F401  (reminders declares the periodic job)

    cli.register(jusha)
    contribute(app, "personal_data", "households", privacy.personal_data)
    signals.account_closed.connect(privacy.close_account, sender=app)
