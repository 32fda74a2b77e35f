"""Check-in: rotating QR codes, posters, check-in and check-out, attendance,
exports and charts (docs/checkin.md)."""
from app import signals


def init_app(app):
    from app.checkin import event_cache

    # An organiser's edit or cancellation applies to this process's scans at once.
    signals.event_changed.connect(event_cache.forget_changed_event, sender=app)
    signals.event_cancelled.connect(event_cache.forget_cancelled_events, sender=app)
