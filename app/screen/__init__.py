"""The 数据大屏: figures for the subdistrict hall's display, live by
server-sent events, opened with a revocable display key (docs/screen.md)."""
from app import signals


def init_app(app):
    from app.screen import live

    # A check-in anywhere reaches every open screen, in every process.
    signals.checked_in.connect(live.publish_checkin, sender=app)
