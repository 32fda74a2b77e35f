"""Events: shared lectures (共享党课), citizen welfare days (市民公益日) and
volunteer activities; registration (报名) with a waiting list; the monthly
welfare-day planner. Check-in lives in ``app.checkin``."""


def init_app(app):
    from app.cli import jusha
    from app.events import cli, welfare  # noqa: F401  (welfare declares the periodic planning)

    cli.register(jusha)
