"""Service hours: records from check-ins, approval, the append-only ledger,
totals, certificates and exports."""
from app import signals


def init_app(app):
    from app.cli import jusha
    from app.hours import cli, export, leaderboard_cache, records, totals, totals_rebuild  # noqa: F401  (totals: hooks)
    from app.scale import POST_LOAD_STEPS

    cli.register(jusha)
    export.register_export_job()

    # A check-out makes the volunteer's pending service record at once.
    signals.checked_out.connect(records.record_on_checkout, sender=app)
    # The scale seeder's COPY bypasses the hooks that keep the running totals.
    if totals_rebuild.rebuild_after_bulk_load not in POST_LOAD_STEPS:
        POST_LOAD_STEPS.append(totals_rebuild.rebuild_after_bulk_load)
    # An approval changes the ranking: organisers see it at once, not after the cache's TTL.
    signals.hours_approved.connect(leaderboard_cache.forget_on_approval, sender=app)
