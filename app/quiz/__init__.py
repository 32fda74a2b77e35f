"""百年党史知多少: the question bank, online contests with fair play kept on the
server, leaderboards, results, certificates of honour, 每日一练 and my wrong
answers. See docs/quiz.md."""


def init_app(app):
    from app import signals
    from app.cli import jusha
    from app.contributions import contribute
    from app.quiz import cli, record
    from app.quiz import attempts  # noqa: F401  (declares the periodic job)

    cli.register(jusha)
    contribute(app, "learning_record", "contests", record.learning_record)
    contribute(app, "personal_data", "quiz", record.personal_data)
    signals.account_closed.connect(record.erase, sender=app)
