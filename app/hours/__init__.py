"""Service hours: records from check-ins, approval, the append-only ledger,
totals, certificates and exports."""
from app import signals


def init_app(app):
    from app.cli import jusha
    from app.hours import cli, leaderboard_cache, records

    cli.register(jusha)

    # A check-out makes the volunteer's pending service record at once.
    signals.checked_out.connect(records.record_on_checkout, sender=app)
    # An approval changes the ranking: organisers see it at once, not after the cache's TTL.
    signals.hours_approved.connect(leaderboard_cache.forget_on_approval, sender=app)
