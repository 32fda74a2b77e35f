"""Service hours: records from check-ins, approval, the append-only ledger,
totals, certificates and exports."""
from app import signals


def init_app(app):
    from app.cli import jusha
    from app.hours import cli, export, records, totals  # noqa: F401  (totals: its hooks keep the running totals)

    cli.register(jusha)
    export.register_export_job()

    # A check-out makes the volunteer's pending service record at once.
    signals.checked_out.connect(records.record_on_checkout, sender=app)
