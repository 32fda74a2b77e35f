"""聚沙讲堂: the 宣讲团 (lecturers), the course catalogue, course orders
(点课 / 送学) that become shared lectures (共享党课), and online learning.
docs/lectures.md."""


def init_app(app):
    from app import contributions, signals
    from app.lectures import learning

    contributions.contribute(app, "learning_record", "online", learning.learning_record)
    contributions.contribute(app, "personal_data", "lectures", learning.personal_data)
    signals.account_closed.connect(learning.erase, sender=app, weak=False)
