"""Notices: organisers compose, a Dramatiq queue delivers them as WeChat
subscription messages, at most once per person, within one global rate.

See docs/notices.md for the delivery design and its trade-offs."""
from app import signals


def init_app(app):
    from app.cli import jusha
    from app.notices import cli, dispatch, tasks  # noqa: F401  (declare the periodic tick and the queued jobs)
    from app.notices.automatic import announce_hours_credited

    cli.register(jusha)
    # Approved hours are announced to the volunteers who allowed it.
    signals.hours_approved.connect(announce_hours_credited, sender=app)
