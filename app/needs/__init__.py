"""Needs (需求清单) turned into duties (履职清单): 点单 → 派单 → 接单 → 履职 → 评单,
with dispatch suggestions, claims (抢单), the timeline, ratings, reopening,
the 7-day auto-close and escalating reminders. See docs/alliance-needs.md."""


def init_app(app):
    from app.needs import reminders  # noqa: F401  (declares the periodic jobs)
    from app.needs.screen_figure import needs_done_this_month
    from app.screen.panels import register

    register(app, "needs_done_month", needs_done_this_month)
